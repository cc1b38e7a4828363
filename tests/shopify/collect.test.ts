/**
 * collectSnapshot end to end: the demo store read through the app's real code, connections
 * longer than their first page, sections the shop denies, and progress reporting.
 */
import { afterEach, describe, expect, it } from "vitest";
import { collectSnapshot, type CollectProgress } from "~/shopify/collect.server";
import { THEME_FILES } from "~/shopify/collect/theme-orders.server";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { BASE_TIME, makeStore } from "../standin/fixtures";
import { startShop, type ShopHarness } from "./helpers";

let h: ShopHarness;
afterEach(() => h.close());

const NOW = new Date("2026-03-15T12:00:00Z");
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const matchesThemeFile = (name: string) =>
  THEME_FILES.some((pattern) =>
    new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`).test(name),
  );

describe("the demo store", () => {
  it(
    "collected through the app's code, matches the store it was seeded from",
    { timeout: 120_000 },
    async () => {
      const { store } = generateDemoStore({ now: NOW });
      h = await startShop(store, {}, NOW.getTime());
      const snapshot = await collectSnapshot(h.client());

      expect(snapshot.source).toMatchObject({
        kind: "shop",
        name: store.shop.myshopifyDomain,
        // 360 products: over the bulk threshold (250), so "auto" reads them in bulk.
        strategy: "bulk",
      });
      expect(snapshot.gaps).toBeUndefined();
      expect(snapshot.shop).toMatchObject({
        domain: store.shop.myshopifyDomain,
        name: store.shop.name,
        currencyCode: "DKK",
        developmentStore: true,
        passwordProtected: true,
        // Payment readiness from the Admin API's wallets; nothing behind an approval scope.
        digitalWallets: ["APPLE_PAY", "GOOGLE_PAY", "SHOPIFY_PAY"],
        onlineStorePublicationId: store.onlineStorePublicationId,
      });
      const count = {
        products: snapshot.products.length,
        variants: sum(snapshot.products.map((p) => p.variants.length)),
        media: sum(snapshot.products.map((p) => p.media.length)),
        productCollections: sum(snapshot.products.map((p) => p.collectionIds?.length ?? 0)),
        collections: snapshot.collections?.length,
        locations: snapshot.locations?.length,
        markets: snapshot.markets?.length,
        policies: snapshot.policies?.length,
        discounts: snapshot.discounts?.length,
        deliveryProfiles: snapshot.deliveryProfiles?.length,
        themeFiles: snapshot.theme?.files.length,
      };
      expect(count).toEqual({
        products: store.products.length,
        variants: sum(store.products.map((p) => p.variants.length)),
        media: sum(store.products.map((p) => p.media.length)),
        productCollections: sum(store.products.map((p) => p.collectionIds.length)),
        collections: store.collections.length,
        locations: store.locations.filter((l) => l.isActive).length,
        markets: store.markets.length,
        policies: store.policies.length,
        discounts: store.discounts.length,
        deliveryProfiles: store.deliveryProfiles.length,
        themeFiles: store.themes
          .find((t) => t.role === "MAIN")
          ?.files.filter((f) => matchesThemeFile(f.filename)).length,
      });
      expect(count.themeFiles).toBeGreaterThan(0);

      // Which variants a custom delivery profile holds.
      for (const seeded of store.deliveryProfiles.filter((p) => !p.isDefault)) {
        const read = snapshot.deliveryProfiles?.find((p) => p.id === seeded.id);
        expect(new Set(read?.variantIds)).toEqual(new Set(seeded.variantIds));
      }
      // Publication: exactly the products published to the Online Store.
      expect(snapshot.products.filter((p) => p.publishedOnlineStore).length).toBe(
        store.products.filter((p) => p.onlineStorePublishedAt !== null).length,
      );
      // Orders: the 60 days read_orders reaches, in months; the first and the current month are partial.
      const since = NOW.getTime() - 60 * 86_400_000;
      const visible = store.orders.filter((o) => {
        const at = Date.parse(o.processedAt);
        return at >= since && at <= NOW.getTime();
      });
      expect(snapshot.orderKpis?.map((m) => [m.month, m.complete])).toEqual([
        ["2026-01", false],
        ["2026-02", true],
        ["2026-03", false],
      ]);
      expect(sum(snapshot.orderKpis?.map((m) => m.orders) ?? [])).toBe(visible.length);
      expect(visible.length).toBeGreaterThan(0);
    },
  );

  it("read with bulk operations, gives the same snapshot", { timeout: 120_000 }, async () => {
    const { store } = generateDemoStore({ now: NOW });
    h = await startShop(store, {}, NOW.getTime());
    const paged = await collectSnapshot(h.client(), { strategy: "paged", now: NOW });
    const bulk = await collectSnapshot(h.client(), {
      strategy: "bulk",
      now: NOW,
      bulk: { pollIntervalMs: 1_000 },
    });
    expect({ ...bulk, source: null }).toEqual({ ...paged, source: null });
  });
});

describe("connections longer than their first page", () => {
  it("are read to the end, in both strategies", async () => {
    const store = makeStore({ products: 12 });
    const big = store.products[1];
    if (!big) throw new Error("fixture without product 2");
    // 230 variants (first page 10, then pages of 150), 7 media (first page 5), 7 collections.
    const template = big.variants[0];
    if (!template) throw new Error("fixture product without variants");
    big.variants = Array.from({ length: 230 }, (_, i) => ({
      ...template,
      id: `gid://shopify/ProductVariant/${900_000 + i}`,
      legacyId: 900_000 + i,
      title: `V${i}`,
      position: i + 1,
      inventoryItem: {
        ...template.inventoryItem,
        id: `gid://shopify/InventoryItem/${900_000 + i}`,
      },
    }));
    big.media = Array.from({ length: 7 }, (_, i) => ({
      id: `gid://shopify/MediaImage/${800_000 + i}`,
      alt: null,
      url: `https://cdn.shopify.com/m${i}.jpg`,
      width: 10,
      height: 10,
    }));
    const model = store.collections[0];
    if (!model) throw new Error("fixture without collections");
    const collections = Array.from({ length: 7 }, (_, i) => ({
      ...model,
      id: `gid://shopify/Collection/${700 + i}`,
      legacyId: 700 + i,
      handle: `c${i}`,
    }));
    store.collections.push(...collections);
    big.collectionIds = collections.map((c) => c.id);
    // A custom delivery profile holding 6 products (profile items come 4 a page) and all 230
    // variants of the big one (variants of an item come 200 a page).
    const bulky = store.deliveryProfiles.find((p) => !p.isDefault);
    if (!bulky) throw new Error("fixture without a custom profile");
    bulky.variantIds = store.products.slice(1, 7).flatMap((p) => p.variants.map((v) => v.id));
    // 60 JSON templates (files come 50 a page).
    const theme = store.themes[0];
    theme?.files.push(
      ...Array.from({ length: 60 }, (_, i) => ({
        filename: `templates/page.t${i}.json`,
        body: `{"n":${i}}`,
      })),
    );
    // An order with 12 lines (lines come 10 a page).
    const order = store.orders[0];
    if (!order) throw new Error("fixture without orders");
    order.processedAt = new Date(BASE_TIME - 86_400_000).toISOString();
    order.lines = store.products.slice(0, 12).map((p) => ({
      productId: p.id,
      variantId: p.variants[0]?.id ?? null,
      title: p.title,
      sku: null,
      quantity: 1,
      unitPrice: "10.00",
      totalDiscount: "0.00",
      taxRate: 0.25,
      tax: "2.00",
      isGiftCard: false,
    }));
    h = await startShop(store);

    for (const strategy of ["paged", "bulk"] as const) {
      const snapshot = await collectSnapshot(h.client(), {
        strategy,
        bulk: { pollIntervalMs: 1_000 },
      });
      const read = snapshot.products.find((p) => p.id === big.id);
      expect(read?.variants.map((v) => v.id)).toEqual(big.variants.map((v) => v.id));
      expect(read?.variants.every((v) => v.inventoryLevels?.length === 2)).toBe(true);
      expect(read?.media.map((m) => m.id)).toEqual(big.media.map((m) => m.id));
      expect(read?.collectionIds).toEqual(big.collectionIds);
      const profile = snapshot.deliveryProfiles?.find((p) => p.id === bulky.id);
      expect(profile?.variantIds).toEqual(bulky.variantIds);
      expect(snapshot.theme?.files).toHaveLength(theme?.files.length ?? 0);
      // All 12 lines count: 12 × 10.00 with the included 25 % VAT (2.00) taken out.
      expect(snapshot.orderKpis?.map((m) => m.grossSales)).toContain("96.00");
    }
  });
});

