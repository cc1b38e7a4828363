/**
 * Counts per resource of a snapshot, for the CLI and the run history. A section the source did
 * not provide counts as `null` ("not collected"), never 0 ("collected, there are none").
 */
import type { SnapshotSummary, StoreSnapshot } from "./types";

function inventoryLevels(s: StoreSnapshot, variants: number): number | null {
  let levels: number | null = null;
  for (const p of s.products)
    for (const v of p.variants)
      if (v.inventoryLevels !== null) levels = (levels ?? 0) + v.inventoryLevels.length;
  // A shop with no variants has no levels to carry the answer; its locations say whether
  // per-location inventory was read at all.
  if (levels === null && variants === 0 && s.locations !== null) return 0;
  return levels;
}

export function summariseSnapshot(s: StoreSnapshot): SnapshotSummary {
  let variants = 0;
  let media = 0;
  for (const p of s.products) {
    variants += p.variants.length;
    media += p.media.length;
  }
  return {
    source: s.source,
    shop: s.shop.domain,
    products: s.products.length,
    variants,
    media,
    collections: s.collections?.length ?? null,
    locations: s.locations?.length ?? null,
    inventoryLevels: inventoryLevels(s, variants),
    markets: s.markets?.length ?? null,
    deliveryProfiles: s.deliveryProfiles?.length ?? null,
    policies: s.policies?.length ?? null,
    discounts: s.discounts?.length ?? null,
    themeFiles: s.theme?.files.length ?? null,
    orderMonths: s.orderKpis?.length ?? null,
  };
}
