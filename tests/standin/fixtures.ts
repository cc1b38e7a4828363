/**
 * Small, fast builders of valid StandinStores for the stand-in's own tests (10,000+ products in
 * well under a second). Deterministic: product i always looks the same.
 */
import type { StandinProduct, StandinStore, StandinVariant } from "../../standin/store/types";

export const FIXTURE_SHOP = "fixture-shop.myshopify.com";
export const FIXTURE_PASSWORD = "letmein";
export const BASE_TIME = Date.parse("2026-01-01T00:00:00Z");

export const LOCATION_A = "gid://shopify/Location/11";
export const LOCATION_B = "gid://shopify/Location/12";
export const COLLECTION_EVEN = "gid://shopify/Collection/501";
export const COLLECTION_THIRDS = "gid://shopify/Collection/502";
export const PUBLICATION = "gid://shopify/Publication/1";

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const VENDORS = ["Acme", "Nordic Bikes", "Trail Co"];
const TYPES = ["Bike", "Helmet", "Tent"];

/** Product number i (1-based); legacy ids 1000 + i. */
export function makeProduct(i: number): StandinProduct {
  const legacyId = 1000 + i;
  const created = BASE_TIME + i * 60_000;
  const updated = created + ((i * 7919) % 100_000) * 60_000;
  const singleVariant = i % 3 === 0;
  const media =
    i % 5 === 0
      ? []
      : Array.from({ length: 1 + (i % 2) }, (_, m) => ({
          id: `gid://shopify/MediaImage/${legacyId * 10 + m}`,
          alt: m === 0 ? `Product ${i} photo` : null,
          url: `https://cdn.shopify.com/s/files/1/fixture/product-${i}-${m}.jpg`,
          width: 1200,
          height: 800,
        }));
  const sizes = singleVariant ? ["Default Title"] : ["S", "M"];
  const variants: StandinVariant[] = sizes.map((size, v) => {
    const variantLegacy = legacyId * 10 + v;
    return {
      id: `gid://shopify/ProductVariant/${variantLegacy}`,
      legacyId: variantLegacy,
      title: size,
      position: v + 1,
      sku: `SKU-${i}-${v}`,
      barcode: i % 7 === 0 ? null : `57000${String(variantLegacy).padStart(8, "0")}`,
      price: (100 + (i % 50)).toFixed(2),
      compareAtPrice: i % 4 === 0 ? (150 + (i % 50)).toFixed(2) : null,
      taxable: true,
      inventoryPolicy: i % 11 === 0 ? "CONTINUE" : "DENY",
      selectedOptions: singleVariant
        ? [{ name: "Title", value: "Default Title" }]
        : [{ name: "Size", value: size }],
      imageMediaId: media[0]?.id ?? null,
      inventoryItem: {
        id: `gid://shopify/InventoryItem/${variantLegacy}`,
        tracked: true,
        requiresShipping: true,
        weight: { value: 1.5, unit: "KILOGRAMS" },
        unitCost: null,
        countryCodeOfOrigin: null,
        harmonizedSystemCode: null,
        levels: [
          {
            locationId: LOCATION_A,
            available: i % 13 === 0 ? 0 : 5 + v,
            onHand: 6 + v,
            committed: 1,
          },
          { locationId: LOCATION_B, available: i % 13 === 0 ? 0 : 2, onHand: 2, committed: 0 },
        ],
      },
      createdAt: iso(created),
      updatedAt: iso(updated),
    };
  });
  return {
    id: `gid://shopify/Product/${legacyId}`,
    legacyId,
    handle: `product-${i}`,
    title: `Product ${String(i).padStart(5, "0")}`,
    descriptionHtml: `<p>Description of product ${i}</p>`,
    vendor: VENDORS[i % VENDORS.length] ?? "Acme",
    productType: TYPES[i % TYPES.length] ?? "Bike",
    status: i % 10 === 0 ? "DRAFT" : "ACTIVE",
    tags: i % 2 === 0 ? ["even"] : ["odd"],
    isGiftCard: false,
    category: null,
    seo: { title: null, description: null },
    templateSuffix: null,
    options: singleVariant
      ? [{ name: "Title", values: ["Default Title"] }]
      : [{ name: "Size", values: sizes }],
    media,
    variants,
    collectionIds: [
      ...(i % 2 === 0 ? [COLLECTION_EVEN] : []),
      ...(i % 3 === 0 ? [COLLECTION_THIRDS] : []),
    ],
    onlineStorePublishedAt: i % 10 === 0 ? null : iso(created),
    createdAt: iso(created),
    updatedAt: iso(updated),
  };
}

export interface FixtureOptions {
  products?: number;
  shop?: string;
  passwordProtected?: boolean;
}

