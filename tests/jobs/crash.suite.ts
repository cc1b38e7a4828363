/**
 * Crash tests: a `tovholder worker` process is SIGKILLed in the middle of a job; another worker
 * takes the run over once its lease expires, and it completes with no duplicated side effects
 * (findings, notifications). Run for each provider (crash-inprocess.test.ts, crash-bullmq.test.ts).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/db.server";
import { enqueueJob } from "~/jobs/client.server";
import { auditRunShopJob } from "~/jobs/definitions";
import { recordInstall } from "~/db/shops.server";
import { saveAlertTargets } from "~/db/shop-settings.server";
import { ROOT } from "../helpers/databases";
import { uniqueShop } from "../helpers/webhooks";
import { startAuditStandin, type AuditStandin } from "./audit-shop";
import { crashableJob } from "./fixtures/test-jobs";
import { waitForRun } from "./harness";
import { spawnWorker, waitForOutput, type WorkerProcess } from "./processes";
import type { SmtpCapture } from "./receivers";

const LEASE_MS = "1500";

export function crashSuite(name: string, smtp: SmtpCapture) {
  describe(`a worker killed mid-job (${name})`, () => {
    const workers: WorkerProcess[] = [];
    let shopify: AuditStandin;
    const start = async () => {
      const worker = spawnWorker({
        JOBS_LEASE_MS: LEASE_MS,
        NODE_OPTIONS:
          `${process.env.NODE_OPTIONS ?? ""} --import ${join(ROOT, "standin/install-routing.ts")}`.trim(),
      });
      workers.push(worker);
      await waitForOutput(worker, "worker");
      await waitForOutput(worker, "started");
      return worker;
    };
    const mailsFor = (shop: string) => smtp.messages.filter((m) => m.raw.includes(shop));

    beforeAll(async () => {
      if (process.env.DATABASE_URL?.startsWith("file:"))
        await prisma.$queryRawUnsafe("PRAGMA journal_mode=WAL");
      shopify = await startAuditStandin();
    });
    // Each test starts its own workers: one left over from a test before would take the run.
    afterEach(async () => {
      for (const worker of workers.splice(0)) await worker.kill("SIGTERM");
    });
    afterAll(async () => {
      await shopify?.close();
    });

    it("retries a test job on another worker: one completion, one notification", async () => {
      const shop = uniqueShop("crash");
      await recordInstall({ shop, scopes: null });
      await saveAlertTargets(shop, { emails: [`manager@${shop}`] });
      const file = join(mkdtempSync(join(tmpdir(), "tovholder-crash-")), "attempts.log");
      const first = await start();
      const { id } = await enqueueJob(crashableJob, { shop, file, holdMs: 2500, items: 3 });
      await waitForRun(id, (r) => r.status === "running" && r.phase === "holding");
      await first.kill("SIGKILL");
      await start();
      const run = await waitForRun(id, undefined, 30_000);
      expect(run).toMatchObject({ status: "succeeded", attempts: 2 });
      expect(run.error).toBeNull();
      const lines = readFileSync(file, "utf8").trim().split("\n");
      expect(lines.filter((l) => l.startsWith("start"))).toHaveLength(2);
      expect(lines.filter((l) => l.startsWith("done"))).toHaveLength(1);
      const alerts = await waitForRun(`alerts.deliver:${shop}:${id}`, undefined, 30_000);
      expect(alerts.status).toBe("succeeded");
      expect(mailsFor(shop)).toHaveLength(1);
      expect(await prisma.alert.count({ where: { shop } })).toBe(3);
      expect(await prisma.jobRun.count({ where: { shop, jobId: "alerts.deliver" } })).toBe(1);
    });

    it("retries the real audit of a shop: the same findings, each alerted once", async () => {
      const shop = uniqueShop("crash-audit");
      // Small enough that a paged crawl under the Standard-plan bucket takes seconds, not minutes.
      await shopify.addShop(shop, 60);
      await saveAlertTargets(shop, { emails: [`manager@${shop}`] });
      const first = await start();
      const { id } = await enqueueJob(auditRunShopJob, { shop, trigger: "manual" });
      // Killed part-way through the crawl (inventory comes after the products, seconds before the end).
      await waitForRun(
        id,
        (r) => r.status === "running" && r.phase === "collecting inventory",
        60_000,
      );
      await first.kill("SIGKILL");
      await start();
      const run = await waitForRun(id, undefined, 120_000);
      expect(run.error).toBeNull();
      expect(run).toMatchObject({ status: "succeeded", attempts: 2 });
      const critical = await prisma.finding.count({ where: { shop, severity: "critical" } });
      expect(critical).toBeGreaterThan(0);
      const keys = await prisma.finding.findMany({ where: { shop }, select: { key: true } });
      expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
      const alertsRun = await prisma.jobRun.findFirstOrThrow({
        where: { shop, jobId: "alerts.deliver" },
      });
      expect((await waitForRun(alertsRun.id, undefined, 30_000)).status).toBe("succeeded");
      expect(mailsFor(shop)).toHaveLength(1);
      expect(await prisma.alert.count({ where: { shop, channel: "email" } })).toBe(critical);
    }, 240_000);
  });
}
