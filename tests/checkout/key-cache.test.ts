/**
 * The pixel endpoint's key cache: anyone on the internet can name any number of shops, so the
 * cache is bounded (oldest first out) and swept of expired entries; a deleted shop is forgotten
 * at once.
 */
import { describe, expect, it } from "vitest";
import { IngestKeyVerifier } from "~/checkout/server/pixel-credentials.server";
import { forgetShopInMemory } from "~/lib/shop-memory.server";

const shopName = (i: number) => `stranger-${i}.myshopify.com`;

describe("IngestKeyVerifier's cache", () => {
  it("stays within its bound however many shops strangers name", async () => {
    const verifier = new IngestKeyVerifier({ maxEntries: 1000, load: async () => null });
    for (let i = 0; i < 20_000; i++) await verifier.verify(shopName(i), "k".repeat(24));
    expect(verifier.size).toBeLessThanOrEqual(1000);
  });

  it("sweeps expired entries as it grows, and keeps the live ones", async () => {
    let now = 0;
    const verifier = new IngestKeyVerifier({
      now: () => now,
      ttlMs: 60_000,
      negativeTtlMs: 10_000,
      load: async (shop) => (shop === "real.myshopify.com" ? "the-key-of-real-shop" : null),
    });
    for (let i = 0; i < 1000; i++) await verifier.verify(shopName(i), "guess-guess-guess");
    now = 20_000; // the unknown shops' entries (10 s) have expired
    expect(await verifier.verify("real.myshopify.com", "the-key-of-real-shop")).toBe(true);
    for (let i = 1000; i < 1100; i++) await verifier.verify(shopName(i), "guess-guess-guess");
    expect(verifier.size).toBeLessThan(200);
    let loads = 0;
    const counting = new IngestKeyVerifier({
      now: () => now,
      load: async () => {
        loads++;
        return "the-key-of-real-shop";
      },
    });
    await counting.verify("real.myshopify.com", "the-key-of-real-shop");
    await counting.verify("real.myshopify.com", "the-key-of-real-shop");
    expect(loads).toBe(1);
  });

  it("the process-wide verifier forgets a deleted shop at once", async () => {
    const { ingestKeys } = await import("~/checkout/server/pixel-credentials.server");
    expect(forgetShopInMemory("any.myshopify.com")).toContain("pixel ingestion keys (60 s)");
    expect(ingestKeys.size).toBe(0);
  });
});
