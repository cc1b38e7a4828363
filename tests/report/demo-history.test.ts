/**
 * The demo shop's past months (scripts/demo-history.ts, run by `npm run demo` on a new
 * database): three real audits of the store as it was, one per past month, and the months'
 * reports issued with the manager's commentary — with key figures from ShopifyQL that match the
 * seeded orders by Shopify's definitions (recomputed by tests/helpers/kpi-reference.ts), and
 * "what changed" with fixed and new problems.
 */
import { Session } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, monthOf } from "~/time";
import { recordInstall } from "~/db/shops.server";
import { listAuditRuns } from "~/product-qa/models/audit-runs.server";
import { listReportMonths, openReport } from "~/report/server/reports.server";
import { sessionStorage } from "~/shopify.server";
import { DEMO_MANAGER, seedDemoHistory } from "../../scripts/demo-history";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { startStandin, type Standin } from "../../standin/server";
import { monthFigures } from "../helpers/kpi-reference";

const NOW = new Date();
const TZ = "Europe/Copenhagen";
const { store, manifest } = generateDemoStore({ seed: 42, now: NOW, productCount: 120 });
const SHOP = store.shop.myshopifyDomain;
const pristine = JSON.stringify(store.products);
let standin: Standin;
let seededMs = 0;
let result: Awaited<ReturnType<typeof seedDemoHistory>>;

const figures = new Map<string, ReturnType<typeof monthFigures>>();
/** A month's figures straight from the seeded orders (tests/helpers/kpi-reference.ts). */
function seeded(month: string): ReturnType<typeof monthFigures> {
  let f = figures.get(month);
  if (!f) figures.set(month, (f = monthFigures(store.orders, TZ, month)));
  return f;
}
const seededNetSales = (month: string) => seeded(month).netSales;

beforeAll(async () => {
  standin = await startStandin({ stores: [store], apiKey: API_KEY, apiSecret: API_SECRET_KEY });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
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
  const started = Date.now();
  result = await seedDemoHistory({
    shop: SHOP,
    standin,
    cleanProductIds: manifest.cleanProductIds,
    now: NOW,
    log: (line) => console.log(`${((Date.now() - started) / 1000).toFixed(1)}s ${line}`),
  });
  seededMs = Date.now() - started;
}, 600_000);

afterAll(async () => {
  await standin?.close();
  delete process.env.SHOPIFY_STANDIN_URL;
});

describe("the demo shop's past months", () => {
  const current = monthOf(NOW, TZ);
  const months = [3, 2, 1].map((n) => addMonths(current, -n));

  it("issues the reports of the last three months, listed on the Reports page", async () => {
    expect(result).toEqual({ seeded: true, months });
    const listed = await listReportMonths(SHOP, NOW);
    for (const month of months)
      expect(listed.find((m) => m.month === month)).toMatchObject({
        issued: { status: "issued", locale: "da" },
      });
    console.log(`seeded the demo history in ${seededMs} ms`);
  });

  it("dates one real audit in each month and leaves the store as generated", async () => {
    const runs = await listAuditRuns(SHOP, { take: 10, kind: "full" });
    expect(runs.map((r) => monthOf(r.startedAt, TZ)).sort()).toEqual(months);
    expect(runs.every((r) => r.status === "succeeded")).toBe(true);
    expect(JSON.stringify(standin.store(SHOP).products)).toBe(pristine);
  });

  it("reports what was fixed and what came new, with the manager's commentary", async () => {
    const [first, second, third] = await Promise.all(
      months.map((m) => openReport(SHOP, m).then((r) => r)),
    );
    for (const r of [first!, second!, third!]) {
      expect(r.report.status).toBe("issued");
      expect(r.report.issuedBy).toBe(DEMO_MANAGER);
      expect(r.data.commentary).toMatch(/Nettosalget endte på/);
      expect(r.data.priorities).not.toBe("");
      expect(r.data.productQa.measured).toBe(true);
    }
    expect(first!.data.summary.changes.map((c) => c.kind)).toContain("first-score");
    expect(second!.data.productQa.totals.fixed).toBeGreaterThan(0);
    expect(second!.data.productQa.totals.new).toBeGreaterThan(0);
    expect(third!.data.productQa.totals.fixed).toBeGreaterThan(0);
    expect(third!.data.summary.score!).toBeGreaterThan(first!.data.summary.score!);
    expect(third!.data.summary.changes.map((c) => c.kind)).toContain("score-up");
  });

  it("shows key figures against the previous month and a year before, as the orders imply", async () => {
    for (const month of months) {
      const { data } = await openReport(SHOP, month);
      const net = data.kpis.rows.find((r) => r.metric === "netSales")!;
      expect(net.current.value).toBeCloseTo(seededNetSales(month), 2);
      expect(net.previous.value).toBeCloseTo(seededNetSales(addMonths(month, -1)), 2);
      expect(net.lastYear.value).toBeCloseTo(seededNetSales(addMonths(month, -12)), 2);
      // Shopify's definitions: gross sales without the VAT within the prices.
      const gross = data.kpis.rows.find((r) => r.metric === "grossSales")!;
      expect(gross.current.value).toBeCloseTo(seeded(month).grossSales, 2);
      for (const r of data.kpis.rows) {
        expect(r.current.reason).toBeNull();
        expect(r.lastYear.reason).toBeNull();
      }
      expect(data.kpis.topProducts?.length).toBe(10);
    }
  });

  it("is seeded once per database", async () => {
    const again = await seedDemoHistory({
      shop: SHOP,
      standin,
      cleanProductIds: manifest.cleanProductIds,
      now: NOW,
    });
    expect(again.seeded).toBe(false);
  });
});
