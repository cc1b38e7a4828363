import { afterAll, describe, expect, it, vi } from "vitest";
import { removeRedisPrefix, redisReachable } from "./harness";

// BullMQ on the Redis at 127.0.0.1:6379 (always in CI), under a key prefix of this file's own.
const prefix = vi.hoisted(() => {
  const value = `tovholder-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  process.env.JOBS_PROVIDER = "bullmq";
  process.env.REDIS_URL = process.env.TOVHOLDER_TEST_REDIS ?? "redis://127.0.0.1:6379";
  process.env.JOBS_REDIS_PREFIX = value;
  return value;
});

if (await redisReachable()) {
  const { jobsSuite } = await import("./jobs.suite");
  const { bullmqSuite } = await import("./bullmq.suite");
  jobsSuite("BullMQ (Redis, SQLite)");
  bullmqSuite(prefix);
  afterAll(async () => {
    const { closeTransport } = await import("~/jobs/transport.server");
    await closeTransport();
    await removeRedisPrefix(prefix);
  });
} else if (process.env.CI) {
  it("Redis at 127.0.0.1:6379", () => {
    expect.fail("CI must run the BullMQ tests, but Redis at 127.0.0.1:6379 is not reachable.");
  });
} else {
  describe("jobs on BullMQ", () => {
    it.skip("Redis is not reachable here (always runs in CI)", () => undefined);
  });
}
