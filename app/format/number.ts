/** Numbers, money and percentages through Intl, rounded (never "97.47191011235955 %"). */
import type { Formatter } from "./locale";

type Locale = Pick<Formatter, "locale">;

/** At most `digits` decimals, none forced: 1234.5 → "1.234,5" (da) / "1,234.5" (en). */
export function formatNumber(f: Locale, n: number, digits = 0): string {
  return new Intl.NumberFormat(f.locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(n);
}

/** In the shop's currency ("1.234,50 kr." / "DKK 1,234.50"); a plain number when it has none. */
export function formatMoney(
  f: Pick<Formatter, "locale" | "currencyCode">,
  n: number,
  currencyCode = f.currencyCode,
): string {
  if (!currencyCode) return formatNumber(f, n, 2);
  try {
    return new Intl.NumberFormat(f.locale, { style: "currency", currency: currencyCode }).format(n);
  } catch {
    return `${formatNumber(f, n, 2)} ${currencyCode}`;
  }
}

/** A ratio (0.4333) as a percentage with at most one decimal ("43,3 %" / "43.3%"). */
export function formatPercent(f: Locale, ratio: number, digits = 1): string {
  return new Intl.NumberFormat(f.locale, {
    style: "percent",
    maximumFractionDigits: digits,
  }).format(ratio);
}
