/** The ingestion's building blocks: per-shop token buckets and the batching write queue. */
import { describe, expect, it } from "vitest";
import { TokenBuckets } from "~/checkout/server/ingest/token-bucket";
import { QueueFullError, WriteQueue } from "~/checkout/server/ingest/write-queue";

describe("TokenBuckets", () => {
  it("allows a burst up to capacity, then refills at the rate, per key", () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 10, refillPerSecond: 5, now: () => now });
    expect(buckets.take("a", 10)).toEqual({ ok: true });
    expect(buckets.take("a", 1)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(buckets.take("b", 10)).toEqual({ ok: true });
    now = 1000;
    expect(buckets.take("a", 5)).toEqual({ ok: true });
    expect(buckets.take("a", 5)).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 1000 + 60_000;
    expect(buckets.take("a", 8)).toEqual({ ok: true });
    expect(buckets.take("a", 8)).toEqual({ ok: false, retryAfterSeconds: 2 });
  });

  it("forgets buckets that refilled", () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 1, now: () => now });
    for (let i = 0; i < 1023; i++) buckets.take(`shop-${i}`, 1);
    expect(buckets.size).toBe(1023);
    now = 10_000;
    buckets.take("last", 1);
    expect(buckets.size).toBe(1);
  });
});

describe("WriteQueue", () => {
  it("answers each request after its batch is written, with its own counts", async () => {
    const batches: number[][] = [];
    const stored = new Set<number>();
    const queue = new WriteQueue<number>(
      async (items) => {
        batches.push(items);
        const inserted = new Set<number>();
        items.forEach((item, i) => {
          if (!stored.has(item)) {
            stored.add(item);
            inserted.add(i);
          }
        });
        return inserted;
      },
      { maxBatch: 4, maxWaitMs: 5 },
    );
    const results = await Promise.all([
      queue.enqueue([1, 2]),
      queue.enqueue([2, 3]),
      queue.enqueue([4]),
    ]);
    expect(batches).toEqual([[1, 2, 2, 3], [4]]);
    expect(results).toEqual([
      { inserted: 2, duplicates: 0 },
      { inserted: 1, duplicates: 1 },
      { inserted: 1, duplicates: 0 },
    ]);
  });

  it("rejects the requests of a failed batch, and refuses when too much is waiting", async () => {
    const failing = new WriteQueue<number>(
      async () => {
        throw new Error("database down");
      },
      { maxWaitMs: 1 },
    );
    await expect(failing.enqueue([1])).rejects.toThrow("database down");
    const written: number[][] = [];
    const slow = new WriteQueue<number>(
      async (items) => {
        written.push(items);
        return new Set(items.keys());
      },
      { maxBatch: 100, maxWaitMs: 60_000, maxPending: 3 },
    );
    const first = slow.enqueue([1, 2]);
    await expect(slow.enqueue([3, 4])).rejects.toBeInstanceOf(QueueFullError);
    expect(slow.depth).toBe(2);
    await slow.drain();
    await expect(first).resolves.toEqual({ inserted: 2, duplicates: 0 });
    expect(written).toEqual([[1, 2]]);
  });
});
