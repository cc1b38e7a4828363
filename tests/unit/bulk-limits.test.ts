/**
 * A job that collects a shop may wait as long as Shopify lets a bulk query run (10 days): its
 * timeout must not cut a large shop's export short.
 */
import { describe, expect, it } from "vitest";
import { auditRunShopJob, checkoutSyntheticJob } from "~/jobs/definitions";
import { SHOPIFY_BULK_QUERY_LIMIT_MS } from "~/shopify/bulk/limits";
import { formatDuration, pollDelay } from "~/shopify/bulk/operation.server";

describe("bulk operation limits", () => {
  it("Shopify's limit is 10 days", () => {
    expect(SHOPIFY_BULK_QUERY_LIMIT_MS).toBe(10 * 24 * 3_600_000);
  });

  it("jobs that collect a shop outlast a 10-day bulk operation (and still fit a timer)", () => {
    for (const job of [auditRunShopJob, checkoutSyntheticJob]) {
      expect(job.timeoutMs, job.id).toBeGreaterThan(SHOPIFY_BULK_QUERY_LIMIT_MS);
      expect(job.timeoutMs, job.id).toBeLessThan(2 ** 31 - 1); // setTimeout's ceiling
    }
  });

  it("polls a twentieth of the time so far, between 2 s and 5 min", () => {
    const settings = {
      pollIntervalMs: 2_000,
      maxPollIntervalMs: 300_000,
      maxRunMs: 0,
      slotWaitMs: 0,
    };
    expect(pollDelay(0, settings)).toBe(2_000);
    expect(pollDelay(10 * 60_000, settings)).toBe(30_000);
    expect(pollDelay(3 * 3_600_000, settings)).toBe(300_000);
  });

  it("durations read naturally", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(12 * 60_000)).toBe("12 min");
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe("3 h 5 min");
    expect(formatDuration(10 * 24 * 3_600_000)).toBe("10 d");
    expect(formatDuration(2 * 24 * 3_600_000 + 4 * 3_600_000)).toBe("2 d 4 h");
  });
});
