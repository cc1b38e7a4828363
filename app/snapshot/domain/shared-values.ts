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
}