export function makeStore(opts: FixtureOptions = {}): StandinStore {
  const shop = opts.shop ?? FIXTURE_SHOP;
  const products = Array.from({ length: opts.products ?? 20 }, (_, i) => makeProduct(i + 1));
  const bulkyVariants = products[1]?.variants.map((v) => v.id) ?? [];
  const protectedShop = opts.passwordProtected ?? true;
  return {
    shop: {
      id: "gid://shopify/Shop/1",
      name: "Fixture Shop",
      myshopifyDomain: shop,
      primaryDomainHost: shop,
      email: "owner@fixture.example",
      contactEmail: "hello@fixture.example",
      currencyCode: "DKK",
      enabledPresentmentCurrencies: ["DKK", "EUR"],
      ianaTimezone: "Europe/Copenhagen",
      primaryLocale: "da",
      weightUnit: "KILOGRAMS",
      countryCode: "DK",
      planDisplayName: "Basic",
      partnerDevelopment: false,
      shopifyPlus: false,
      taxesIncluded: true,
      passwordProtected: protectedShop,
      storefrontPassword: protectedShop ? FIXTURE_PASSWORD : null,
      shopifyPaymentsActivated: true,
      createdAt: iso(BASE_TIME - 365 * 86_400_000),
    },
    onlineStorePublicationId: PUBLICATION,
    locations: [
      {
        id: LOCATION_A,
        name: "Warehouse",
        isActive: true,
        fulfillsOnlineOrders: true,
        countryCode: "DK",
        city: "Aarhus",
      },
      {
        id: LOCATION_B,
        name: "Shop",
        isActive: true,
        fulfillsOnlineOrders: true,
        countryCode: "DK",
        city: "København",
      },
    ],
    products,
    collections: [
      {
        id: COLLECTION_EVEN,
        legacyId: 501,
        handle: "even",
        title: "Even",
        descriptionHtml: "",
        smart: false,
        sortOrder: "MANUAL",
        seo: { title: null, description: null },
        onlineStorePublishedAt: iso(BASE_TIME),
        updatedAt: iso(BASE_TIME),
      },
      {
        id: COLLECTION_THIRDS,
        legacyId: 502,
        handle: "thirds",
        title: "Thirds",
        descriptionHtml: "",
        smart: true,
        sortOrder: "BEST_SELLING",
        seo: { title: null, description: null },
        onlineStorePublishedAt: null,
        updatedAt: iso(BASE_TIME),
      },
    ],
    markets: [
      {
        id: "gid://shopify/Market/1",
        handle: "dk",
        name: "Denmark",
        status: "ACTIVE",
        type: "REGION",
        primary: true,
        countries: ["DK"],
        currencyCode: "DKK",
      },
      {
        id: "gid://shopify/Market/2",
        handle: "eu",
        name: "Europe",
        status: "ACTIVE",
        type: "REGION",
        primary: false,
        countries: ["DE", "SE", "FR"],
        currencyCode: "EUR",
      },
    ],
    deliveryProfiles: [
      {
        id: "gid://shopify/DeliveryProfile/1",
        name: "General profile",
        isDefault: true,
        variantIds: [],
        locationGroups: [
          {
            id: "gid://shopify/DeliveryLocationGroup/1",
            locationIds: [LOCATION_A, LOCATION_B],
            zones: [
              {
                id: "gid://shopify/DeliveryZone/1",
                name: "Denmark",
                countries: ["DK"],
                rates: [
                  {
                    id: "gid://shopify/DeliveryMethodDefinition/1",
                    name: "Standard",
                    active: true,
                    amount: "49.00",
                    freeAbove: "499.00",
                  },
                  {
                    id: "gid://shopify/DeliveryMethodDefinition/2",
                    name: "Express",
                    active: true,
                    amount: "99.00",
                    freeAbove: null,
                  },
                ],
              },
              {
                id: "gid://shopify/DeliveryZone/2",
                name: "Europe",
                countries: ["DE", "SE", "FR"],
                rates: [
                  {
                    id: "gid://shopify/DeliveryMethodDefinition/3",
                    name: "International",
                    active: true,
                    amount: "129.00",
                    freeAbove: null,
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        id: "gid://shopify/DeliveryProfile/2",
        name: "Bulky goods",
        isDefault: false,
        variantIds: bulkyVariants,
        locationGroups: [
          {
            id: "gid://shopify/DeliveryLocationGroup/2",
            locationIds: [LOCATION_A],
            zones: [
              {
                id: "gid://shopify/DeliveryZone/3",
                name: "Denmark freight",
                countries: ["DK"],
                rates: [
                  {
                    id: "gid://shopify/DeliveryMethodDefinition/4",
                    name: "Freight",
                    active: true,
                    amount: "299.00",
                    freeAbove: null,
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
    policies: [
      {
        type: "REFUND_POLICY",
        title: "Refund policy",
        body: "<p>30 days.</p>",
        handle: "refund-policy",
        updatedAt: iso(BASE_TIME),
      },
      {
        type: "PRIVACY_POLICY",
        title: "Privacy policy",
        body: "<p>We care.</p>",
        handle: "privacy-policy",
        updatedAt: iso(BASE_TIME),
      },
    ],
    discounts: [
      {
        id: "gid://shopify/DiscountCodeNode/71",
        kind: "CODE",
        type: "BASIC",
        title: "Summer 10",
        code: "SUMMER10",
        status: "ACTIVE",
        startsAt: iso(BASE_TIME),
        endsAt: null,
        usageLimit: 100,
        usageCount: 12,
        percentage: 0.1,
        amount: null,
        createdAt: iso(BASE_TIME),
        updatedAt: iso(BASE_TIME),
      },
      {
        id: "gid://shopify/DiscountAutomaticNode/72",
        kind: "AUTOMATIC",
        type: "FREE_SHIPPING",
        title: "Free shipping",
        code: null,
        status: "EXPIRED",
        startsAt: iso(BASE_TIME - 86_400_000),
        endsAt: iso(BASE_TIME),
        usageLimit: null,
        usageCount: 3,
        percentage: null,
        amount: null,
        createdAt: iso(BASE_TIME),
        updatedAt: iso(BASE_TIME),
      },
    ],
    orders: [1, 2, 3].map((n) => ({
      id: `gid://shopify/Order/${9000 + n}`,
      legacyId: 9000 + n,
      name: `#${1000 + n}`,
      createdAt: iso(BASE_TIME + n * 30 * 86_400_000),
      processedAt: iso(BASE_TIME + n * 30 * 86_400_000),
      cancelledAt: null,
      currencyCode: "DKK",
      countryCode: "DK",
      customerId: "gid://shopify/Customer/801",
      sourceName: "web",
      financialStatus: "PAID" as const,
      fulfillmentStatus: "FULFILLED" as const,
      taxesIncluded: true,
      subtotal: "200.00",
      totalDiscounts: "0.00",
      totalShipping: "49.00",
      shippingTax: "9.80",
      totalTax: "49.80",
      total: "249.00",
      totalRefunded: "0.00",
      refunds: [],
      lines: [
        {
          productId: "gid://shopify/Product/1001",
          variantId: "gid://shopify/ProductVariant/10010",
          title: "Product 00001",
          sku: "SKU-1-0",
          quantity: 2,
          unitPrice: "100.00",
          totalDiscount: "0.00",
          taxRate: 0.25,
          tax: "40.00",
          isGiftCard: false,
        },
      ],
    })),
    customers: [
      {
        id: "gid://shopify/Customer/801",
        legacyId: 801,
        firstName: "Ada",
        lastName: "Jensen",
        email: "ada@example.com",
        phone: null,
        createdAt: iso(BASE_TIME),
        countryCode: "DK",
      },
    ],
    themes: [
      {
        id: "gid://shopify/OnlineStoreTheme/31",
        name: "Dawn",
        role: "MAIN",
        themeStoreId: 887,
        files: [
          { filename: "layout/theme.liquid", body: "<html>{{ content_for_layout }}</html>" },
          { filename: "templates/product.json", body: '{"sections":{}}' },
          { filename: "config/settings_data.json", body: '{"current":{}}' },
        ],
        createdAt: iso(BASE_TIME),
        updatedAt: iso(BASE_TIME),
      },
    ],
    scriptTags: [
      {
        id: "gid://shopify/ScriptTag/41",
        src: "https://app.example/tag.js",
        displayScope: "ONLINE_STORE",
        createdAt: iso(BASE_TIME),
      },
    ],
  };
}

export const CARRIER_SERVICE = "gid://shopify/DeliveryCarrierService/71";

/**
 * Makes a zone's shipping carrier-calculated (a carrier service's rates instead of flat ones):
 * the "Europe" zone (DE, SE, FR) of makeStore by default. The carrier answers after `responseMs`
 * with `rates` (empty: it offers nothing for the address).
 */
export function withCarrierShipping(
  store: StandinStore,
  opts: {
    responseMs?: number;
    rates?: { serviceName: string; serviceCode: string; price: string; countries?: string[] }[];
    zone?: string;
  } = {},
): StandinStore {
  store.carrierServices = [
    {
      id: CARRIER_SERVICE,
      name: "Nordic Freight",
      active: true,
      responseMs: opts.responseMs ?? 20,
      rates: opts.rates ?? [
        { serviceName: "Nordic Freight Economy", serviceCode: "NF-ECO", price: "79.00" },
        { serviceName: "Nordic Freight Express", serviceCode: "NF-EXP", price: "149.50" },
      ],
    },
  ];
  for (const profile of store.deliveryProfiles)
    for (const group of profile.locationGroups)
      for (const zone of group.zones)
        if (zone.name === (opts.zone ?? "Europe"))
          zone.rates = [
            {
              id: `gid://shopify/DeliveryMethodDefinition/9${zone.rates.length}1`,
              name: "Nordic Freight (calculated at checkout)",
              active: true,
              amount: "0.00",
              freeAbove: null,
              carrierServiceId: CARRIER_SERVICE,
            },
          ];
  return store;
}
