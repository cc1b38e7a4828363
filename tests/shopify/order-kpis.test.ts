/**
 * The report's fallback without ShopifyQL: the order KPIs the app computes from the orders it
 * may read (collectOrderKpis through the stand-in's Admin API), against the same expected
 * figures as ShopifyQL (tests/helpers/kpi-reference.ts over the seeded orders) — VAT out,
 * returns in the month they happened, shipping and tax refunds kept out of returns — and with
 * no customer data read at all.
 *
 * Both ways of reading the orders are held to the reference: page by page (a window of one page)
 * and with a bulk operation plus RefundLines for the refunded lines (a larger window). They must
 * give the same KPIs and the same gaps.
 */
import { parse } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import type { SnapshotMonthlyKpis } from "~/snapshot/domain/types";
import type { AdminClient } from "~/shopify/admin-client.server";
import { CollectContext } from "~/shopify/collect/context";
import { collectOrderKpis, ORDER_WINDOW_DAYS } from "~/shopify/collect/theme-orders.server";
import { generateDemoStore } from "../../standin/seed/demo-store";
import type { StandinOrder, StandinStore } from "../../standin/store/types";
import { kpiStore, KPI_NOW, KPI_TZ } from "../helpers/kpi-fixture";
import { monthFigures } from "../helpers/kpi-reference";
import { startShop, type ShopHarness } from "./helpers";

let h: ShopHarness;
afterEach(() => h?.close());

type Strategy = "paged" | "bulk";

/** How many bulk operations over orders the app has run on the shop. */
async function orderBulkOperations(client: AdminClient): Promise<number> {
  const data = (await client.request(
    parse("query { bulkOperations(first: 50) { nodes { query } } }") as never,
  )) as { bulkOperations: { nodes: { query: string }[] } };
  return data.bulkOperations.nodes.filter((n) => /\borders\s*\(/.test(n.query)).length;
}

/** The KPIs read one way; the paged read runs first, so no bulk operation may precede it. */
async function kpisBy(strategy: Strategy, now: Date, timeZone: string) {
  const client = h.client();
  const ctx = new CollectContext(client, undefined);
  const months = await collectOrderKpis(ctx, now, timeZone, {
    strategy,
    bulk: { pollIntervalMs: 1_000 },
  });
  expect(await orderBulkOperations(client)).toBe(strategy === "bulk" ? 1 : 0);
  return { months, gaps: ctx.gaps };
}

/** Both ways on one stand-in: equal to each other, the paged read first. */
async function collectBoth(store: StandinStore, now: Date, timeZone: string) {
  h = await startShop(store, {}, now.getTime());
  const paged = await kpisBy("paged", now, timeZone);
  const bulk = await kpisBy("bulk", now, timeZone);
  expect(bulk.months).toEqual(paged.months);
  expect(bulk.gaps).toEqual(paged.gaps);
  return { paged, bulk };
}

function expectMonth(
  m: SnapshotMonthlyKpis | undefined,
  e: ReturnType<typeof monthFigures>,
  complete = true,
) {
  expect(m).toBeDefined();
  expect(m!.complete).toBe(complete);
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
  it("follow Shopify's sales reports on a shop with every case, page by page and in bulk", async () => {
    const store = kpiStore();
    const { paged, bulk } = await collectBoth(store, KPI_NOW, KPI_TZ);
    for (const { months } of [paged, bulk]) {
      expect(months.map((m) => [m.month, m.complete])).toEqual([
        ["2026-02", false],
        ["2026-03", true],
        ["2026-04", false],
      ]);
      // Every order of the shop is in the window, so each month is the reference's whole month.
      expectMonth(months[0], monthFigures(store.orders, KPI_TZ, "2026-02"), false);
      expectMonth(months[1], monthFigures(store.orders, KPI_TZ, "2026-03"));
      expectMonth(months[2], monthFigures(store.orders, KPI_TZ, "2026-04"), false);
      expect(months[1]).toMatchObject({
        grossSales: "3160.00",
        returns: "640.00",
        netSales: "2500.00",
      });
    }
  });

  it("read no customer data: collected with neither read_customers nor protected customer data", async () => {
    const store = kpiStore();
    store.protectedCustomerData = 0;
    const { paged, bulk } = await collectBoth(store, KPI_NOW, KPI_TZ);
    for (const { months, gaps } of [paged, bulk]) {
      expect(gaps).toEqual([]);
      expect(months.find((m) => m.month === "2026-03")?.orders).toBe(12);
    }
  });

  it("say which orders have more refunds or refunded lines than were read, both ways alike", async () => {
    const store = kpiStore();
    const order = (n: number) =>
      store.orders.find((o) => o.id === `gid://shopify/Order/${7000 + n}`)!;
    // 11 lines, all refunded at once: one refund with more lines than the 10 read.
    const many: StandinOrder = order(8);
    many.lines = Array.from({ length: 11 }, () => ({ ...many.lines[0]!, quantity: 1 }));
    many.refunds = [
      {
        id: "gid://shopify/Refund/9001",
        legacyId: 9001,
        createdAt: "2026-03-20T10:00:00Z",
        note: null,
        lines: many.lines.map((l, i) => ({
          lineIndex: i,
          quantity: 1,
          subtotal: l.unitPrice,
          tax: "20.00",
        })),
        shipping: null,
      },
    ];
    // 10 refunds: there may be more than the 10 read.
    const often = order(12);
    often.refunds = Array.from({ length: 10 }, (_, k) => ({
      id: `gid://shopify/Refund/${9100 + k}`,
      legacyId: 9100 + k,
      createdAt: `2026-03-${String(22 + (k % 5)).padStart(2, "0")}T10:00:00Z`,
      note: null,
      lines: [],
      shipping: null,
    }));
    const { paged, bulk } = await collectBoth(store, KPI_NOW, KPI_TZ);
    for (const { gaps } of [paged, bulk])
      expect(gaps.map((g) => [g.reason, g.message]).sort()).toEqual([
        ["PARTIAL", `${many.id} has more refunds or refunded lines than were read`],
        ["PARTIAL", `${often.id} has more refunds or refunded lines than were read`],
      ]);
    // What was read counts: 10 of the 11 refunded lines (each 100.00 with 20.00 VAT in it), so
    // March's returns fall short of the reference's by one line's 80.00.
    const reference = monthFigures(store.orders, KPI_TZ, "2026-03");
    for (const { months } of [paged, bulk])
      expect(Number(months.find((m) => m.month === "2026-03")?.returns)).toBeCloseTo(
        reference.returns - 80,
        2,
      );
  });

  it(
    "match the demo shop's seeded orders the app may read (the last 60 days), both ways",
    { timeout: 300_000 },
    async () => {
      const now = new Date("2026-11-24T09:00:00Z");
      const { store } = generateDemoStore({ now, productCount: 120 });
      const { paged, bulk } = await collectBoth(store, now, "Europe/Copenhagen");
      // read_orders shows the orders processed in the last 60 days, refunds of older ones not.
      const since = now.getTime() - ORDER_WINDOW_DAYS * 86_400_000;
      const visible = store.orders.filter((o) => Date.parse(o.processedAt) >= since);
      expect(visible.some((o) => o.refunds.length > 0)).toBe(true);
      for (const { months } of [paged, bulk])
        expectMonth(
          months.find((m) => m.month === "2026-10"),
          monthFigures(visible, "Europe/Copenhagen", "2026-10"),
        );
    },
  );
});
