/**
 * Shares equal small values between snapshot objects: most variants of a catalog have one of a
 * few weights and option combinations ("Size: M"), so 400,000 variants need not carry 400,000
 * copies. Shared values are frozen, so a consumer mutating one fails loudly instead of changing
 * every product that shares it. The table is bounded: past `limit` distinct values new ones are
 * kept unshared.
 */
export class SharedValues {
  private readonly table = new Map<string, unknown>();

  constructor(private readonly limit = 20_000) {}

  /** The shared value for `key` within `kind` (kinds never share values with each other). */
  share<T extends object>(kind: string, key: string, make: () => T): T {
    const fullKey = `${kind}:${key}`;
    const known = this.table.get(fullKey) as T | undefined;
    if (known) return known;
    const value = Object.freeze(make());
    if (this.table.size < this.limit) this.table.set(fullKey, value);
    return value;
  }

  private readonly strings = new Map<string, string>();

  /**
   * One copy of a string that repeats across the catalogue (a variant title like "M / Forest
   * Green", a vendor, a collection id): V8 shares only short strings JSON.parse makes, so 400,000
   * variants would otherwise carry 400,000 copies. Bounded like the values: past `limit`
   * distinct strings, new ones are kept as they came.
   */
  text<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    if (this.strings.size < this.limit) this.strings.set(value, value);
    return value;
  }
}
