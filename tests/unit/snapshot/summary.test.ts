import { describe, expect, it } from "vitest";
import { summariseSnapshot } from "~/snapshot/domain/summary";
import {
  SNAPSHOT_VERSION,
  type SnapshotProduct,
  type SnapshotShop,
  type SnapshotVariant,
  type StoreSnapshot,
} from "~/snapshot/domain/types";

const shop: SnapshotShop = {
  domain: "acme.myshopify.com",
  name: "Acme",
  currencyCode: "EUR",
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
};

function variant(n: number, levels: number | null): SnapshotVariant {
  return {
    id: `gid://shopify/ProductVariant/${n}`,
    title: "Default Title",
    position: 1,
    sku: null,
    barcode: null,
    price: "1.00",
    compareAtPrice: null,
    inventoryPolicy: "DENY",
    tracked: true,
    requiresShipping: true,
    weight: null,
    inventoryQuantity: levels === null ? null : levels,
    inventoryLevels:
      levels === null
        ? null
        : Array.from({ length: levels }, (_, i) => ({
            locationId: `gid://shopify/Location/${i}`,
            available: 1,
          })),
    selectedOptions: [{ name: "Title", value: "Default Title" }],
  };
}

function product(n: number, variants: SnapshotVariant[], media: number): SnapshotProduct {
  return {
    id: `gid://shopify/Product/${n}`,
    handle: `p-${n}`,
    title: `P ${n}`,
    descriptionHtml: "",
    vendor: "",
    productType: "",
    status: "ACTIVE",
    tags: [],
    isGiftCard: false,
    category: null,
    seo: { title: null, description: null },
    publishedOnlineStore: true,
    onlineStoreUrl: null,
    featuredImageUrl: null,
    options: [{ name: "Title", values: ["Default Title"] }],
    media: Array.from({ length: media }, (_, i) => ({
      id: `gid://shopify/MediaImage/${n}${i}`,
      alt: null,
      url: null,
    })),
    variants,
    collectionIds: [],
    createdAt: null,
    updatedAt: null,
  };
}

const base: StoreSnapshot = {
  version: SNAPSHOT_VERSION,
  source: {
    kind: "shop",
    name: shop.domain,
    collectedAt: "2026-11-01T00:00:00Z",
    strategy: "bulk",
  },
  shop,
  products: [product(1, [variant(1, 2), variant(2, 2)], 3), product(2, [variant(3, 1)], 0)],
  collections: [{ id: "c", handle: "c", title: "C", smart: true, publishedOnlineStore: true }],
  locations: [
    { id: "l1", name: "A", isActive: true, fulfillsOnlineOrders: true, countryCode: "DK" },
    { id: "l2", name: "B", isActive: true, fulfillsOnlineOrders: false, countryCode: "DK" },
  ],
  markets: [],
  deliveryProfiles: [],
  policies: [],
  discounts: [],
  theme: {
    id: "t",
    name: "Dawn",
    role: "MAIN",
    files: [{ filename: "layout/theme.liquid", body: "" }],
  },
  orderKpis: [],
};

describe("summariseSnapshot", () => {
  it("counts every resource of a fully collected shop; an empty section counts 0", () => {
    expect(summariseSnapshot(base)).toEqual({
      source: base.source,
      shop: "acme.myshopify.com",
      products: 2,
      variants: 3,
      media: 3,
      collections: 1,
      locations: 2,
      inventoryLevels: 5,
      markets: 0,
      deliveryProfiles: 0,
      policies: 0,
      discounts: 0,
      themeFiles: 1,
      orderMonths: 0,
    });
  });

  it("reports sections that were not collected as null, not 0", () => {
    const productsOnly: StoreSnapshot = {
      ...base,
      products: [product(1, [variant(1, null)], 1)],
      collections: null,
      locations: null,
      markets: null,
      deliveryProfiles: null,
      policies: null,
      discounts: null,
      theme: null,
      orderKpis: null,
    };
    expect(summariseSnapshot(productsOnly)).toMatchObject({
      products: 1,
      variants: 1,
      media: 1,
      collections: null,
      locations: null,
      inventoryLevels: null,
      markets: null,
      deliveryProfiles: null,
      policies: null,
      discounts: null,
      themeFiles: null,
      orderMonths: null,
    });
  });

  it("counts no inventory levels in a shop without products only when locations were read", () => {
    expect(summariseSnapshot({ ...base, products: [] }).inventoryLevels).toBe(0);
    expect(
      summariseSnapshot({ ...base, products: [], locations: null }).inventoryLevels,
    ).toBeNull();
  });
});
