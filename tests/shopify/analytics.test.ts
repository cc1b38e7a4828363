/**
 * The report's KPIs from ShopifyQL (fetchMonthAnalytics) against the stand-in's demo shop: the
 * figures are what the seeded orders and sessions imply (recomputed here from the seed), a shop
 * without read_reports gets reasons instead of numbers, and a figure ShopifyQL cannot give is
 * "not available" on its own while the others stand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthBounds } from "~/domain/report/month";
import { fetchMonthAnalytics } from "~/shopify/analytics.server";
import { defaultScopes } from "../../standin/auth/scopes";
import { generateDemoStore } from "../../standin/seed/demo-store";
import type { StandinStore } from "../../standin/store/types";
import { startShop, type ShopHarness } from "./helpers";

const NOW = new Date("2026-11-24T09:00:00Z");
const TZ = "Europe/Copenhagen";
const { store } = generateDemoStore({ now: NOW, productCount: 120 });
const SCOPES = defaultScopes();
const end = (month: string) => monthBounds(month, TZ).end;

const local = new Intl.DateTimeFormat("en-CA", {
  timeZone: TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const dates = new Map(store.orders.map((o) => [o.id, local.format(new Date(o.processedAt))]));
const c = (s: string) => Math.round(Number(s) * 100);

/** A month's figures straight from the seeded orders and sessions. */
function fromSeed(s: StandinStore, month: string) {
  const orders = s.orders.filter((o) => dates.get(o.id)!.startsWith(month));
  let gross = 0;
  let net = 0;
  const products = new Map<string, number>();
  for (const o of orders) {
    const g = o.lines.reduce((sum, l) => sum + c(l.unitPrice) * l.quantity, 0);
    gross += g;
    net += g - c(o.totalDiscounts) - Math.min(c(o.totalRefunded), g - c(o.totalDiscounts));
    for (const l of o.lines) products.set(l.title, (products.get(l.title) ?? 0) + l.quantity);
  }
  const sessions = (s.analytics?.sessions ?? [])
    .filter((d) => d.date.startsWith(month))
    .reduce((sum, d) => sum + d.sessions, 0);
  const web = orders.filter((o) => o.sourceName === "web").length;
  return { orders: orders.length, gross: gross / 100, net: net / 100, sessions, web, products };
}

let h: ShopHarness;
beforeAll(async () => {
  h = await startShop(store, {}, NOW.getTime());
});
afterAll(async () => {
  await h?.close();
});

describe("fetchMonthAnalytics", () => {
  it.each(["2026-10", "2026-09", "2025-10"])(
    "reads %s's figures as the seeded orders imply",
    async (month) => {
      const a = await fetchMonthAnalytics(h.client(), month, {
        scopes: SCOPES,
        monthEnd: end(month),
      });
      const e = fromSeed(store, month);
      expect(a.figures.orders).toEqual({ value: e.orders, reason: null });
      expect(a.figures.grossSales.value).toBeCloseTo(e.gross, 2);
      expect(a.figures.netSales.value).toBeCloseTo(e.net, 2);
      expect(a.figures.netSales.value!).toBeLessThan(a.figures.grossSales.value!);
      expect(a.figures.sessions).toEqual({ value: e.sessions, reason: null });
      expect(a.figures.conversionRate.value).toBeCloseTo(e.web / e.sessions, 8);
      expect(a.figures.returningCustomerRate.value).toBeGreaterThan(0);
      expect(a.figures.returningCustomerRate.value).toBeLessThan(1);
      expect(a.topProducts).toHaveLength(10);
      const top = a.topProducts![0]!;
      expect(top.quantity).toBe(e.products.get(top.title));
    },
  );

  it("asks nothing and says so when the shop has not granted read_reports", async () => {
    const client = h.client();
    const a = await fetchMonthAnalytics(client, "2026-10", {
      scopes: SCOPES.filter((s) => s !== "read_reports"),
    });
    expect(client.stats.requests).toBe(0);
    for (const f of Object.values(a.figures))
      expect(f).toEqual({ value: null, reason: "read_reports_not_granted" });
    expect(a.topProducts).toBeNull();
  });

  it("says read_reports is not granted when Shopify denies the field", async () => {
    const { accessToken } = h.standin.grantOfflineToken(h.shop, {
      scopes: SCOPES.filter((s) => s !== "read_reports"),
    });
    const { AdminClient } = await import("~/shopify/admin-client.server");
    const client = new AdminClient({ shop: h.shop, accessToken }, { clock: h.clock });
    const a = await fetchMonthAnalytics(client, "2026-10", { scopes: null });
    expect(a.figures.netSales).toEqual({ value: null, reason: "read_reports_not_granted" });
  });

  it("makes only the failing figure 'not available' (no sessions for the shop)", async () => {
    const live = h.standin.store(h.shop);
    const sessions = live.analytics!.sessions;
    delete live.analytics!.sessions;
    try {
      const a = await fetchMonthAnalytics(h.client(), "2026-10", {
        scopes: SCOPES,
        monthEnd: end("2026-10"),
      });
      expect(a.figures.sessions).toEqual({ value: null, reason: "analytics_error" });
      expect(a.figures.conversionRate).toEqual({ value: null, reason: "analytics_error" });
      expect(a.figures.orders.value).toBe(fromSeed(store, "2026-10").orders);
      expect(a.figures.returningCustomerRate.reason).toBeNull();
    } finally {
      live.analytics!.sessions = sessions;
    }
  });

  it("says Shopify was not reached, not that it has no figure, when the request fails", async () => {
    const unreachable = h.client({
      fetch: () => Promise.reject(new TypeError("fetch failed: connect ECONNREFUSED")),
      retry: { maxRetries: 0 },
    });
    const a = await fetchMonthAnalytics(unreachable, "2026-10", {
      scopes: SCOPES,
      monthEnd: end("2026-10"),
    });
    for (const f of Object.values(a.figures))
      expect(f).toEqual({ value: null, reason: "shopify_unreachable" });
    expect(a.topProducts).toBeNull();
  });

  it("gives no numbers for a month older than the data reach", async () => {
    // Before the stand-in's seeded history: ShopifyQL refuses, nothing is shown as zero.
    const a = await fetchMonthAnalytics(h.client(), "2025-06", {
      scopes: SCOPES,
      monthEnd: end("2025-06"),
    });
    for (const f of Object.values(a.figures)) expect(f.value).toBeNull();
    // A month that ended before the shop was created is not asked about at all.
    const live = h.standin.store(h.shop);
    const created = live.shop.createdAt;
    live.shop.createdAt = "2025-09-15T10:00:00Z";
    try {
      const b = await fetchMonthAnalytics(h.client(), "2025-08", {
        scopes: SCOPES,
        monthEnd: end("2025-08"),
      });
      expect(b.figures.orders).toEqual({ value: null, reason: "before_shop_data" });
    } finally {
      live.shop.createdAt = created;
    }
  });
});
