/**
 * Admin API shapes → snapshot types, shared by the paged crawl and the bulk/JSONL reader so both
 * produce the same snapshot from the same shop. Pure; strings are copied as they came.
 */
import type { ApiInventoryLevel, ApiLocation, ApiMedia, ApiProduct, ApiVariant } from "./api-types";
import { SharedValues } from "./shared-values";
import type {
  SnapshotLocation,
  SnapshotMedia,
  SnapshotProduct,
  SnapshotShop,
  SnapshotVariant,
} from "./types";

/** A product without its variants, media and collections (added as they are read). */
export function normaliseProduct(p: ApiProduct, shared = new SharedValues(0)): SnapshotProduct {
  const { category, seo, options, tags } = p;
  return {
    id: p.id,
    handle: p.handle,
    title: p.title,
    descriptionHtml: p.descriptionHtml,
    vendor: shared.text(p.vendor),
    productType: shared.text(p.productType),
    status: p.status,
    tags: shared.share("tags", JSON.stringify(tags), () => [...tags]),
    isGiftCard: p.isGiftCard,
    category: category
      ? shared.share("category", JSON.stringify([category.id, category.fullName]), () => ({
          id: category.id,
          fullName: category.fullName,
        }))
      : null,
    seo: shared.share("seo", JSON.stringify([seo.title, seo.description]), () => ({
      title: seo.title,
      description: seo.description,
    })),
    publishedOnlineStore: p.publishedOnPublication ?? null,
    onlineStoreUrl: p.onlineStoreUrl,
    options: shared.share("options", JSON.stringify(options), () =>
      options.map((o) =>
        Object.freeze({ name: o.name, values: Object.freeze([...o.values]) as string[] }),
      ),
    ),
    media: [],
    featuredImageUrl: null,
    variants: [],
    collectionIds: [],
    createdAt: p.createdAt,
    // One string when equal (most products are never edited): 100,000 fewer strings.
    updatedAt: p.updatedAt === p.createdAt ? p.createdAt : p.updatedAt,
  };
}

/** An unambiguous key for option pairs (cheaper than JSON.stringify on every variant). */
function optionsKey(options: { name: string; value: string }[]): string {
  let key = "";
  for (const o of options) key += `${o.name.length}:${o.name}${o.value.length}:${o.value}`;
  return key;
}

/** A variant without per-location inventory (joined later by inventory item). */
export function normaliseVariant(v: ApiVariant, shared = new SharedValues(0)): SnapshotVariant {
  const item = v.inventoryItem;
  const weight = item.measurement.weight;
  const options = v.selectedOptions;
  return {
    id: v.id,
    title: shared.text(v.title),
    position: v.position,
    sku: v.sku,
    barcode: v.barcode,
    price: shared.text(v.price),
    compareAtPrice: shared.text(v.compareAtPrice),
    inventoryPolicy: v.inventoryPolicy,
    tracked: item.tracked,
    requiresShipping: item.requiresShipping,
    weight: weight
      ? shared.share("weight", `${weight.value} ${weight.unit}`, () => ({
          value: weight.value,
          unit: weight.unit,
        }))
      : null,
    inventoryQuantity: v.inventoryQuantity,
    inventoryLevels: null,
    selectedOptions: shared.share("selectedOptions", optionsKey(options), () =>
      options.map((o) => Object.freeze({ name: o.name, value: o.value })),
    ),
  };
}

export function normaliseMedia(m: ApiMedia): SnapshotMedia {
  return { id: m.id, alt: m.alt };
}

/** An image's own URL; for videos and 3D models the preview image's. */
export function mediaImageUrl(m: ApiMedia): string | null {
  return m.image?.url ?? m.preview?.image?.url ?? null;
}

export function normaliseLocation(l: ApiLocation): SnapshotLocation {
  return {
    id: l.id,
    name: l.name,
    isActive: l.isActive,
    fulfillsOnlineOrders: l.fulfillsOnlineOrders,
    countryCode: l.address.countryCode,
  };
}

/** The level's "available" quantity (the only quantity name the documents ask for). */
export function availableQuantity(level: ApiInventoryLevel): number {
  return level.quantities.find((q) => q.name === "available")?.quantity ?? 0;
}

/** A shop section with nothing known but its domain (CSV and JSONL input). */
export function unknownShop(domain: string): SnapshotShop {
  return {
    domain,
    name: null,
    currencyCode: null,
    ianaTimezone: null,
    primaryLocale: null,
    weightUnit: null,
    countryCode: null,
    planName: null,
    developmentStore: null,
    passwordProtected: null,
    digitalWallets: null,
    shipsToCountries: null,
    onlineStorePublicationId: null,
  };
}
