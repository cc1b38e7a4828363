/**
 * The ingestion's burst check, short: the bench's load (bench/pixel-ingest.ts: a real HTTP
 * server on loopback mounting the route's action, 800 events/s over three shops, one above its
 * rate limit, 5 % resent events) for 3 s instead of 30, on the test database. Every accepted
 * event must be stored exactly once. Speed is the bench's business, not asserted here.
 */
import { expect, it } from "vitest";
import { BENCH_SHOPS, formatLoadReport, runIngestLoad } from "../../bench/pixel-ingest";
import { DEFAULT_RATE_LIMIT } from "~/checkout/server/ingest/handler.server";

// In 3 s the noisy shop must send more than its bucket holds plus what it refills, or the
// limiter never has to act: the bench's 400/s is only over the limit over 30 s.
const noisyRate = Math.ceil(
  (DEFAULT_RATE_LIMIT.capacity / 3 + DEFAULT_RATE_LIMIT.refillPerSecond) * 1.5,
);
const SHOPS = BENCH_SHOPS.map((s) => (s.shop.includes("noisy") ? { ...s, rate: noisyRate } : s));

it("stores every accepted event exactly once under a burst, and rate-limits the noisy shop", async () => {
  const report = await runIngestLoad({ seconds: 3, shops: SHOPS });
  expect(report.mismatches, formatLoadReport(report).join("\n")).toEqual([]);
  expect(report.sentEvents).toBeGreaterThanOrEqual(1500);
  expect(report.accepted).toBeGreaterThan(0);
  expect(report.duplicates).toBeGreaterThan(0);
  expect(report.rateLimitedEvents).toBeGreaterThan(0);
  expect(report.otherRefusedEvents).toBe(0);
  expect(report.unansweredRequests).toBe(0);
}, 60_000);
