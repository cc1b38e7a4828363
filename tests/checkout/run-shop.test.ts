/**
 * "Run checkout checks" right after an audit uses the snapshot the audit stored instead of reading
 * the shop again; a snapshot older than SNAPSHOT_REUSE_MS is not used, the shop is read anew
 * (without the theme and orders, which no checkout check reads). The run says which it judged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Names of the Admin GraphQL operations sent while `work` runs. */
async function operationsDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; names: string[] }> {
  const names: string[] = [];
  const real = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    if (typeof init?.body === "string" && String(input).includes("/admin/api/")) {
      const query = (JSON.parse(init.body) as { query?: string }).query ?? "";
      names.push(/^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "?");
    }
    return real(input, init);
  };
  try {
    return { result: await work(), names };
  } finally {
    globalThis.fetch = real;
  }
}
import { listSnapshots } from "~/snapshot/models/snapshots.server";
import { runShopAudit } from "~/product-qa/server/run-shop-audit.server";
import { SNAPSHOT_REUSE_MS, runShopCheckout } from "~/checkout/server/run-shop.server";
import { startAuditStandin, type AuditStandin } from "../jobs/audit-shop";
import { uniqueShop } from "../helpers/webhooks";

let shopify: AuditStandin;
beforeAll(async () => {
  shopify = await startAuditStandin();
});
afterAll(() => shopify?.close());

async function auditedShop(name: string) {
  const shop = uniqueShop(name);
  await shopify.addShop(shop, 6);
  await runShopAudit({ shop, trigger: "manual" });
  const [stored] = await listSnapshots(shop, { take: 1 });
  if (!stored) throw new Error("the audit stored no snapshot");
  return { shop, collectedAt: stored.summary.source.collectedAt };
}

describe("checkout checks after an audit", () => {
  it("right after: judge the audit's snapshot without reading the shop again", async () => {
    const { shop, collectedAt } = await auditedShop("checkout-reuse");
    const before = shopify.standin.stats(shop).requests;
    const { run } = await runShopCheckout({ shop }, { now: () => new Date(Date.now() + 60_000) });
    expect(run.summary.storeRead).toEqual({ at: collectedAt, reused: true });
    // Only the Storefront token is asked of the Admin API: no section of the shop is read.
    expect(shopify.standin.stats(shop).requests - before).toBeLessThanOrEqual(1);
    expect(run.markets.length).toBeGreaterThan(0);
  }, 60_000);

  it("later than the reuse window: the shop is read anew, without theme and orders", async () => {
    const { shop, collectedAt } = await auditedShop("checkout-stale");
    const later = new Date(Date.parse(collectedAt) + SNAPSHOT_REUSE_MS + 60_000);
    const {
      result: { run },
      names,
    } = await operationsDuring(() => runShopCheckout({ shop }, { now: () => later }));
    expect(run.summary.storeRead?.reused).toBe(false);
    expect(run.summary.storeRead?.at).not.toBe(collectedAt);
    expect(names).toEqual(expect.arrayContaining(["ShopSettings", "MarketsPage"]));
    expect(names.filter((n) => /Theme|Order/.test(n))).toEqual([]);
  }, 60_000);

  it("a snapshot of another source (a CSV import) is never taken for the shop", async () => {
    const { saveSnapshot } = await import("~/snapshot/models/snapshots.server");
    const { shop } = await auditedShop("checkout-csv");
    const [audit] = await listSnapshots(shop, { take: 1 });
    const { loadSnapshot } = await import("~/snapshot/models/snapshots.server");
    const snapshot = await loadSnapshot(shop, audit!.id);
    await saveSnapshot(shop, {
      ...snapshot!,
      source: {
        kind: "csv",
        name: "products.csv",
        collectedAt: new Date().toISOString(),
        strategy: null,
      },
    });
    const { run } = await runShopCheckout({ shop });
    expect(run.summary.storeRead?.reused).toBe(false);
  }, 60_000);
});
