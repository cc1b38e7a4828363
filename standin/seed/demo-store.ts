/**
 * The demo store: a deterministic, realistic Danish bike and outdoor shop with planted defects,
 * and the manifest that lists them (see docs/demo-store.md).
 *
 * Same `seed` and `now` → byte-identical JSON. `now` defaults to the current time so the demo
 * always has fresh orders (from the first day of the month 16 months back) and sessions per day
 * for Shopify's analytics (ShopifyQL); tests pass a fixed date.
 */
import type { DemoManifest, StandinLocation, StandinStore } from "../store/types";
import { generateCheckout } from "./demo-checkout";
import { generateOrders, generateSessions } from "./demo-orders";
import { generateCatalog, type ShopLocations } from "./demo-products";
import { generateTheme } from "./demo-theme";
import { IdAllocator } from "./ids";
import { Random } from "./random";
import { DAY_MS, iso } from "./time";

export interface DemoStoreOptions {
  seed?: number;
  now?: Date;
  /** Number of products, at least 100 (default 360). */
  productCount?: number;
}

export const DEMO_SHOP_DOMAIN = "nordvej-outdoor.myshopify.com";
/**
 * The demo storefront's password (Online Store → Preferences), the same for every seed and every
 * start, so the README and the app's demo hint can name it.
 */
export const DEMO_STOREFRONT_PASSWORD = "nordvej-demo";
const SHOP_NAME = "Nordvej Cykel & Outdoor";
const CUSTOMER_COUNT = 400;

function locations(ids: IdAllocator): ShopLocations {
  const location = (
    name: string,
    city: string,
    fulfillsOnlineOrders: boolean,
  ): StandinLocation => ({
    id: ids.gid("Location"),
    name,
    isActive: true,
    fulfillsOnlineOrders,
    countryCode: "DK",
    city,
  });
  return {
    warehouse: location("Lager Aarhus", "Aarhus", true),
    store: location("Butik København", "København", true),
    workshop: location("Værksted Odense", "Odense", false),
  };
}

export function generateDemoStore(opts: DemoStoreOptions = {}): {
  store: StandinStore;
  manifest: DemoManifest;
} {
  const seed = opts.seed ?? 42;
  const now = (opts.now ?? new Date()).getTime();
  if (!Number.isFinite(now)) throw new RangeError("now must be a valid date");
  const rng = new Random(seed);
  const ids = new IdAllocator();
  const shopId = ids.gid("Shop");
  const shopLocations = locations(ids);

  const catalog = generateCatalog({
    rng,
    ids,
    now,
    productCount: opts.productCount ?? 360,
    locations: shopLocations,
    shopName: SHOP_NAME,
  });
  const bulkyIds = new Set(catalog.bulkyProductIds);
  const checkout = generateCheckout({
    rng,
    ids,
    now,
    locations: shopLocations,
    bulkyProducts: catalog.products.filter((p) => bulkyIds.has(p.id)),
  });
  const { customers, orders } = generateOrders({
    rng,
    ids,
    now,
    products: catalog.products,
    customerCount: CUSTOMER_COUNT,
    currencyCode: "DKK",
  });
  const { theme, defects: themeDefects } = generateTheme({ rng, ids, now });
  // The password used to be drawn here; the draw stays so that everything generated after it is
  // unchanged, but the password is now fixed.
  rng.int(1000, 9999);
  const storefrontPassword = DEMO_STOREFRONT_PASSWORD;
  // Last, so that adding sessions changed nothing generated before.
  const analytics = generateSessions(rng, orders, now);

  const store: StandinStore = {
    shop: {
      id: shopId,
      name: SHOP_NAME,
      myshopifyDomain: DEMO_SHOP_DOMAIN,
      // A development store has no custom domain yet.
      primaryDomainHost: DEMO_SHOP_DOMAIN,
      email: "butik@nordvej-outdoor.example",
      contactEmail: "kundeservice@nordvej-outdoor.example",
      currencyCode: "DKK",
      enabledPresentmentCurrencies: [
        "DKK",
        ...new Set(checkout.markets.map((m) => m.currencyCode).filter((c) => c !== "DKK")),
      ],
      ianaTimezone: "Europe/Copenhagen",
      primaryLocale: "da",
      weightUnit: "KILOGRAMS",
      countryCode: "DK",
      planDisplayName: "Development",
      partnerDevelopment: true,
      shopifyPlus: false,
      taxesIncluded: true,
      passwordProtected: true,
      storefrontPassword,
      shopifyPaymentsActivated: true,
      createdAt: iso(now - 1200 * DAY_MS),
    },
    onlineStorePublicationId: ids.gid("Publication"),
    locations: [shopLocations.warehouse, shopLocations.store, shopLocations.workshop],
    products: catalog.products,
    collections: catalog.collections,
    markets: checkout.markets,
    deliveryProfiles: checkout.deliveryProfiles,
    policies: checkout.policies,
    discounts: checkout.discounts,
    orders,
    customers,
    themes: [theme],
    scriptTags: [],
    analytics,
  };
  const manifest: DemoManifest = {
    seed,
    shop: DEMO_SHOP_DOMAIN,
    defects: [
      ...catalog.defects,
      ...checkout.defects,
      {
        ruleId: "checkout.storefront-password",
        resourceId: shopId,
        note: "the online store is password-protected (development store)",
      },
      ...themeDefects,
    ],
    cleanProductIds: catalog.cleanProductIds,
    exemptions: catalog.exemptions,
  };
  return { store, manifest };
}
