/**
 * A paged crawl of a 10,000-product catalog on the Standard plan's bucket (2000 points,
 * 100/s): the client's projection of the bucket keeps every request under what is available,
 * so Shopify never answers THROTTLED, and the snapshot holds exactly the seeded catalog. On the
 * virtual clock the hour of rate limiting passes in seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot } from "~/shopify/collect.server";
import { makeStore } from "../standin/fixtures";
import { startShop, type ShopHarness } from "./helpers";

const PRODUCTS = 10_000;
let h: ShopHarness;

beforeAll(async () => {
  h = await startShop(makeStore({ products: PRODUCTS }));
});
afterAll(() => h.close());

describe("paged crawl", () => {
  it("reads 10,000 products without a single THROTTLED answer", { timeout: 180_000 }, async () => {
    const client = h.client();
    const started = h.clock.now();
    const snapshot = await collectSnapshot(client, { strategy: "paged" });
    const seeded = h.standin.store(h.shop).products;

    expect(h.standin.stats(h.shop).throttled).toBe(0);
    expect(client.stats.throttled).toBe(0);
    expect(snapshot.source.strategy).toBe("paged");
    expect(snapshot.products.map((p) => p.id)).toEqual(seeded.map((p) => p.id));
    expect(snapshot.products.flatMap((p) => p.variants.map((v) => v.id))).toEqual(
      seeded.flatMap((p) => p.variants.map((v) => v.id)),
    );
    expect(snapshot.products.flatMap((p) => p.variants.map((v) => v.inventoryLevels))).toEqual(
      seeded.flatMap((p) =>
        p.variants.map((v) =>
          v.inventoryItem.levels.map((l) => ({ locationId: l.locationId, available: l.available })),
        ),
      ),
    );
    // Virtual time did pass: the bucket refilled many times over.
    const hours = (h.clock.now() - started) / 3_600_000;
    expect(hours).toBeGreaterThan(0.1);
    console.log(
      `paged crawl: ${client.stats.requests} requests, ${client.stats.points} points, ${hours.toFixed(2)} h of Shopify time`,
    );
  });
});
