/**
 * The job system's behaviour, run under each provider (jobs-inprocess.test.ts,
 * jobs-inprocess.postgres.test.ts, jobs-bullmq.test.ts) with test-only jobs whose effects are
 * countable (fixtures/test-jobs.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/db.server";
import {
  cancelJob,
  enqueueJob,
  getJobRun,
  listJobRuns,
  type EnqueueOptions,
} from "~/jobs/client.server";
import type { JobDefinition } from "~/jobs/define";
import type { JobService } from "~/jobs/service.server";
import { recordInstall } from "~/db/shops.server";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { uniqueShop, webhookRequest } from "../helpers/webhooks";
import { probeJob, retryLaterJob, slowJob, testRegistry } from "./fixtures/test-jobs";
import { attempts } from "./fixtures/handlers/probe";
import { startWorker, waitForRun } from "./harness";

async function installedShop(): Promise<string> {
  const shop = uniqueShop("jobs");
  await recordInstall({ shop, scopes: "read_products" });
  return shop;
}

type ProbePayload = typeof probeJob extends JobDefinition<infer P> ? P : never;

const probePayload = (
  shop: string,
  label: string,
  extra: Partial<ProbePayload> = {},
): ProbePayload => ({
  shop,
  label,
  key: null,
  failTimes: 0,
  permanent: false,
  holdMs: 0,
  ignoreSignal: false,
  ...extra,
});

const probe = (
  shop: string,
  label: string,
  extra: Partial<ProbePayload> = {},
  options?: EnqueueOptions,
) => enqueueJob(probeJob, probePayload(shop, label, extra), options);

const attemptsOf = (label: string) => attempts.filter((a) => a.label === label);

export function jobsSuite(name: string) {
  describe(`jobs on ${name}`, () => {
    let worker: JobService;

    beforeAll(async () => {
      worker = await startWorker(testRegistry(), { concurrency: 2 });
    });
    afterAll(async () => {
      await worker?.stop();
    });
    afterEach(() => {
      attempts.length = 0;
    });

    it("runs a job and records its progress, result and history", async () => {
      const shop = await installedShop();
      const { id, deduplicated } = await probe(shop, "simple");
      expect(deduplicated).toBe(false);
      const run = await waitForRun(id);
      expect(run).toMatchObject({ status: "succeeded", attempts: 1, progress: 100, error: null });
      expect(run.phase).toBe("finishing");
      expect(JSON.parse(run.result ?? "null")).toEqual({ label: "simple", attempt: 1 });
      expect(run.startedAt).toBeInstanceOf(Date);
      expect(run.finishedAt).toBeInstanceOf(Date);
      const history = await listJobRuns(shop, { limit: 10 });
      expect(history.map((r) => r.id)).toEqual([id]);
      expect((await getJobRun(id))?.status).toBe("succeeded");
    });

    it("enqueues a key once: the same key twice is one run", async () => {
      const shop = await installedShop();
      const first = await probe(shop, "keyed", {}, { key: `probe:${shop}:once` });
      const second = await probe(shop, "keyed", {}, { key: `probe:${shop}:once` });
      expect(second).toEqual({ id: first.id, deduplicated: true });
      await waitForRun(first.id);
      expect(attemptsOf("keyed")).toHaveLength(1);
      expect(await prisma.jobRun.count({ where: { shop } })).toBe(1);
    });

    it("refuses a payload its schema rejects", async () => {
      await expect(enqueueJob(probeJob, { shop: 42 } as unknown as ProbePayload)).rejects.toThrow();
    });

    it("retries a failing job with exponential backoff, then succeeds", async () => {
      const shop = await installedShop();
      const { id } = await probe(shop, "flaky", { failTimes: 2 });
      const run = await waitForRun(id);
      expect(run).toMatchObject({ status: "succeeded", attempts: 3, error: null });
      const tries = attemptsOf("flaky");
      expect(tries.map((a) => a.attempt)).toEqual([1, 2, 3]);
      // Backoff 100 ms, then 200 ms (probeJob: baseMs 100).
      const [a, b, c] = tries;
      expect(b!.startedAt - a!.endedAt!).toBeGreaterThanOrEqual(95);
      expect(c!.startedAt - b!.endedAt!).toBeGreaterThanOrEqual(195);
    });

    it("shows a failed attempt waiting for its retry, with the error and the retry time", async () => {
      const shop = await installedShop();
      const before = Date.now();
      const { id } = await enqueueJob(
        retryLaterJob,
        probePayload(shop, "retry-later", { failTimes: 1 }),
      );
      const failed = await waitForRun(id, (r) => r.status === "failed");
      expect(failed).toMatchObject({
        attempts: 1,
        error: "retry-later: failure 1",
        lockedBy: null,
      });
      expect(failed.runAt.getTime()).toBeGreaterThanOrEqual(before + 60_000);
      expect(failed.runAt.getTime()).toBeLessThan(Date.now() + 61_000);
      expect(await cancelJob(id)).toBe(true);
    });

    it("dead-letters a job after maxAttempts, keeping the error", async () => {
      const shop = await installedShop();
      const { id } = await probe(shop, "broken", { failTimes: 99 });
      const run = await waitForRun(id);
      expect(run.status).toBe("dead");
      expect(run.attempts).toBe(3);
      expect(run.error).toBe("broken: failure 3 (attempt 3 of 3)");
      expect(run.finishedAt).toBeInstanceOf(Date);
      expect(attemptsOf("broken")).toHaveLength(3);
    });

    it("dead-letters a PermanentJobError at once", async () => {
      const shop = await installedShop();
      const { id } = await probe(shop, "hopeless", { permanent: true });
      const run = await waitForRun(id);
      expect(run).toMatchObject({
        status: "dead",
        attempts: 1,
        error: "hopeless: cannot ever work",
      });
    });

    it("times a job out through its signal", async () => {
      const shop = await installedShop();
      const { id } = await enqueueJob(slowJob, { shop });
      const run = await waitForRun(id);
      expect(run.status).toBe("dead");
      expect(run.error).toMatch(/^Timed out after 0 s\. \(attempt 1 of 1\)$/);
    });

    it("runs at most one job per concurrency key, and at most `concurrency` at once", async () => {
      const shop = await installedShop();
      const sameKey = await Promise.all(
        ["k1", "k2", "k3"].map((label) =>
          probe(shop, label, { key: `audit:${shop}`, holdMs: 150 }),
        ),
      );
      const free = await Promise.all(
        ["f1", "f2", "f3"].map((label) => probe(shop, label, { holdMs: 150 })),
      );
      for (const { id } of [...sameKey, ...free])
        expect((await waitForRun(id)).status).toBe("succeeded");
      // The most attempts running at one moment (ends sort before starts at the same ms).
      const overlap = (xs: typeof attempts) => {
        const events = xs.flatMap((x) => [
          [x.startedAt, 1],
          [x.endedAt!, -1],
        ]);
        events.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
        let now = 0;
        let most = 0;
        for (const [, delta] of events) most = Math.max(most, (now += delta!));
        return most;
      };
      const keyed = attempts.filter((a) => a.label.startsWith("k"));
      expect(keyed).toHaveLength(3);
      expect(overlap(keyed)).toBe(1);
      expect(overlap(attempts)).toBeLessThanOrEqual(2);
      expect(overlap(attempts)).toBe(2);
    });

    it("does not run a job before its runAt", async () => {
      const shop = await installedShop();
      const runAt = new Date(Date.now() + 600);
      const { id } = await probe(shop, "later", {}, { runAt });
      await waitForRun(id);
      expect(attemptsOf("later")[0]!.startedAt).toBeGreaterThanOrEqual(runAt.getTime());
    });

    it("cancels a queued job: it never runs", async () => {
      const shop = await installedShop();
      const { id } = await probe(shop, "never", {}, { runAt: new Date(Date.now() + 400) });
      expect(await cancelJob(id)).toBe(true);
      expect(await cancelJob(id)).toBe(false);
      await new Promise((r) => setTimeout(r, 800));
      const run = await getJobRun(id);
      expect(run).toMatchObject({ status: "cancelled", attempts: 0 });
      expect(attemptsOf("never")).toHaveLength(0);
    });

    it("cancels a running job: its signal fires and the run ends cancelled", async () => {
      const shop = await installedShop();
      const { id } = await probe(shop, "stoppable", { holdMs: 10_000 });
      await waitForRun(id, (r) => r.status === "running" && r.phase === "holding");
      expect(await cancelJob(id)).toBe(true);
      const run = await waitForRun(id);
      expect(run.status).toBe("cancelled");
      expect(run.error).toBe("Cancelled while running.");
      expect(attemptsOf("stoppable")[0]!.aborted).toBe("Cancelled while running.");
    });

    it("ends a run whose handler ignores its signal after the grace period", async () => {
      const shop = await installedShop();
      const { id } = await probe(shop, "stubborn", { holdMs: 3000, ignoreSignal: true });
      await waitForRun(id, (r) => r.status === "running" && r.phase === "holding");
      await cancelJob(id);
      const run = await waitForRun(id, undefined, 2500);
      expect(run.status).toBe("cancelled");
    });

    it("retries a run whose worker died (lease expired) and dead-letters it when out of attempts", async () => {
      const shop = await installedShop();
      const base = {
        shop,
        jobId: probeJob.id,
        jobVersion: 1,
        concurrencyKey: null,
        status: "running",
        lockedBy: "dead-worker",
        lockedUntil: new Date(Date.now() - 1000),
        runAt: new Date(Date.now() - 5000),
        maxAttempts: 3,
      };
      const payload = (label: string) => JSON.stringify(probePayload(shop, label));
      await prisma.jobRun.create({
        data: {
          ...base,
          id: `test.probe:${shop}:crashed`,
          attempts: 1,
          payload: payload("crashed"),
        },
      });
      await prisma.jobRun.create({
        data: {
          ...base,
          id: `test.probe:${shop}:crashed-out`,
          attempts: 3,
          payload: payload("crashed-out"),
        },
      });
      // BullMQ learns of such runs from the scheduler's re-delivery; in-process claims them itself.
      const { scheduleTick } = await import("~/jobs/scheduler.server");
      const { jobsConfig } = await import("~/jobs/config.server");
      await scheduleTick(jobsConfig());
      const retried = await waitForRun(`test.probe:${shop}:crashed`);
      expect(retried).toMatchObject({ status: "succeeded", attempts: 2 });
      const dead = await waitForRun(`test.probe:${shop}:crashed-out`);
      expect(dead.status).toBe("dead");
      expect(dead.error).toMatch(/lease expired/);
      expect(attemptsOf("crashed-out")).toHaveLength(0);
    });

    it("cancels the runs of a shop whose app is not installed", async () => {
      const shop = uniqueShop("not-installed");
      const { id } = await probe(shop, "orphan");
      const run = await waitForRun(id);
      expect(run).toMatchObject({
        status: "cancelled",
        error: `The app is not installed on ${shop}.`,
      });
      expect(attemptsOf("orphan")).toHaveLength(0);
    });

    it("app/uninstalled cancels the shop's queued and running jobs, idempotently", async () => {
      const shop = await installedShop();
      const running = await probe(shop, "uninstall-running", { holdMs: 10_000 });
      const queued = await probe(
        shop,
        "uninstall-queued",
        {},
        { runAt: new Date(Date.now() + 60_000) },
      );
      const other = await installedShop();
      const untouched = await probe(
        other,
        "other-shop",
        {},
        { runAt: new Date(Date.now() + 60_000) },
      );
      await waitForRun(running.id, (r) => r.status === "running" && r.phase === "holding");
      for (let i = 0; i < 2; i++) {
        const res = await uninstalled({
          request: webhookRequest("/webhooks/app/uninstalled", {
            shop,
            topic: "app/uninstalled",
            payload: { domain: shop },
            webhookId: `uninstall-${shop}`,
          }),
          params: {},
          context: {},
        });
        expect(res.status).toBe(200);
      }
      expect((await waitForRun(queued.id)).status).toBe("cancelled");
      expect((await waitForRun(running.id)).status).toBe("cancelled");
      expect((await getJobRun(untouched.id))?.status).toBe("queued");
      await cancelJob(untouched.id);
    });
  });
}
