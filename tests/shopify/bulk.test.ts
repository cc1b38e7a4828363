/**
 * The bulk strategy against the stand-in's bulk operations: the same snapshot as the paged
 * crawl, and every way an operation can end badly.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BulkQuery } from "~/shopify/bulk/operation.server";
import { collectSnapshot, type CollectOptions } from "~/shopify/collect.server";
import { ShopifyApiError } from "~/shopify/errors";
import { CancelBulkOperationDocument } from "~/shopify/generated/admin";
import { makeStore } from "../standin/fixtures";
import { startShop, type ShopHarness } from "./helpers";

let h: ShopHarness;
afterEach(() => h.close());

const FAST: CollectOptions["bulk"] = { pollIntervalMs: 1_000 };
const PRODUCTS_QUERY = "{ products { edges { node { id title } } } }";

async function failure(promise: Promise<unknown>): Promise<ShopifyApiError> {
  const error = await promise.then(
    () => new Error("expected a ShopifyApiError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShopifyApiError);
  return error as ShopifyApiError;
}

describe("bulk strategy", () => {
  it("a catalog above the threshold goes through bulk and gives exactly the paged snapshot", async () => {
    h = await startShop(makeStore({ products: 1_200 }));
    const statuses: string[] = [];
    const bulk = await collectSnapshot(h.client(), {
      bulk: { ...FAST, onStatus: (s) => statuses.push(s.status) },
    });
    expect(bulk.source.strategy).toBe("bulk");
    // The result is read once polling saw the operation finish.
    expect(statuses.at(-1)).toBe("COMPLETED");

    const paged = await collectSnapshot(h.client(), { strategy: "paged" });
    expect(paged.source.strategy).toBe("paged");
    expect({ ...bulk, source: null }).toEqual({ ...paged, source: null });
    expect(bulk.products).toHaveLength(1_200);
    expect(bulk.products[0]?.variants[0]?.inventoryLevels).toHaveLength(2);
  });

  it("polls soon after the start, then less and less often up to the interval", async () => {
    h = await startShop(makeStore({ products: 1_200 }));
    const client = h.client();
    const polls: { status: string; at: number }[] = [];
    const operation = await BulkQuery.start(client, PRODUCTS_QUERY, {
      pollIntervalMs: 1_000,
      firstPollMs: 10,
      onStatus: (s) => polls.push({ status: s.status, at: h.clock.now() }),
    });
    const started = h.clock.now();
    const lines = await operation.read(async (read) => {
      let n = 0;
      for await (const line of read) if (line !== "") n++;
      return n;
    });
    expect(lines).toBe(1_200);
    // Seen unfinished first (the stand-in's first step is 50 ms), COMPLETED last.
    expect(polls[0]?.status).not.toBe("COMPLETED");
    expect(polls.at(-1)?.status).toBe("COMPLETED");
    // Virtual time passes only in the sleeps between polls: the first poll at once, then 10 ms,
    // doubling, at most 1 s.
    const gaps = polls.map((p, i) => p.at - (polls[i - 1]?.at ?? started));
    expect(gaps).toEqual(gaps.map((_, i) => (i === 0 ? 0 : Math.min(1_000, 10 * 2 ** (i - 1)))));
    expect(gaps.length).toBeGreaterThan(2);
  });

  it("the threshold is configurable", async () => {
    h = await startShop(makeStore({ products: 30 }));
    const snapshot = await collectSnapshot(h.client(), { bulkThreshold: 10, bulk: FAST });
    expect(snapshot.source.strategy).toBe("bulk");
    expect(snapshot.products).toHaveLength(30);
  });

  it("an empty catalog (no result file) is a valid snapshot with zero products", async () => {
    h = await startShop(makeStore({ products: 0 }));
    const snapshot = await collectSnapshot(h.client(), { strategy: "bulk", bulk: FAST });
    expect(snapshot.products).toEqual([]);
    expect(snapshot.locations).toHaveLength(2);
    expect(snapshot.gaps).toBeUndefined();
  });

  it("FAILED without partial data fails with Shopify's error code", async () => {
    h = await startShop(makeStore({ products: 40 }));
    h.standin.failNextBulkOperation(h.shop, { errorCode: "INTERNAL_SERVER_ERROR" });
    const error = await failure(collectSnapshot(h.client(), { strategy: "bulk", bulk: FAST }));
    expect(error.code).toBe("BULK");
    expect(error.message).toContain("INTERNAL_SERVER_ERROR");
    expect(error.details.bulkOperation).toMatchObject({
      status: "FAILED",
      errorCode: "INTERNAL_SERVER_ERROR",
    });
    expect(error.details.bulkOperation?.partialObjectCount).toBeUndefined();
  });

  it("FAILED with partial data reports how far it got and builds nothing from it", async () => {
    h = await startShop(makeStore({ products: 40 }));
    h.standin.failNextBulkOperation(h.shop, { errorCode: "TIMEOUT", partial: true });
    const error = await failure(collectSnapshot(h.client(), { strategy: "bulk", bulk: FAST }));
    expect(error.code).toBe("BULK");
    expect(error.message).toMatch(
      /failed \(TIMEOUT\); its partial result holds \d+ objects \(not used/,
    );
    // The first half of the 40 products, each with its variants, media and collections.
    expect(error.details.bulkOperation?.partialObjectCount).toBeGreaterThan(20);
  });

  it("CANCELED fails clearly", async () => {
    h = await startShop(makeStore({ products: 10 }), { bulk: { stepMs: 60_000 } });
    const client = h.client();
    const op = await BulkQuery.start(client, PRODUCTS_QUERY, FAST);
    await client.request(CancelBulkOperationDocument, { id: op.id });
    const error = await failure(op.read(async () => undefined));
    expect(error.code).toBe("BULK");
    expect(error.message).toMatch(/was canceled/);
  });

  it("waits for a free slot while earlier operations run", async () => {
    h = await startShop(makeStore({ products: 10 }), {
      bulk: { maxConcurrent: 1, stepMs: 30_000 },
    });
    const client = h.client();
    await BulkQuery.start(client, PRODUCTS_QUERY, FAST); // holds the only slot for a minute
    const start = h.clock.now();
    const second = await BulkQuery.start(client, PRODUCTS_QUERY, FAST);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(60_000);
    const lines = await second.read(async (l) => {
      const all: string[] = [];
      for await (const line of l) all.push(line);
      return all;
    });
    expect(lines).toHaveLength(10);
  });

  it("fails clearly when no slot frees up in time", async () => {
    h = await startShop(makeStore({ products: 10 }), {
      bulk: { maxConcurrent: 1, stepMs: 3_600_000 },
    });
    const client = h.client();
    await BulkQuery.start(client, PRODUCTS_QUERY, FAST);
    const error = await failure(
      BulkQuery.start(client, PRODUCTS_QUERY, { ...FAST, slotWaitMs: 120_000 }),
    );
    expect(error.code).toBe("BULK");
    expect(error.message).toMatch(/running as many bulk operations as Shopify allows/);
    expect(error.details.userErrors?.[0]?.code).toBe("OPERATION_IN_PROGRESS");
  });

  it("an expired result URL runs the operation once more", async () => {
    h = await startShop(makeStore({ products: 30 }));
    let expiries = 0;
    const snapshot = await collectSnapshot(h.client(), {
      strategy: "bulk",
      bulk: {
        ...FAST,
        onStatus: (s) => {
          if (s.status === "COMPLETED" && expiries === 0) {
            expiries++;
            h.standin.expireBulkResults(h.shop);
          }
        },
      },
    });
    expect(expiries).toBe(1);
    expect(snapshot.products).toHaveLength(30);
  });

  it("a result URL that expires again fails clearly", async () => {
    h = await startShop(makeStore({ products: 30 }));
    const error = await failure(
      collectSnapshot(h.client(), {
        strategy: "bulk",
        bulk: {
          ...FAST,
          onStatus: (s) => {
            if (s.status === "COMPLETED") h.standin.expireBulkResults(h.shop);
          },
        },
      }),
    );
    expect(error.code).toBe("BULK");
    // The orders' operation also runs in bulk (strategy "bulk"), and the hook expires every
    // result of the shop: whichever operation fails first, its re-run's result expired too —
    // either found on download (GCS's 400 ExpiredToken) or reported by its status (EXPIRED).
    expect(error.message).toMatch(
      /could not be read, also after running it again: .*(HTTP 400 ExpiredToken|has expired)/,
    );
  });

  it("a result download that stalls is abandoned and the operation re-run", async () => {
    h = await startShop(makeStore({ products: 30 }));
    let stalls = 0;
    const stalling: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input);
      if (url.host === "storage.googleapis.com" && stalls === 0) {
        stalls++;
        return new Response(new ReadableStream({ start: () => undefined }), { status: 200 });
      }
      return globalThis.fetch(input, init);
    };
    const snapshot = await collectSnapshot(h.client({ fetch: stalling }), {
      strategy: "bulk",
      bulk: { ...FAST, idleTimeoutMs: 100 },
    });
    expect(stalls).toBe(1);
    expect(snapshot.products).toHaveLength(30);
  });
});

describe("long bulk operations (Shopify allows up to 10 days)", () => {
  const DAY = 24 * 3_600_000;

  it("waits out a 7-day export instead of cancelling it", async () => {
    // The stand-in's operations finish two steps after creation: 7 days.
    h = await startShop(makeStore({ products: 40 }), { bulk: { stepMs: 3.5 * DAY } });
    const start = h.clock.now();
    const snapshot = await collectSnapshot(h.client(), { strategy: "bulk" });
    expect(snapshot.source.strategy).toBe("bulk");
    expect(snapshot.products).toHaveLength(40);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(7 * DAY);
  });

  it("polls often at first and at most every 5 minutes once an operation runs long", async () => {
    h = await startShop(makeStore({ products: 10 }), { bulk: { stepMs: 3.5 * DAY } });
    const statuses: { status: string; elapsedMs: number }[] = [];
    const op = await BulkQuery.start(h.client(), PRODUCTS_QUERY, {
      onStatus: (s) => statuses.push(s),
    });
    await op.read(async () => undefined);
    expect(statuses.at(-1)?.status).toBe("COMPLETED");
    const gaps = statuses.slice(1).map((s, i) => s.elapsedMs - statuses[i]!.elapsedMs);
    // 250 ms doubling up to 2 s (a small shop's export is read at once), then a twentieth of
    // the time so far.
    expect(gaps.slice(0, 5)).toEqual([250, 500, 1_000, 2_000, 2_000]);
    expect(Math.max(...gaps)).toBe(5 * 60_000);
    // A week in about 2,000 polls, not 300,000 at 2 s.
    expect(statuses.length).toBeLessThan(2_500);
  });

  it("Shopify ends a query still running after 10 days: FAILED (TIMEOUT), reported as such", async () => {
    h = await startShop(makeStore({ products: 10 }), { bulk: { stepMs: 6 * DAY } });
    const error = await failure(collectSnapshot(h.client(), { strategy: "bulk" }));
    expect(error.code).toBe("BULK");
    expect(error.message).toMatch(/failed \(TIMEOUT\)/);
    expect(error.details.bulkOperation).toMatchObject({ status: "FAILED", errorCode: "TIMEOUT" });
  });

  it("says what it is waiting for while Shopify exports the catalog", async () => {
    h = await startShop(makeStore({ products: 40 }), { bulk: { stepMs: 2 * 3_600_000 } });
    const details: string[] = [];
    await collectSnapshot(h.client(), {
      strategy: "bulk",
      onProgress: (p) => {
        if (p.detail) details.push(p.detail);
      },
    });
    expect(details[0]).toMatch(/^Shopify has queued the catalog export after \d+ s/);
    expect(details).toContainEqual(
      expect.stringMatching(
        /^Shopify is exporting the catalog: 40 of 40 products after 3 h( \d+ min)? \(Shopify allows up to 10 d\)$/,
      ),
    );
    expect(details.at(-1)).toBe("Shopify has exported the catalog; reading it");
  });
});
