/**
 * The collection reads its sections concurrently, paced by the one bucket: several requests are
 * in flight at once, none is answered THROTTLED, and a failing section stops the others instead
 * of leaving them running after the collection failed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { collectSnapshot } from "~/shopify/collect.server";
import { ShopifyApiError } from "~/shopify/errors";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { startShop, type ShopHarness } from "./helpers";

let h: ShopHarness;
afterEach(() => h.close());

const NOW = new Date("2026-03-15T12:00:00Z");

/** A fetch that counts the Admin API requests in flight, and can fail one operation. */
function countingFetch(failOperation?: string) {
  const seen = { inFlight: 0, max: 0, after: [] as string[], failed: false };
  const fetchImpl: typeof fetch = async (input, init) => {
    const query =
      typeof init?.body === "string"
        ? ((JSON.parse(init.body) as { query?: string }).query ?? "")
        : "";
    const name = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "";
    if (seen.failed) seen.after.push(name);
    if (name === failOperation) {
      seen.failed = true;
      return new Response(JSON.stringify({ errors: [{ message: "boom" }] }), {
        status: 200,
        headers: { "Content-Type": "application/json" },
      });
    }
    seen.inFlight++;
    seen.max = Math.max(seen.max, seen.inFlight);
    try {
      return await globalThis.fetch(input, init);
    } finally {
      seen.inFlight--;
    }
  };
  return { seen, fetchImpl };
}

describe("concurrent collection", () => {
  it("has several requests in flight, and Shopify never answers THROTTLED", async () => {
    const { store } = generateDemoStore({ now: NOW });
    h = await startShop(store, {}, NOW.getTime());
    const { seen, fetchImpl } = countingFetch();
    const snapshot = await collectSnapshot(h.client({ fetch: fetchImpl }), {
      now: NOW,
      bulk: { pollIntervalMs: 1_000 },
    });
    expect(snapshot.products).toHaveLength(store.products.length);
    expect(seen.max).toBeGreaterThanOrEqual(3);
    expect(h.standin.stats(h.shop).throttled).toBe(0);
  });

  it("a section that fails fails the collection, and the other sections stop", async () => {
    const { store } = generateDemoStore({ now: NOW });
    h = await startShop(store, {}, NOW.getTime());
    const { seen, fetchImpl } = countingFetch("MarketsPage");
    const error = await collectSnapshot(h.client({ fetch: fetchImpl }), {
      now: NOW,
      bulk: { pollIntervalMs: 1_000 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyApiError);
    expect((error as Error).message).toContain("boom");
    // Once it returned, nothing of it is still asking Shopify.
    const sent = seen.after.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen.after.length).toBe(sent);
  });
});
