/**
 * `perf.lighthouse` under the in-process provider (like checkout.synthetic's job test): where
 * Chromium is missing the job fails (nothing was measured) with a skipped run that says so; cancelling a running job
 * kills Chromium (no process of its profile is left) and the run says it was cancelled.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.JOBS_PROVIDER = "inprocess";
});

const { enqueueJob, cancelJob } = await import("~/jobs/client.server");
const { JOBS, perfHttpJob, perfLighthouseJob } = await import("~/jobs/definitions");
const { listPerfRuns } = await import("~/performance/models/performance-runs.server");
const { startWorker, waitForRun } = await import("./harness");
const { startAuditStandin } = await import("./audit-shop");
const { uniqueShop } = await import("../helpers/webhooks");
const { chromiumAvailable } = await import("../helpers/browser");
const { startStorefrontTls } = await import("../../standin/storefront-tls");

let shopify: Awaited<ReturnType<typeof startAuditStandin>>;
let worker: Awaited<ReturnType<typeof startWorker>>;
let tls: Awaited<ReturnType<typeof startStorefrontTls>>;

beforeAll(async () => {
  shopify = await startAuditStandin();
  tls = await startStorefrontTls(shopify.standin.url);
  Object.assign(process.env, tls.env);
  worker = await startWorker(JOBS);
});
afterAll(async () => {
  for (const key of Object.keys(tls?.env ?? {})) delete process.env[key];
  await worker?.stop();
  await tls?.close();
  await shopify?.close();
});

/** Command lines of running Chromium processes whose profile is one of Tovholder's. */
function tovholderChromiums(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      if (cmd.includes("--user-data-dir=") && cmd.includes("tovholder-chromium-")) found.push(cmd);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe("perf.http", () => {
  it("a run that could not measure the storefront is recorded as failed, with its reason", async () => {
    const shop = uniqueShop("perf-nopassword");
    await shopify.addShop(shop, 3);
    shopify.standin.setPasswordProtection(shop, true); // and no password saved in Tovholder
    const { id } = await enqueueJob(perfHttpJob, { shop, trigger: "manual" });
    const run = await waitForRun(id, undefined, 30_000);
    expect(run.status).toBe("dead");
    expect(run.attempts).toBe(1);
    expect(run.error).toMatch(/password-protected and no storefront password is saved/);
    const [perf] = await listPerfRuns(shop, "http");
    expect(perf?.status).toBe("skipped");
    expect(perf?.jobRunId).toBe(id);
  });

  it("a run that measured the storefront succeeds", async () => {
    const shop = uniqueShop("perf-open");
    await shopify.addShop(shop, 3);
    const { id } = await enqueueJob(perfHttpJob, { shop, trigger: "manual" });
    const run = await waitForRun(id, undefined, 30_000);
    expect(run.status).toBe("succeeded");
  });
});

describe("perf.lighthouse", () => {
  it("where Chromium is missing, the job fails (not 'Succeeded') with a skipped run that says so", async () => {
    const shop = uniqueShop("lighthouse-nochrome");
    await shopify.addShop(shop, 4);
    process.env.TOVHOLDER_CHROMIUM = "/nonexistent/chromium";
    try {
      const { id } = await enqueueJob(perfLighthouseJob, { shop, trigger: "manual" });
      const run = await waitForRun(id, undefined, 30_000);
      // Nothing was measured: recorded as failed, at once (retrying cannot bring Chromium).
      expect(run.status).toBe("dead");
      expect(run.attempts).toBe(1);
      expect(run.error).toMatch(/Chromium is not available on this server/);
      const [perf] = await listPerfRuns(shop, "lighthouse");
      expect(perf?.status).toBe("skipped");
      expect(perf?.reason).toMatch(/Chromium is not available on this server/);
      expect(perf?.jobRunId).toBe(id);
    } finally {
      delete process.env.TOVHOLDER_CHROMIUM;
    }
  });

  it.runIf(chromiumAvailable())(
    "reports progress per page and run, and cancelling it kills Chromium",
    async () => {
      const shop = uniqueShop("lighthouse-cancel");
      await shopify.addShop(shop, 4);
      const { id } = await enqueueJob(perfLighthouseJob, { shop, trigger: "manual", runs: 2 });
      const running = await waitForRun(
        id,
        (r) => r.status === "running" && (r.phase ?? "").startsWith("Lighthouse:"),
        60_000,
      );
      expect(running.phase).toBe("Lighthouse: home page, run 1 of 2");
      expect(tovholderChromiums().length).toBeGreaterThan(0);
      expect(await cancelJob(id)).toBe(true);
      const cancelled = await waitForRun(id, undefined, 30_000);
      expect(cancelled.status).toBe("cancelled");
      await expect.poll(() => tovholderChromiums(), { timeout: 10_000 }).toEqual([]);
      const [perf] = await listPerfRuns(shop, "lighthouse");
      expect(perf?.status).toBe("failed");
      expect(perf?.reason).toBe("Cancelled: Chromium was stopped.");
    },
    90_000,
  );
});
