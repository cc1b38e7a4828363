/**
 * Exact sums of Shopify's decimal money strings ("249.0", "19.95", "1500"), without float drift:
 * amounts are held as integers of 10^-SCALE units.
 */
const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);

export function parseDecimal(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${JSON.stringify(text)}`);
  const fraction = (m[3] ?? "").slice(0, SCALE).padEnd(SCALE, "0");
  const value = BigInt(m[2] ?? "0") * FACTOR + BigInt(fraction);
  return m[1] === "-" ? -value : value;
}

/** Rounded half away from zero to `decimals` places (2 by default, Shopify's usual money format). */
export function formatDecimal(value: bigint, decimals = 2): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = 10n ** BigInt(SCALE - decimals);
  const rounded = (abs + unit / 2n) / unit;
  const scale = 10n ** BigInt(decimals);
  const whole = rounded / scale;
  const fraction = decimals > 0 ? `.${(rounded % scale).toString().padStart(decimals, "0")}` : "";
  return `${negative && rounded !== 0n ? "-" : ""}${whole}${fraction}`;
}

/** value / divisor, for averages. */
export function divideDecimal(value: bigint, divisor: number): bigint {
  return value / BigInt(divisor);
}
