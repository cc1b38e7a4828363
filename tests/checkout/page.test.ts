/**
 * The Checkout page's loader and actions in demo mode against the demo store on the stand-in:
 * the empty state before any run, "Run checkout checks" through the real job (queued once,
 * run by a worker, results and history on the page, failures alerted once), the pixel's
 * activation and a funnel built from events posted to the real ingestion route, and the
 * errors a manager can run into.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const SHOP = vi.hoisted(() => {
  process.env.TOVHOLDER_DEMO = "1";
  // Demo mode is refused with Shopify credentials: drop the test helpers' ones (demo defaults apply).
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  process.env.DEMO_SHOP = "nordvej-outdoor.myshopify.com";
  process.env.JOBS_PROVIDER = "inprocess";
  return "nordvej-outdoor.myshopify.com";
});

const { Session } = await import("@shopify/shopify-api");
const { APP_URL } = await import("@shopify/shopify-api/test-helpers");
const { DEMO_DEFAULTS } = await import("~/env.server");
const { prisma } = await import("~/db/db.server");
const { sessionStorage } = await import("~/shopify.server");
const { recordInstall } = await import("~/db/shops.server");
const { JOBS } = await import("~/jobs/definitions");
const { readPixelCredentials } = await import("~/checkout/server/pixel-credentials.server");
const route = await import("~/routes/app.checkout");
const live = await import("~/routes/app.checkout.live");
const ingest = await import("~/routes/api.pixel-events");
const { startStandin } = await import("../../standin/server");
const { generateDemoStore } = await import("../../standin/seed/demo-store");
const { startWorker, waitForRun } = await import("../jobs/harness");

type Standin = Awaited<ReturnType<typeof startStandin>>;
type Worker = Awaited<ReturnType<typeof startWorker>>;
let standin: Standin;
let worker: Worker;

const args = (request: Request) => ({ request, params: {}, context: {} });
const load = () => route.loader(args(new Request("http://localhost:3000/app/checkout")));
const act = (fields: Record<string, string>) =>
  route.action(
    args(
      new Request("http://localhost:3000/app/checkout", {
        method: "POST",
        body: new URLSearchParams(fields),
      }),
    ),
  );

async function runChecks(): Promise<string> {
  expect(await act({ intent: "run" })).toMatchObject({ ok: true });
  const [queued] = await prisma.jobRun.findMany({
    where: { shop: SHOP, jobId: "checkout.synthetic", status: { in: ["queued", "running"] } },
  });
  if (!queued) throw new Error("no checkout run queued");
  const done = await waitForRun(queued.id, undefined, 90_000);
  expect(done.error).toBeNull();
  expect(done.status).toBe("succeeded");
  return queued.id;
}

const alertJobs = () =>
  prisma.jobRun.findMany({
    where: { shop: SHOP, jobId: "alerts.deliver" },
    orderBy: { createdAt: "asc" },
  });

beforeAll(async () => {
  const { store } = generateDemoStore({ seed: 42, now: new Date() });
  standin = await startStandin({
    stores: [store],
    apiKey: DEMO_DEFAULTS.SHOPIFY_API_KEY,
    apiSecret: DEMO_DEFAULTS.SHOPIFY_API_SECRET,
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  // A Plus-sized bucket: the run collects the whole demo catalog in real time.
  standin.setBucket(SHOP, { maximumAvailable: 1_000_000, restoreRate: 100_000 });
  const granted = standin.grantOfflineToken(SHOP);
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: "",
      isOnline: false,
      accessToken: granted.accessToken,
      scope: granted.scope,
    }),
  );
  await recordInstall({ shop: SHOP, scopes: granted.scope });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await standin?.close();
  delete process.env.SHOPIFY_STANDIN_URL;
});

describe("the Checkout page", () => {
  it("before any run: no results, an empty funnel, the pixel not connected", async () => {
    const data = await load();
    expect(data.latest).toBeNull();
    expect(data.history).toEqual([]);
    expect(data.status).toMatchObject({ current: null, latest: null });
    expect(data.funnel).toMatchObject({ eventCount: 0, groups: [] });
    expect(data.funnel.days).toHaveLength(28);
    expect(data.pixel).toMatchObject({ connected: false, events: 0 });
  });

  it("queues one run: a second click while it waits is refused, and the live status shows it", async () => {
    expect(await act({ intent: "run" })).toMatchObject({ ok: true });
    expect(await act({ intent: "run" })).toEqual({
      ok: false,
      message: "Checkout checks are already queued or running for this shop.",
    });
    const status = (await (
      await live.loader(args(new Request("http://localhost:3000/app/checkout/live")))
    ).json()) as { current: { status: string; jobId: string } | null };
    expect(status.current).toMatchObject({ status: "queued", jobId: "checkout.synthetic" });
    // Cancelled before a worker took it; a run of another shop cannot be cancelled from here.
    expect(await act({ intent: "cancel", runId: "checkout.synthetic:someone-else" })).toMatchObject(
      {
        ok: false,
      },
    );
    const [queued] = await prisma.jobRun.findMany({
      where: { shop: SHOP, jobId: "checkout.synthetic" },
    });
    expect(await act({ intent: "cancel", runId: queued?.id ?? "" })).toMatchObject({ ok: true });
    expect((await load()).status.current).toBeNull();
  });

  it("runs the checks in the background: findings with fix links, every market's cart, history", async () => {
    worker = await startWorker(JOBS);
    await runChecks();
    const data = await load();
    const latest = data.latest;
    expect(latest).not.toBeNull();
    // The demo storefront is password-protected: every market fails, and the page says why.
    expect(latest?.markets.map((m) => m.handle).sort()).toEqual([
      "ch",
      "dk",
      "eu",
      "no",
      "se",
      "uk",
    ]);
    for (const m of latest?.markets ?? []) {
      expect(m.status).toBe("fail");
      expect(m.reason).toMatch(/password page/);
    }
    const password = latest?.findings.find((f) => f.ruleId === "checkout.storefront-password");
    expect(password).toMatchObject({
      severity: "critical",
      fixUrl: "https://admin.shopify.com/store/nordvej-outdoor/online_store/preferences",
    });
    expect(latest?.findings[0]?.severity).toBe("critical");
    expect(latest?.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(["checkout.policy-missing", "checkout.market-without-shipping"]),
    );
    expect(data.history).toHaveLength(1);
    expect(data.history[0]?.failures).toHaveLength(6);
    expect(data.status.latest).toMatchObject({ status: "succeeded" });
  }, 120_000);

  it("alerts each failing market and new critical finding once, not again on the next run", async () => {
    const [first] = await alertJobs();
    expect(first).toBeDefined();
    const items = (
      JSON.parse(first?.payload ?? "{}") as { items: { key: string; title: string }[] }
    ).items;
    expect(
      items
        .filter((i) => i.key.startsWith("checkout:market:"))
        .map((i) => i.title)
        .sort(),
    ).toEqual(expect.arrayContaining(["Checkout fails in Danmark", "Checkout fails in EU"]));
    expect(items.filter((i) => i.key.startsWith("checkout:market:"))).toHaveLength(6);
    expect(
      items.some((i) => i.key.startsWith("checkout:finding:checkout.storefront-password")),
    ).toBe(true);
    await runChecks();
    expect(await alertJobs()).toHaveLength(1);
  }, 120_000);

  it("with the storefront open, correct markets pass with delivery options and costs", async () => {
    standin.setPasswordProtection(SHOP, false);
    await runChecks();
    const data = await load();
    const dk = data.latest?.markets.find((m) => m.handle === "dk");
    expect(dk).toMatchObject({ status: "pass", reason: null, checkoutStatus: 200 });
    expect(dk?.deliveryOptions.map((o) => o.title)).toEqual([
      "PostNord pakkeshop",
      "GLS hjemmelevering",
    ]);
    expect(dk?.deliveryOptions.every((o) => /^(Free|\d+\.\d{2} [A-Z]{3})$/.test(o.cost))).toBe(
      true,
    );
    expect(data.latest?.markets.find((m) => m.handle === "ch")?.status).toBe("fail");
    expect(data.history.map((h) => h.failures.length)).toEqual([1, 6, 6]);
    // Nothing newly broken: CH failed before too.
    expect(await alertJobs()).toHaveLength(1);
  }, 120_000);

  it("activates the pixel, and shows the funnel from events posted to the ingestion route", async () => {
    expect(await act({ intent: "activate-pixel" })).toMatchObject({ ok: true });
    expect(standin.webPixel(SHOP)?.settings).toMatchObject({
      ingestUrl: new URL("/api/pixel-events", APP_URL).href,
    });
    const credentials = await readPixelCredentials(SHOP);
    const key = credentials?.key ?? "";
    const now = Date.now();
    const events = [];
    for (let c = 0; c < 10; c++) {
      const hash = createHash("sha256").update(`checkout-${c}`).digest("hex");
      const steps = c < 6 ? 6 : 2; // 6 orders, 4 left after contact info
      for (let s = 0; s < steps; s++)
        events.push({
          id: `e-${c}-${s}`,
          name: [
            "checkout_started",
            "checkout_contact_info_submitted",
            "checkout_address_info_submitted",
            "checkout_shipping_info_submitted",
            "payment_info_submitted",
            "checkout_completed",
          ][s],
          timestamp: new Date(now - 60_000 + s * 1000).toISOString(),
          checkoutTokenHash: hash,
          countryCode: c % 2 === 0 ? "DK" : "DE",
          marketHandle: c % 2 === 0 ? "dk" : "eu",
        });
    }
    const response = await ingest.action(
      args(
        new Request("http://localhost:3000/api/pixel-events", {
          method: "POST",
          headers: { "Content-Type": "text/plain" },
          body: JSON.stringify({ v: 1, shop: SHOP, key, events }),
        }),
      ),
    );
    expect(response.status).toBe(200);
    const data = await load();
    expect(data.pixel).toMatchObject({ connected: true, events: events.length });
    expect(data.funnel.eventCount).toBe(events.length);
    const all = data.funnel.groups.find((g) => g.id === "all");
    expect(all?.steps.map((s) => s.total)).toEqual([10, 10, 6, 6, 6, 6]);
    expect(all?.steps[2]?.conversion).toBeCloseTo(0.6);
    expect(all?.steps[0]?.daily.at(-1)).toBe(10);
    const labels = data.funnel.groups.map((g) => g.label);
    expect(labels).toEqual(expect.arrayContaining(["All markets", "Danmark", "EU"]));
    expect(data.funnel.groups.find((g) => g.id === "dk")?.steps[0]?.total).toBe(5);
  });

  it("shows errors: a revoked app cannot activate the pixel, and a failed run says why", async () => {
    const refusedForm = await act({ intent: "nonsense" }).catch((e: unknown) => e);
    expect(refusedForm).toBeInstanceOf(Response);
    expect((refusedForm as Response).status).toBe(400);
    expect(await (refusedForm as Response).json()).toEqual({
      ok: false,
      message: 'Unknown action "nonsense".',
    });
    standin.revokeTokens(SHOP);
    const refused = await act({ intent: "activate-pixel" });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^Shopify (refused|could not create) /);
    expect(await act({ intent: "run" })).toMatchObject({ ok: true });
    const [queued] = await prisma.jobRun.findMany({
      where: { shop: SHOP, jobId: "checkout.synthetic", status: { in: ["queued", "running"] } },
    });
    const failed = await waitForRun(queued?.id ?? "", (r) => r.status === "failed", 60_000);
    expect(failed.error).toBeTruthy();
    const data = await load();
    expect(data.status.current).toMatchObject({ status: "failed", error: failed.error });
    // The last good results stay on the page.
    expect(data.latest?.markets).toHaveLength(6);
    expect(await act({ intent: "cancel", runId: queued?.id ?? "" })).toMatchObject({ ok: true });
  }, 120_000);
});
