/**
 * The report's fallback without ShopifyQL: the order KPIs the app computes from the orders it
 * may read (collectOrderKpis through the stand-in's Admin API), against the same expected
 * figures as ShopifyQL (tests/helpers/kpi-reference.ts over the seeded orders) — VAT out,
 * returns in the month they happened, shipping and tax refunds kept out of returns — and with
 * no customer data read at all.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CollectContext } from "~/shopify/collect/context";
import { collectOrderKpis, ORDER_WINDOW_DAYS } from "~/shopify/collect/theme-orders.server";
import type { SnapshotMonthlyKpis } from "~/domain/snapshot/types";
import { generateDemoStore } from "../../standin/seed/demo-store";
import type { StandinStore } from "../../standin/store/types";
import { kpiStore, KPI_NOW, KPI_TZ } from "../helpers/kpi-fixture";
import { monthFigures } from "../helpers/kpi-reference";
import { startShop, type ShopHarness } from "./helpers";

let h: ShopHarness;
afterEach(() => h?.close());

async function collect(store: StandinStore, now: Date, timeZone: string) {
  h = await startShop(store, {}, now.getTime());
  const ctx = new CollectContext(h.client(), undefined);
  return { months: await collectOrderKpis(ctx, now, timeZone), ctx };
}

function expectMonth(m: SnapshotMonthlyKpis | undefined, e: ReturnType<typeof monthFigures>) {
  expect(m).toBeDefined();
  expect(m!.complete).toBe(true);
  expect(m!.orders).toBe(e.orders);
  expect(Number(m!.grossSales)).toBeCloseTo(e.grossSales, 2);
  expect(Number(m!.discounts)).toBeCloseTo(e.discounts, 2);
  expect(Number(m!.returns)).toBeCloseTo(e.returns, 2);
  expect(Number(m!.netSales)).toBeCloseTo(e.netSales, 2);
  expect(Number(m!.averageOrderValue)).toBeCloseTo(e.averageOrderValue ?? NaN, 2);
  const top = [...e.products].sort((a, b) => b[1].netSales - a[1].netSales).slice(0, 10);
  expect(m!.topProducts.map((p) => [p.title, Number(p.netSales), p.quantity])).toEqual(
    top.map(([title, p]) => [title, p.netSales, p.units]),
  );
}

describe("order KPIs from the orders (no ShopifyQL)", () => {
  it("follow Shopify's sales reports on a shop with every case", async () => {
    const store = kpiStore();
    const { months } = await collect(store, KPI_NOW, KPI_TZ);
    expect(months.map((m) => [m.month, m.complete])).toEqual([
      ["2026-02", false],
      ["2026-03", true],
      ["2026-04", false],
    ]);
    const march = months.find((m) => m.month === "2026-03");
    expectMonth(march, monthFigures(store.orders, KPI_TZ, "2026-03"));
    expect(march).toMatchObject({ grossSales: "3160.00", returns: "640.00", netSales: "2500.00" });
  });

  it("read no customer data: collected with neither read_customers nor protected customer data", async () => {
    const store = kpiStore();
    store.protectedCustomerData = 0;
    const { months, ctx } = await collect(store, KPI_NOW, KPI_TZ);
    expect(ctx.gaps).toEqual([]);
    expect(months.find((m) => m.month === "2026-03")?.orders).toBe(12);
  });

  it(
    "match the demo shop's seeded orders the app may read (the last 60 days)",
    { timeout: 120_000 },
    async () => {
      const now = new Date("2026-11-24T09:00:00Z");
      const { store } = generateDemoStore({ now, productCount: 120 });
      const { months } = await collect(store, now, "Europe/Copenhagen");
      // read_orders shows the orders processed in the last 60 days, refunds of older ones not.
      const since = now.getTime() - ORDER_WINDOW_DAYS * 86_400_000;
      const visible = store.orders.filter((o) => Date.parse(o.processedAt) >= since);
      expectMonth(
        months.find((m) => m.month === "2026-10"),
        monthFigures(visible, "Europe/Copenhagen", "2026-10"),
      );
    },
  );
});
