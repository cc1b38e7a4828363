/**
 * Deterministic Shopify GIDs for seeded stores.
 *
 * Each resource type counts up from its own base, sized like real Shopify ids (products have
 * 13 digits, variants 14, …) so that code which parses or displays ids sees realistic values.
 * Allocating in creation order also keeps Shopify's property that a newer resource has a
 * larger id.
 */
const BASES = {
  Shop: 71_234_567_890,
  Location: 81_920_000_000,
  Product: 8_412_000_000_000,
  ProductVariant: 45_120_000_000_000,
  InventoryItem: 47_310_000_000_000,
  MediaImage: 31_870_000_000_000,
  Collection: 482_000_000_000,
  Publication: 190_000_000_000,
  Market: 21_500_000_000,
  DeliveryProfile: 99_400_000_000,
  DeliveryLocationGroup: 99_800_000_000,
  DeliveryZone: 412_000_000_000,
  DeliveryMethodDefinition: 602_000_000_000,
  DiscountCodeNode: 1_451_000_000_000,
  DiscountAutomaticNode: 1_452_000_000_000,
  Order: 6_012_000_000_000,
  Refund: 1_021_000_000_000,
  Customer: 7_815_000_000_000,
  OnlineStoreTheme: 142_000_000_000,
} as const;

export type GidType = keyof typeof BASES;

export interface AllocatedId {
  gid: string;
  legacyId: number;
}

export class IdAllocator {
  private readonly counters = new Map<GidType, number>();

  next(type: GidType): AllocatedId {
    const n = (this.counters.get(type) ?? 0) + 1;
    this.counters.set(type, n);
    const legacyId = BASES[type] + n;
    return { gid: `gid://shopify/${type}/${legacyId}`, legacyId };
  }

  gid(type: GidType): string {
    return this.next(type).gid;
  }
}
