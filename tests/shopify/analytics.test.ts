/**
 * The report's KPIs from ShopifyQL (fetchMonthAnalytics) against the stand-in's demo shop: the
 * figures are what the seeded orders and sessions imply (recomputed here from the seed by
 * tests/helpers/kpi-reference.ts), the rates equal their stated formulas, a shop without access
 * gets the right reason (scope not granted, or protected customer data not approved), one
 * unknown column costs only its own figure, and Shopify's documented example parses.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthBounds } from "~/time";
import { AdminClient } from "~/shopify/admin-client.server";
import {
  cellNumber,
  checkAnalyticsAccess,
  fetchMonthAnalytics,
  readTable,
} from "~/shopify/analytics.server";
import { ShopifyqlSingleDocument } from "~/shopify/generated/admin";
import { defaultScopes } from "../../standin/auth/scopes";
import { generateDemoStore } from "../../standin/seed/demo-store";
import type { StandinStore } from "../../standin/store/types";
import { localDay, monthFigures } from "../helpers/kpi-reference";
import { startShop, type ShopHarness } from "./helpers";

const NOW = new Date("2026-11-24T09:00:00Z");
const TZ = "Europe/Copenhagen";
const { store } = generateDemoStore({ now: NOW, productCount: 120 });
const SCOPES = defaultScopes();
const end = (month: string) => monthBounds(month, TZ).end;
const day = localDay(TZ);

/** A month's sessions, online store orders and customers straight from the seed. */
function fromSeed(s: StandinStore, month: string) {
  const inMonth = s.orders.filter((o) => day(o.processedAt).startsWith(month));
  const sessions = (s.analytics?.sessions ?? [])
    .filter((d) => d.date.startsWith(month))
    .reduce((sum, d) => sum + d.sessions, 0);
  const web = inMonth.filter((o) => o.sourceName === "web").length;
  const firstOrder = new Map<string, string>();
  for (const o of s.orders)
    if (o.customerId && !firstOrder.has(o.customerId))
      firstOrder.set(o.customerId, day(o.processedAt));
  const known = new Set(inMonth.flatMap((o) => (o.customerId ? [o.customerId] : [])));
  const guests = inMonth.filter((o) => !o.customerId).length;
  const returning = [...known].filter((id) => firstOrder.get(id)! < `${month}-01`).length;
  return { sessions, web, customers: known.size + guests, returning };
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
      const e = monthFigures(store.orders, TZ, month);
      const seed = fromSeed(store, month);
      expect(a.figures.orders).toEqual({ value: e.orders, reason: null });
      expect(a.figures.grossSales.value).toBeCloseTo(e.grossSales, 2);
      expect(a.figures.netSales.value).toBeCloseTo(e.netSales, 2);
      expect(a.figures.averageOrderValue.value).toBeCloseTo(e.averageOrderValue!, 2);
      expect(a.figures.sessions).toEqual({ value: seed.sessions, reason: null });
      // The stated formulas: sessions that completed checkout ÷ sessions, returning ÷ customers.
      expect(a.figures.conversionRate.value).toBeCloseTo(seed.web / seed.sessions, 10);
      expect(a.figures.returningCustomerRate.value).toBeCloseTo(
        seed.returning / seed.customers,
        10,
      );
      expect(a.topProducts).toHaveLength(10);
      const top = a.topProducts![0]!;
      expect(top.quantity).toBe(e.products.get(top.title)?.units);
      expect(top.netSales).toBeCloseTo(e.products.get(top.title)!.netSales, 2);
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

  it("says read_reports is not granted when Shopify denies the field for want of the scope", async () => {
    const { accessToken } = h.standin.grantOfflineToken(h.shop, {
      scopes: SCOPES.filter((s) => s !== "read_reports"),
    });
    const client = new AdminClient({ shop: h.shop, accessToken }, { clock: h.clock });
    const a = await fetchMonthAnalytics(client, "2026-10", { scopes: null });
    expect(a.figures.netSales).toEqual({ value: null, reason: "read_reports_not_granted" });
    expect(await checkAnalyticsAccess(client, null)).toBe("read_reports_not_granted");
  });

  it("tells protected customer data not approved from a missing scope", async () => {
    for (const level of [0, 1] as const) {
      h.standin.setProtectedCustomerData(h.shop, level);
      try {
        const a = await fetchMonthAnalytics(h.client(), "2026-10", {
          scopes: SCOPES,
          monthEnd: end("2026-10"),
        });
        for (const f of Object.values(a.figures))
          expect(f).toEqual({ value: null, reason: "protected_data_not_approved" });
        expect(a.topProducts).toBeNull();
        expect(await checkAnalyticsAccess(h.client(), SCOPES)).toBe("protected_data_not_approved");
      } finally {
        h.standin.setProtectedCustomerData(h.shop, 2);
      }
    }
    expect(await checkAnalyticsAccess(h.client(), SCOPES)).toBe("available");
  });

  it("makes only the figure of an unknown column 'not available', the rest stand", async () => {
    // As if Shopify no longer knew one of the columns the app asks for.
    const renaming: typeof fetch = (input, init) => {
      const body = typeof init?.body === "string" ? init.body : "";
      return fetch(input, {
        ...init,
        body: body.replace(/average_order_value/g, "average_order_valu"),
      });
    };
    const a = await fetchMonthAnalytics(h.client({ fetch: renaming }), "2026-10", {
      scopes: SCOPES,
      monthEnd: end("2026-10"),
    });
    const e = monthFigures(store.orders, TZ, "2026-10");
    expect(a.figures.averageOrderValue).toEqual({ value: null, reason: "analytics_error" });
    expect(a.figures.orders).toEqual({ value: e.orders, reason: null });
    expect(a.figures.grossSales.value).toBeCloseTo(e.grossSales, 2);
    expect(a.figures.netSales.value).toBeCloseTo(e.netSales, 2);
    expect(a.figures.sessions.reason).toBeNull();
    expect(a.topProducts).toHaveLength(10);
  });

  it("makes only the failing figures 'not available' (no sessions for the shop)", async () => {
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
      expect(a.figures.orders.value).toBe(monthFigures(store.orders, TZ, "2026-10").orders);
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

describe("Shopify's documented example response", () => {
  const CONTRACT = JSON.parse(
    readFileSync(
      new URL("../fixtures/shopify/shopifyql-total-sales-by-month.json", import.meta.url),
      "utf8",
    ),
  ) as { shopifyql: string; response: unknown };

  it("is read by the app's client and table reader", async () => {
    const client = new AdminClient(
      { shop: "example.myshopify.com", accessToken: "token" },
      {
        fetch: async () =>
          new Response(JSON.stringify(CONTRACT.response), {
            headers: { "content-type": "application/json" },
          }),
      },
    );
    const data = await client.request(ShopifyqlSingleDocument, { query: CONTRACT.shopifyql });
    const table = readTable(data.shopifyqlQuery);
    expect(table).toEqual({
      rows: [
        { month: "2025-01-01", total_sales: "5542.954" },
        { month: "2025-02-01", total_sales: "1610.094" },
      ],
    });
    if ("rows" in table)
      expect(table.rows.map((r) => cellNumber(r.total_sales))).toEqual([5542.954, 1610.094]);
  });
});
