import { afterAll, describe, expect, it } from "vitest";
import { startSmtpCapture } from "./receivers";
import { redisReachable, removeRedisPrefix } from "./harness";

// Set before any app module reads the environment (they are imported below).
const smtp = await startSmtpCapture();
const prefix = `tovholder-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
process.env.SMTP_URL = smtp.url;
process.env.JOBS_PROVIDER = "bullmq";
process.env.REDIS_URL = process.env.TOVHOLDER_TEST_REDIS ?? "redis://127.0.0.1:6379";
process.env.JOBS_REDIS_PREFIX = prefix;

if (await redisReachable()) {
  const { crashSuite } = await import("./crash.suite");
  crashSuite("BullMQ on Redis", smtp);
  afterAll(async () => {
    const { closeTransport } = await import("~/jobs/transport.server");
    await closeTransport();
    await smtp.close();
    await removeRedisPrefix(prefix);
  });
} else if (process.env.CI) {
  it("Redis at 127.0.0.1:6379", () => {
    expect.fail(
      "CI must run the BullMQ crash tests, but Redis at 127.0.0.1:6379 is not reachable.",
    );
  });
} else {
  describe("crash tests on BullMQ", () => {
    it.skip("Redis is not reachable here (always runs in CI)", () => undefined);
  });
}
