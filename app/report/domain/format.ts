/**
 * Numbers, money, percentages and dates of a report, through Intl in the reader's language and
 * the shop's country and time zone (da + DK → "1.234,50 kr."; en + DK → "DKK 1,234.50").
 */
import type { ReportLanguage } from "./types";

export interface ReportFormat {
  language: ReportLanguage;
  /** BCP 47 tag used with Intl. */
  locale: string;
  currencyCode: string | null;
  timeZone: string;
}

export function intlLocale(language: ReportLanguage, countryCode: string | null): string {
  const tag =
    countryCode && /^[A-Z]{2}$/.test(countryCode) ? `${language}-${countryCode}` : language;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? language;
  } catch {
    return language;
  }
}

export function reportFormat(
  language: ReportLanguage,
  shop: { currencyCode: string | null; countryCode: string | null },
  timeZone: string,
): ReportFormat {
  return {
    language,
    locale: intlLocale(language, shop.countryCode),
    currencyCode: shop.currencyCode,
    timeZone,
  };
}

export function formatNumber(f: ReportFormat, n: number, digits = 0): string {
  return new Intl.NumberFormat(f.locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(n);
}

export function formatMoney(f: ReportFormat, n: number, currencyCode = f.currencyCode): string {
  if (!currencyCode) return formatNumber(f, n, 2);
  try {
    return new Intl.NumberFormat(f.locale, { style: "currency", currency: currencyCode }).format(n);
  } catch {
    return `${formatNumber(f, n, 2)} ${currencyCode}`;
  }
}

export function formatPercent(f: ReportFormat, ratio: number): string {
  return new Intl.NumberFormat(f.locale, { style: "percent", maximumFractionDigits: 1 }).format(
    ratio,
  );
}

export function formatDate(f: ReportFormat, iso: string): string {
  return new Intl.DateTimeFormat(f.locale, {
    timeZone: f.timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(new Date(iso));
}

export function formatDateTime(f: ReportFormat, iso: string): string {
  return new Intl.DateTimeFormat(f.locale, {
    timeZone: f.timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** "October 2026" / "oktober 2026". */
export function formatMonthName(f: ReportFormat, month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(f.locale, {
    timeZone: "UTC",
    month: "long",
    year: "numeric",
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 15)));
}
