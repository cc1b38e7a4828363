/**
 * BullMQ: a worker whose database does not answer when it claims a run (busy, restarting) puts
 * the message back and runs the job once the database answers. Before, the message failed: its
 * id stayed in Redis, the scheduler's re-delivery under that id was ignored and the run stayed
 * queued for good (seen by the load bench on SQLite: "Operation has timed out").
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import type * as JobRuns from "~/jobs/models/job-runs.server";
import { removeRedisPrefix, redisReachable } from "./harness";

const prefix = vi.hoisted(() => {
  const value = `tovholder-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  process.env.JOBS_PROVIDER = "bullmq";
  process.env.REDIS_URL = process.env.TOVHOLDER_TEST_REDIS ?? "redis://127.0.0.1:6379";
  process.env.JOBS_REDIS_PREFIX = value;
  return value;
});

/** The first claims fail as SQLite's busy timeout does. */
const failures = vi.hoisted(() => ({ left: 0, seen: 0 }));
vi.mock("~/jobs/models/job-runs.server", async (original) => {
  const actual = await original<typeof JobRuns>();
  return {
    ...actual,
    claimRun: async (...args: Parameters<typeof actual.claimRun>) => {
      if (failures.left > 0) {
        failures.left--;
        failures.seen++;
        throw new Error("Invalid `tx.jobRun.findUnique()` invocation:\n\nOperation has timed out");
      }
      return actual.claimRun(...args);
    },
  };
});

const reachable = await redisReachable();

describe.runIf(reachable || process.env.CI)("BullMQ worker, database not answering a claim", () => {
  afterAll(async () => {
    const { closeTransport } = await import("~/jobs/transport.server");
    await closeTransport();
    await removeRedisPrefix(prefix);
  });

  it("retries the claim and runs the job once", async () => {
    const { enqueueJob } = await import("~/jobs/client.server");
    const { recordInstall } = await import("~/db/shops.server");
    const { prisma } = await import("~/db/db.server");
    const { probeJob, testRegistry } = await import("./fixtures/test-jobs");
    const { startWorker, waitForRun } = await import("./harness");
    const { uniqueShop } = await import("../helpers/webhooks");
    const shop = uniqueShop("claim");
    await recordInstall({ shop, scopes: null });
    failures.left = 2;
    const worker = await startWorker(testRegistry());
    try {
      const { id } = await enqueueJob(probeJob, {
        shop,
        label: "claim-error",
        key: null,
        failTimes: 0,
        permanent: false,
        holdMs: 0,
        ignoreSignal: false,
      });
      const run = await waitForRun(id, undefined, 20_000);
      expect(failures.seen).toBe(2);
      expect(run).toMatchObject({ status: "succeeded", attempts: 1, error: null });
      expect(await prisma.jobRun.count({ where: { shop } })).toBe(1);
    } finally {
      await worker.stop();
    }
  }, 30_000);
});