describe("sections the shop denies", () => {
  const PRODUCTS_ONLY = ["read_products", "read_inventory"];

  for (const strategy of ["paged", "bulk"] as const) {
    it(`become null with the reason recorded (${strategy})`, async () => {
      h = await startShop(makeStore({ products: 12 }), { scopes: PRODUCTS_ONLY });
      const snapshot = await collectSnapshot(h.client(), {
        strategy,
        bulk: { pollIntervalMs: 1_000 },
      });
      expect(snapshot.products).toHaveLength(12);
      expect(snapshot).toMatchObject({
        locations: null,
        markets: null,
        deliveryProfiles: null,
        discounts: null,
        theme: null,
        orderKpis: null,
      });
      expect(snapshot.collections).toHaveLength(2);
      // Without read_publications the Online Store publication is unknown: so is publication.
      expect(snapshot.shop.onlineStorePublicationId).toBeNull();
      expect(snapshot.products.every((p) => p.publishedOnlineStore === null)).toBe(true);
      expect(
        snapshot.products.every((p) => p.variants.every((v) => v.inventoryLevels === null)),
      ).toBe(true);
      const denied = snapshot.gaps
        ?.filter((g) => g.reason === "ACCESS_DENIED")
        .map((g) => g.section);
      expect(denied?.sort()).toEqual(
        [
          "deliveryProfiles",
          "discounts",
          "locations",
          "markets",
          "orderKpis",
          "shop.onlineStorePublicationId",
          "theme",
        ].sort(),
      );
      expect(snapshot.gaps).toContainEqual(
        expect.objectContaining({
          section: "products.variants.inventoryLevels",
          reason: "NOT_AVAILABLE",
        }),
      );
    });
  }
});

describe("progress", () => {
  it("reports each phase with counts a UI can turn into a percentage", async () => {
    h = await startShop(makeStore({ products: 30 }));
    const events: CollectProgress[] = [];
    await collectSnapshot(h.client(), { onProgress: (p) => events.push(p) });
    // The shop first (it picks the strategies), then the sections concurrently.
    expect(events[0]?.phase).toBe("shop");
    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases.sort()).toEqual(
      [
        "shop",
        "products",
        "inventory",
        "collections",
        "markets",
        "deliveryProfiles",
        "policies",
        "discounts",
        "theme",
        "orders",
      ].sort(),
    );
    const products = events.filter((e) => e.phase === "products");
    expect(products.at(-1)).toEqual({ phase: "products", done: 30, total: 30 });
    expect(products.map((e) => e.done)).toEqual(
      [...products.map((e) => e.done)].sort((a, b) => a - b),
    );
    // Every phase ends complete, so a progress bar built from them reaches its end.
    for (const phase of phases) {
      const last = events.filter((e) => e.phase === phase).at(-1);
      expect(last && (last.total === null || last.done >= last.total), phase).toBe(true);
    }
  });
});
