import { describe, expect, it } from "vitest";
import { OrderKpiBuilder, type KpiOrder } from "~/domain/snapshot/order-kpis";
import { formatDecimal, parseDecimal } from "~/domain/snapshot/decimal";

const NOW = new Date("2026-03-15T12:00:00Z");
const START = new Date(NOW.getTime() - 60 * 86_400_000); // 2026-01-14T12:00Z

function order(at: string, overrides: Partial<KpiOrder> = {}): KpiOrder {
  return {
    processedAt: at,
    test: false,
    totalDiscounts: "0.00",
    totalRefunded: "0.00",
    customer: null,
    lines: [
      {
        productId: "gid://shopify/Product/1",
        title: "Bike",
        quantity: 1,
        originalTotal: "100.00",
        discountedTotal: "100.00",
      },
    ],
    ...overrides,
  };
}

function build(orders: KpiOrder[], timeZone = "Europe/Copenhagen") {
  const kpis = new OrderKpiBuilder({ start: START, end: NOW, timeZone });
  orders.forEach((o) => kpis.add(o));
  return kpis.finish();
}

describe("monthly order KPIs", () => {
  it("lists every month of the window, marking the partial ones", () => {
    expect(build([]).map((m) => [m.month, m.complete, m.orders, m.averageOrderValue])).toEqual([
      ["2026-01", false, 0, null],
      ["2026-02", true, 0, null],
      ["2026-03", false, 0, null],
    ]);
  });

  it("a window starting exactly at a month's start (shop time) makes that month complete", () => {
    // 2026-01-01 00:00 in Copenhagen is 2025-12-31T23:00Z.
    const kpis = new OrderKpiBuilder({
      start: new Date("2025-12-31T23:00:00Z"),
      end: new Date("2026-02-10T00:00:00Z"),
      timeZone: "Europe/Copenhagen",
    });
    expect(kpis.finish().map((m) => [m.month, m.complete])).toEqual([
      ["2026-01", true],
      ["2026-02", false],
    ]);
  });

  it("assigns orders to months in the shop's time zone", () => {
    // 23:30 UTC on 31 January is already February in Copenhagen.
    const months = build([order("2026-01-31T23:30:00Z")]);
    expect(months.find((m) => m.month === "2026-02")?.orders).toBe(1);
    expect(
      build([order("2026-01-31T23:30:00Z")], "UTC").find((m) => m.month === "2026-01")?.orders,
    ).toBe(1);
  });

  it("sums sales exactly and derives net sales and average order value", () => {
    const [, feb] = build([
      order("2026-02-03T10:00:00Z", {
        totalDiscounts: "10.10",
        lines: [
          {
            productId: "gid://shopify/Product/1",
            title: "Bike",
            quantity: 2,
            originalTotal: "200.20",
            discountedTotal: "190.10",
          },
          {
            productId: null,
            title: "Custom engraving",
            quantity: 1,
            originalTotal: "0.1",
            discountedTotal: "0.1",
          },
        ],
      }),
      order("2026-02-04T10:00:00Z", { totalRefunded: "50.00" }),
      order("2026-02-05T10:00:00Z", { test: true }),
    ]);
    expect(feb).toMatchObject({
      orders: 2,
      grossSales: "300.30",
      discounts: "10.10",
      returns: "50.00",
      netSales: "240.20",
      averageOrderValue: "145.10",
    });
    expect(feb?.topProducts).toEqual([
      { productId: "gid://shopify/Product/1", title: "Bike", quantity: 3, netSales: "290.10" },
      { productId: null, title: "Custom engraving", quantity: 1, netSales: "0.10" },
    ]);
  });

  it("counts a customer as returning when an order in the month was not their first", () => {
    const customer = (id: string, lifetimeOrders: number) => ({ customer: { id, lifetimeOrders } });
    const months = build([
      order("2026-02-01T10:00:00Z", customer("new", 1)), // first order ever
      order("2026-02-02T10:00:00Z", customer("regular", 5)), // ordered before the window
      order("2026-02-03T10:00:00Z", customer("twice", 2)), // first order…
      order("2026-03-03T10:00:00Z", customer("twice", 2)), // …and the second, a month later
      order("2026-02-04T10:00:00Z"), // guest checkout
    ]);
    const feb = months.find((m) => m.month === "2026-02");
    const mar = months.find((m) => m.month === "2026-03");
    expect([feb?.customers, feb?.returningCustomers]).toEqual([3, 1]);
    expect([mar?.customers, mar?.returningCustomers]).toEqual([1, 1]);
  });
});

describe("decimal amounts", () => {
  it("adds without float drift and rounds half away from zero", () => {
    expect(formatDecimal(parseDecimal("0.1") + parseDecimal("0.2"))).toBe("0.30");
    expect(formatDecimal(parseDecimal("1.005"))).toBe("1.01");
    expect(formatDecimal(parseDecimal("-2.345"))).toBe("-2.35");
    expect(formatDecimal(parseDecimal("1500"))).toBe("1500.00");
    expect(formatDecimal(parseDecimal("-0.001"))).toBe("0.00");
    expect(() => parseDecimal("12,50")).toThrow(/not a decimal amount/);
  });
});
