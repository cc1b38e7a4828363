/**
 * Compact builders of StoreSnapshots for the audit tests. A built product is clean: no product
 * QA rule flags it with the default settings. A test changes the one field it is about, so a
 * finding can only come from that change.
 */
import { gtinCheckDigit } from "~/product-qa/domain/gtin";
import {
  SNAPSHOT_VERSION,
  type SnapshotMedia,
  type SnapshotProduct,
  type SnapshotVariant,
  type StoreSnapshot,
} from "~/snapshot/domain/types";

export const SHOP = "builder-shop.myshopify.com";
export const LOCATION = "gid://shopify/Location/1";
export const COLLECTION = "gid://shopify/Collection/1";

let counter = 0;
const next = () => ++counter;

/** A valid GTIN-13 in the 57 (Denmark) range, unique per call. */
export function gtin13(n = next()): string {
  const body = `57${String(n).padStart(10, "0")}`;
  return `${body}${gtinCheckDigit(body)}`;
}

export const WORDS_60 = Array.from({ length: 60 }, (_, i) => `ord${i}`).join(" ");

export function variant(overrides: Partial<SnapshotVariant> = {}): SnapshotVariant {
  const n = next();
  return {
    id: `gid://shopify/ProductVariant/${n}`,
    title: "Default Title",
    position: 1,
    sku: `SKU-${n}`,
    barcode: gtin13(n),
    price: "100.00",
    compareAtPrice: null,
    inventoryPolicy: "DENY",
    tracked: true,
    requiresShipping: true,
    weight: { value: 1.5, unit: "KILOGRAMS" },
    inventoryQuantity: 5,
    inventoryLevels: [{ locationId: LOCATION, available: 5 }],
    selectedOptions: [{ name: "Title", value: "Default Title" }],
    ...overrides,
  };
}

export function media(overrides: Partial<SnapshotMedia> = {}): SnapshotMedia {
  const n = next();
  return {
    id: `gid://shopify/MediaImage/${n}`,
    alt: `Photo ${n}`,
    ...overrides,
  };
}

export function product(overrides: Partial<SnapshotProduct> = {}): SnapshotProduct {
  const n = next();
  return {
    id: `gid://shopify/Product/${n}`,
    handle: `product-${n}`,
    title: `Product ${n}`,
    descriptionHtml: `<p>${WORDS_60}</p>`,
    vendor: "Vendor",
    productType: "Type",
    status: "ACTIVE",
    tags: [],
    isGiftCard: false,
    category: {
      id: "gid://shopify/TaxonomyCategory/sg-4-4-3",
      fullName: "Sporting Goods > Bicycles",
    },
    seo: { title: `Product ${n} | Shop`, description: "A short sentence that sells." },
    publishedOnlineStore: true,
    onlineStoreUrl: null,
    featuredImageUrl: null,
    options: [{ name: "Title", values: ["Default Title"] }],
    media: [media(), media(), media()],
    variants: [variant()],
    collectionIds: [COLLECTION],
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

export function snapshot(
  products: SnapshotProduct[],
  overrides: Partial<StoreSnapshot> = {},
): StoreSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    source: { kind: "shop", name: SHOP, collectedAt: "2026-01-05T00:00:00Z", strategy: "paged" },
    shop: {
      domain: SHOP,
      name: "Builder Shop",
      currencyCode: "DKK",
      ianaTimezone: "Europe/Copenhagen",
      primaryLocale: "da",
      weightUnit: "KILOGRAMS",
      countryCode: "DK",
      planName: "Basic",
      developmentStore: false,
      passwordProtected: false,
      digitalWallets: ["SHOPIFY_PAY"],
      shipsToCountries: ["DK"],
      onlineStorePublicationId: "gid://shopify/Publication/1",
    },
    products,
    collections: [
      { id: COLLECTION, handle: "all", title: "All", smart: false, publishedOnlineStore: true },
    ],
    locations: [
      {
        id: LOCATION,
        name: "Warehouse",
        isActive: true,
        fulfillsOnlineOrders: true,
        countryCode: "DK",
      },
    ],
    markets: null,
    deliveryProfiles: null,
    policies: null,
    discounts: null,
    theme: null,
    orderKpis: null,
    ...overrides,
  };
}
