/**
 * Shopify GIDs carry the numeric ("legacy") id that admin URLs use:
 * `gid://shopify/Product/8412000000097` → "8412000000097". The snapshot keeps only the GID
 * (a second string per product and variant costs ~16 MB on a 100,000-product catalog).
 * Synthetic ids of CSV snapshots (`csv://…`) have no legacy id.
 */
const GID = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)(?:\?.*)?$/;

export function legacyIdOf(id: string): string | null {
  return GID.exec(id)?.[1] ?? null;
}
