/**
 * `checkout.synthetic` in the weekly audit: a scheduled `audit.run-shop` enqueues the checkout
 * checks on the snapshot it stored (once, keyed by the audit run), a manual audit does not; and
 * the checkout alerts say what is newly broken, once while it lasts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.JOBS_PROVIDER = "inprocess";
});

const { prisma } = await import("~/db/db.server");
const { enqueueJob } = await import("~/jobs/client.server");
const { JOBS, auditRunShopJob } = await import("~/jobs/definitions");
const { checkoutAlerts } = await import("~/alerts/domain/sources");
const { listCheckoutRuns } = await import("~/checkout/models/checkout-runs.server");
const { startWorker, waitForRun } = await import("./harness");
const { startAuditStandin } = await import("./audit-shop");
const { uniqueShop } = await import("../helpers/webhooks");

let shopify: Awaited<ReturnType<typeof startAuditStandin>>;
let worker: Awaited<ReturnType<typeof startWorker>>;

beforeAll(async () => {
  shopify = await startAuditStandin();
  worker = await startWorker(JOBS);
});
afterAll(async () => {
  await worker?.stop();
  await shopify?.close();
});

describe("checkout checks in the weekly audit", () => {
  it("a scheduled audit enqueues them once on its snapshot; they run and are stored", async () => {
    const shop = uniqueShop("checkout-weekly");
    await shopify.addShop(shop, 8);
    const { id } = await enqueueJob(auditRunShopJob, { shop, trigger: "schedule" });
    const audit = await waitForRun(id, undefined, 90_000);
    expect(audit.status).toBe("succeeded");
    const { auditRunId, checkoutJobRunId } = JSON.parse(audit.result ?? "{}") as {
      auditRunId: string;
      checkoutJobRunId: string;
    };
    expect(checkoutJobRunId).toBe(`checkout.synthetic:${shop}:${auditRunId}`);
    const checkout = await waitForRun(checkoutJobRunId, undefined, 90_000);
    expect(checkout.error).toBeNull();
    expect(checkout.status).toBe("succeeded");
    expect(JSON.parse(checkout.payload)).toMatchObject({ shop, trigger: "schedule", auditRunId });
    const [run] = await listCheckoutRuns(shop);
    expect(run).toMatchObject({ auditRunId, jobRunId: checkoutJobRunId });
    expect(await prisma.jobRun.count({ where: { shop, jobId: "checkout.synthetic" } })).toBe(1);
  }, 200_000);

  it("a manual audit does not", async () => {
    const shop = uniqueShop("checkout-manual");
    await shopify.addShop(shop, 4);
    const { id } = await enqueueJob(auditRunShopJob, { shop, trigger: "manual" });
    expect((await waitForRun(id, undefined, 90_000)).status).toBe("succeeded");
    expect(await prisma.jobRun.count({ where: { shop, jobId: "checkout.synthetic" } })).toBe(0);
  }, 120_000);
});

describe("checkout alerts", () => {
  const market = (handle: string, status: "pass" | "fail") => ({
    marketHandle: handle,
    marketName: handle.toUpperCase(),
    status,
    reason: status === "fail" ? "No delivery option." : null,
    failure: status === "fail" ? "no-delivery-option" : null,
  });
  const critical = {
    key: "checkout.no-purchasable-products:s",
    severity: "critical",
    message: "m",
    fixUrl: null,
    title: "Shop",
  };
  const warning = { ...critical, key: "checkout.policy-missing:refund", severity: "warning" };

  it("alerts a market that starts failing and a new critical finding, not warnings", () => {
    const items = checkoutAlerts(
      {
        runId: "r2",
        markets: [market("dk", "fail"), market("se", "pass")],
        findings: [critical, warning],
      },
      { runId: "r1", markets: [market("dk", "pass"), market("se", "pass")], findings: [] },
      () => "https://admin.shopify.com/store/s/settings/shipping",
    );
    expect(items).toEqual([
      {
        key: "checkout:market:dk:r2",
        title: "Checkout fails in DK",
        detail: "No delivery option.",
        url: "https://admin.shopify.com/store/s/settings/shipping",
      },
      { key: `checkout:finding:${critical.key}:r2`, title: "Shop", detail: "m", url: null },
    ]);
  });

  it("says nothing while the same problems last, and alerts again after they came back", () => {
    const failing = { runId: "r3", markets: [market("dk", "fail")], findings: [critical] };
    expect(checkoutAlerts(failing, { ...failing, runId: "r2" })).toEqual([]);
    const recovered = { runId: "r4", markets: [market("dk", "pass")], findings: [] };
    const back = checkoutAlerts({ ...failing, runId: "r5" }, recovered).map((i) => i.key);
    expect(back).toEqual(["checkout:market:dk:r5", `checkout:finding:${critical.key}:r5`]);
  });
});
