import { describe, expect, it } from "vitest";
import { orderHistoryStart } from "../../standin/seed/demo-orders";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { copenhagenTime } from "../../standin/seed/time";
import type { StandinStore } from "../../standin/store/types";

const NOW = new Date("2025-11-20T12:00:00Z");
const { store, manifest } = generateDemoStore({ now: NOW });

/** Every `id` of an entity anywhere in the store (taxonomy categories are shared references). */
function allIds(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) allIds(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "id" && typeof v === "string") out.push(v);
      else if (k !== "category") allIds(v, out);
    }
  }
  return out;
}

const DAY = 86_400_000;
/** Local midnight (Copenhagen) of the first day of the seeded order history. */
const historyStart = (d: Date) => copenhagenTime(orderHistoryStart(d.getTime()), 0, 0);

describe("demo store generator", () => {
  describe("determinism", () => {
    it("gives identical JSON for the same seed and now", () => {
      expect(JSON.stringify(generateDemoStore({ now: NOW }))).toBe(
        JSON.stringify({ store, manifest }),
      );
    });

    it("gives a different shop for another seed", () => {
      const other = generateDemoStore({ seed: 7, now: NOW });
      expect(other.manifest.seed).toBe(7);
      expect(other.store.products.map((p) => p.title)).not.toEqual(
        store.products.map((p) => p.title),
      );
      expect(other.store.orders.length).not.toBe(store.orders.length);
    });

    it("defaults to seed 42 and moves the order history with now", () => {
      expect(manifest.seed).toBe(42);
      const later = generateDemoStore({ now: new Date(NOW.getTime() + 30 * DAY) }).store;
      expect(later.orders.at(-1)?.createdAt).not.toBe(store.orders.at(-1)?.createdAt);
    });
  });

  describe("the shop", () => {
    it("is a password-protected Danish development store", () => {
      expect(store.shop).toMatchObject({
        currencyCode: "DKK",
        ianaTimezone: "Europe/Copenhagen",
        primaryLocale: "da",
        countryCode: "DK",
        passwordProtected: true,
        partnerDevelopment: true,
      });
      // Stable across seeds and starts: the README and the app's demo hint name it.
      expect(store.shop.storefrontPassword).toBe("nordvej-demo");
      expect(generateDemoStore({ seed: 7 }).store.shop.storefrontPassword).toBe("nordvej-demo");
      expect(manifest.shop).toBe(store.shop.myshopifyDomain);
    });

    it("uses each GID once, and GIDs of the right shape", () => {
      const ids = allIds(store);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^gid:\/\/shopify\/[A-Za-z]+\/\d+$/);
    });
  });

  describe("catalogue", () => {
    it("has several hundred products across about ten vendors and a dozen product types", () => {
      expect(store.products).toHaveLength(360);
      expect(
        new Set(store.products.map((p) => p.vendor).filter((v) => v !== "")).size,
      ).toBeGreaterThanOrEqual(10);
      expect(
        new Set(store.products.map((p) => p.productType).filter((t) => t !== "")).size,
      ).toBeGreaterThanOrEqual(12);
      expect(new Set(store.products.map((p) => p.handle)).size).toBe(store.products.length);
    });

    it("has 1 to 12 variants per product, matching the product's options", () => {
      for (const p of store.products) {
        expect(p.variants.length).toBeGreaterThanOrEqual(1);
        expect(p.variants.length).toBeLessThanOrEqual(12);
        expect(new Set(p.variants.map((v) => v.title)).size).toBe(p.variants.length);
        for (const v of p.variants) {
          expect(v.selectedOptions.map((o) => o.name)).toEqual(p.options.map((o) => o.name));
          v.selectedOptions.forEach((o, i) => expect(p.options[i]?.values).toContain(o.value));
          if (v.imageMediaId !== null) expect(p.media.map((m) => m.id)).toContain(v.imageMediaId);
        }
      }
      expect(store.products.some((p) => p.variants.length >= 6)).toBe(true);
    });

    it("gives categories real-looking taxonomy paths", () => {
      for (const p of store.products) {
        if (p.category === null) continue;
        expect(p.category.id).toMatch(/^gid:\/\/shopify\/TaxonomyCategory\/[a-z]{2}(-\d+)*$/);
        expect(p.category.fullName.split(" > ").at(-1)).toBe(p.category.name);
      }
      expect(store.products.map((p) => p.category?.fullName)).toContain(
        "Sporting Goods > Outdoor Recreation > Cycling > Bicycles > Electric Bikes",
      );
    });

    it("stocks variants at three locations, one of which does not fulfil online orders", () => {
      const locationIds = new Set(store.locations.map((l) => l.id));
      expect(store.locations).toHaveLength(3);
      const offline = store.locations.filter((l) => !l.fulfillsOnlineOrders);
      expect(offline).toHaveLength(1);
      for (const v of store.products.flatMap((p) => p.variants)) {
        for (const level of v.inventoryItem.levels)
          expect(locationIds.has(level.locationId)).toBe(true);
      }
      const groups = store.deliveryProfiles.flatMap((d) =>
        d.locationGroups.flatMap((g) => g.locationIds),
      );
      expect(groups).not.toContain(offline[0]?.id);
    });

    it("has drafts, archived products, a gift card, and products on sale", () => {
      const statuses = store.products.map((p) => p.status);
      expect(statuses.filter((s) => s === "DRAFT").length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === "ARCHIVED").length).toBeGreaterThan(0);
      expect(store.products.filter((p) => p.isGiftCard)).toHaveLength(1);
      expect(
        store.products.filter((p) =>
          p.variants.some(
            (v) => v.compareAtPrice !== null && Number(v.compareAtPrice) > Number(v.price),
          ),
        ).length,
      ).toBeGreaterThan(20);
      for (const p of store.products.filter((x) => x.status !== "ACTIVE"))
        expect(p.onlineStorePublishedAt).toBeNull();
    });

    it("files products in custom and smart collections that exist", () => {
      const collections = new Map(store.collections.map((c) => [c.id, c]));
      expect(store.collections.some((c) => c.smart)).toBe(true);
      expect(store.collections.some((c) => !c.smart)).toBe(true);
      for (const id of store.products.flatMap((p) => p.collectionIds))
        expect(collections.has(id)).toBe(true);
      expect(new Set(store.collections.map((c) => c.handle)).size).toBe(store.collections.length);
    });
  });

  describe("markets and delivery", () => {
    it("has Denmark as the only primary market, and a sample address inside each market", () => {
      expect(store.markets.filter((m) => m.primary).map((m) => m.countries)).toEqual([["DK"]]);
      const countries = store.markets.flatMap((m) => m.countries);
      for (const c of ["DK", "SE", "NO", "DE", "NL", "FR", "GB"]) expect(countries).toContain(c);
      for (const m of store.markets) expect(m.countries).toContain(m.sampleAddress?.countryCode);
    });

    it("has a general profile and a custom profile holding fewer countries", () => {
      const general = store.deliveryProfiles.find((d) => d.isDefault);
      const custom = store.deliveryProfiles.filter((d) => !d.isDefault);
      const countries = (d: StandinStore["deliveryProfiles"][number] | undefined) =>
        new Set(d?.locationGroups.flatMap((g) => g.zones.flatMap((z) => z.countries)));
      expect(custom.length).toBeGreaterThan(0);
      for (const c of custom) {
        expect(c.variantIds.length).toBeGreaterThan(0);
        expect(countries(c).size).toBeLessThan(countries(general).size);
      }
    });
  });

  describe("orders and customers", () => {
    const start = historyStart(NOW);
    const times = store.orders.map((o) => Date.parse(o.createdAt));
    const byMonth = new Map<string, number>();
    for (const o of store.orders)
      byMonth.set(o.createdAt.slice(0, 7), (byMonth.get(o.createdAt.slice(0, 7)) ?? 0) + 1);

    it("has a few thousand orders, all since the first day of the month 16 months back, numbered in time order", () => {
      expect(store.orders.length).toBeGreaterThan(2000);
      expect(store.orders.length).toBeLessThan(8000);
      expect(Math.min(...times)).toBeGreaterThanOrEqual(start);
      expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
      expect(Math.min(...times)).toBeLessThan(start + 7 * DAY);
      const numbers = store.orders.map((o) => Number(o.name.slice(1)));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it("shows a Christmas peak and a quiet winter", () => {
      expect(byMonth.get("2024-12") ?? 0).toBeGreaterThan(2 * (byMonth.get("2025-02") ?? 0));
      expect(byMonth.get("2025-05") ?? 0).toBeGreaterThan(byMonth.get("2025-02") ?? 0);
    });

    it("sells more on Sundays than on Saturdays", () => {
      const weekday = (o: { createdAt: string }) =>
        new Date(Date.parse(o.createdAt) + 3_600_000).getUTCDay();
      const sundays = store.orders.filter((o) => weekday(o) === 0).length;
      const saturdays = store.orders.filter((o) => weekday(o) === 6).length;
      expect(sundays).toBeGreaterThan(saturdays * 1.2);
    });

    it("has consistent money on every order", () => {
      const cents = (s: string) => Math.round(Number(s) * 100);
      for (const o of store.orders) {
        const lines = o.lines.reduce(
          (sum, l) => sum + cents(l.unitPrice) * l.quantity - cents(l.totalDiscount),
          0,
        );
        expect(cents(o.subtotal)).toBe(lines);
        expect(cents(o.total)).toBe(cents(o.subtotal) + cents(o.totalShipping));
        expect(cents(o.totalRefunded)).toBeLessThanOrEqual(cents(o.total));
        expect(cents(o.totalTax)).toBeLessThan(cents(o.total) || 1);
      }
    });

    it("sells only existing variants of published products, after they were published", () => {
      const variants = new Map(
        store.products.flatMap((p) => p.variants.map((v) => [v.id, p] as const)),
      );
      for (const o of store.orders) {
        for (const l of o.lines) {
          const product = variants.get(l.variantId ?? "");
          expect(product?.id).toBe(l.productId);
          expect(Date.parse(product?.onlineStorePublishedAt ?? "")).toBeLessThanOrEqual(
            Date.parse(o.createdAt),
          );
        }
      }
    });

    it("ships to several countries, never to the market without shipping", () => {
      const countries = new Set(store.orders.map((o) => o.countryCode));
      expect(countries.size).toBeGreaterThanOrEqual(5);
      expect(countries.has("CH")).toBe(false);
    });

    it("has refunds, cancellations and returning customers", () => {
      expect(store.orders.filter((o) => o.cancelledAt !== null).length).toBeGreaterThan(5);
      expect(
        store.orders.filter((o) => o.financialStatus === "REFUNDED" && o.cancelledAt === null)
          .length,
      ).toBeGreaterThan(5);
      expect(
        store.orders.filter((o) => o.financialStatus === "PARTIALLY_REFUNDED").length,
      ).toBeGreaterThan(5);
      const perCustomer = new Map<string, number>();
      for (const o of store.orders)
        if (o.customerId) perCustomer.set(o.customerId, (perCustomer.get(o.customerId) ?? 0) + 1);
      const returning = [...perCustomer.values()].filter((n) => n > 1).length;
      expect(returning / perCustomer.size).toBeGreaterThan(0.2);
      expect([...perCustomer.values()].filter((n) => n === 1).length).toBeGreaterThan(0);
    });

    it("has about 400 fictional customers, each created before their first order", () => {
      expect(store.customers.length).toBe(400);
      const emails = store.customers.map((c) => c.email);
      expect(new Set(emails).size).toBe(emails.length);
      for (const e of emails) expect(e).toMatch(/^[a-z0-9.]+@example\.com$/);
      const firstOrder = new Map<string, number>();
      for (const o of store.orders)
        if (o.customerId && !firstOrder.has(o.customerId))
          firstOrder.set(o.customerId, Date.parse(o.createdAt));
      for (const c of store.customers)
        expect(Date.parse(c.createdAt)).toBeLessThanOrEqual(firstOrder.get(c.id) ?? Infinity);
    });
  });

  describe("theme", () => {
    const theme = store.themes.find((t) => t.role === "MAIN");
    const file = (name: string) => theme?.files.find((f) => f.filename === name)?.body ?? "";

    it("has settings_data.json with Shopify's comment header and app embeds, one disabled", () => {
      const raw = file("config/settings_data.json");
      expect(raw.startsWith("/*")).toBe(true);
      const data = JSON.parse(raw.replace(/^\/\*[\s\S]*?\*\//, "")) as {
        current: { blocks: Record<string, { type: string; disabled: boolean }> };
      };
      const blocks = Object.values(data.current.blocks);
      expect(blocks.length).toBeGreaterThanOrEqual(2);
      for (const b of blocks)
        expect(b.type).toMatch(
          /^shopify:\/\/apps\/[a-z0-9-]+\/blocks\/[a-z0-9-_]+\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      expect(blocks.filter((b) => b.disabled)).toHaveLength(1);
    });

    it("has the templates the audits read, with an app block on the product page", () => {
      for (const name of [
        "layout/theme.liquid",
        "templates/index.json",
        "templates/collection.json",
      ])
        expect(file(name)).not.toBe("");
      // Written the way the theme editor writes JSON: `/` escaped inside strings.
      expect(file("templates/product.json")).toMatch(
        /"type": "shopify:\\\/\\\/apps\\\/[a-z0-9-]+\\\/blocks\\\//,
      );
      expect(file("layout/theme.liquid")).toContain("{{ content_for_header }}");
    });

    it("is shaped like Dawn: section groups, customer templates, sections with schemas, snippets, assets", () => {
      const names = theme?.files.map((f) => f.filename) ?? [];
      for (const name of [
        "layout/password.liquid",
        "sections/header-group.json",
        "sections/footer-group.json",
        "templates/customers/account.json",
        "templates/gift_card.liquid",
        "sections/custom-liquid.liquid",
        "snippets/meta-tags.liquid",
        "assets/global.js",
      ])
        expect(names).toContain(name);
      for (const name of names.filter((n) => /^(templates|sections)\/.*\.json$/.test(n))) {
        expect(file(name).startsWith("/*\n * ---"), name).toBe(true);
        expect(file(name).replace(/^\/\*[\s\S]*?\*\//, ""), name).not.toMatch(/[^\\]\//);
      }
      for (const name of names.filter((n) => /^sections\/.*\.liquid$/.test(n)))
        expect(file(name), name).toContain("{% schema %}");
      // Every section a JSON template or group names exists.
      for (const name of names.filter((n) => n.endsWith(".json") && !n.startsWith("config/"))) {
        const data = JSON.parse(file(name).replace(/^\/\*[\s\S]*?\*\//, "")) as {
          sections: Record<string, { type: string }>;
        };
        for (const s of Object.values(data.sections))
          expect(names, `${name}: ${s.type}`).toContain(`sections/${s.type}.liquid`);
      }
    });
  });

  describe("performance", () => {
    it("generates the default store in under a second", () => {
      const started = performance.now();
      generateDemoStore({ now: NOW, seed: 3 });
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it("generates 10,000 products in a few seconds, still with unique handles, titles and barcodes", () => {
      const started = performance.now();
      const big = generateDemoStore({ now: NOW, productCount: 10_000 }).store;
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(big.products).toHaveLength(10_000);
      expect(new Set(big.products.map((p) => p.handle)).size).toBe(10_000);
      const active = big.products.filter((p) => p.status !== "ARCHIVED");
      const barcodes = active
        .flatMap((p) => p.variants.map((v) => v.barcode))
        .filter((b): b is string => b !== null);
      // Only the planted duplicate repeats a barcode.
      expect(barcodes.length - new Set(barcodes).size).toBe(1);
    });

    it("refuses a catalogue too small to hold the planted defects", () => {
      expect(() => generateDemoStore({ now: NOW, productCount: 20 })).toThrow(RangeError);
    });
  });
});
