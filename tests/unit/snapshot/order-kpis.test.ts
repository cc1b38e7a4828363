import { describe, expect, it } from "vitest";
import { OrderKpiBuilder, type KpiOrder } from "~/snapshot/domain/order-kpis";
import { formatDecimal, parseDecimal } from "~/snapshot/domain/decimal";

const NOW = new Date("2026-03-15T12:00:00Z");
const START = new Date(NOW.getTime() - 60 * 86_400_000); // 2026-01-14T12:00Z

function order(at: string, overrides: Partial<KpiOrder> = {}): KpiOrder {
  return {
    processedAt: at,
    cancelledAt: null,
    test: false,
    taxesIncluded: true,
    refunds: [],
    lines: [
      {
        id: "gid://shopify/LineItem/1",
        productId: "gid://shopify/Product/1",
        title: "Bike",
        quantity: 1,
        isGiftCard: false,
        originalTotal: "100.00",
        totalDiscount: "0.00",
        taxRate: 0.25,
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

  it("takes the VAT out of tax-inclusive prices and leaves gift cards and test orders out", () => {
    const [, feb] = build([
      order("2026-02-03T10:00:00Z", {
        lines: [
          {
            id: "gid://shopify/LineItem/1",
            productId: "gid://shopify/Product/1",
            title: "Bike",
            quantity: 2,
            isGiftCard: false,
            originalTotal: "250.00",
            totalDiscount: "25.00",
            taxRate: 0.25,
          },
          {
            id: "gid://shopify/LineItem/2",
            productId: "gid://shopify/Product/9",
            title: "Gift card",
            quantity: 1,
            isGiftCard: true,
            originalTotal: "500.00",
            totalDiscount: "0.00",
            taxRate: 0,
          },
        ],
      }),
      // Tax on top (a draft order for a business): nothing to take out.
      order("2026-02-04T10:00:00Z", { taxesIncluded: false }),
      order("2026-02-05T10:00:00Z", { test: true }),
    ]);
    // 250.00 − 50.00 VAT = 200.00 and 25.00 − 5.00 = 20.00; the draft order's 100.00 as it is.
    expect(feb).toMatchObject({
      basis: "sales-report",
      orders: 2,
      grossSales: "300.00",
      discounts: "20.00",
      returns: "0.00",
      netSales: "280.00",
      averageOrderValue: "140.00",
    });
    expect(feb?.topProducts).toEqual([
      { productId: "gid://shopify/Product/1", title: "Bike", quantity: 3, netSales: "280.00" },
    ]);
  });

  it("counts a return in the month it happened, without refunded tax and shipping", () => {
    const months = build([
      // Sold in January, one of two returned on 3 February: 125.00 paid, 25.00 of it VAT.
      order("2026-01-20T10:00:00Z", {
        lines: [
          {
            id: "gid://shopify/LineItem/1",
            productId: "gid://shopify/Product/1",
            title: "Bike",
            quantity: 2,
            isGiftCard: false,
            originalTotal: "250.00",
            totalDiscount: "0.00",
            taxRate: 0.25,
          },
        ],
        refunds: [
          {
            createdAt: "2026-02-03T10:00:00Z",
            lines: [
              { lineId: "gid://shopify/LineItem/1", quantity: 1, subtotal: "125.00", tax: "25.00" },
            ],
          },
        ],
      }),
      // A shipping-only refund: no line, no return.
      order("2026-02-10T10:00:00Z", {
        refunds: [{ createdAt: "2026-02-11T10:00:00Z", lines: [] }],
      }),
    ]);
    const [jan, feb] = months;
    expect(jan).toMatchObject({
      orders: 1,
      grossSales: "200.00",
      returns: "0.00",
      netSales: "200.00",
    });
    expect(feb).toMatchObject({
      orders: 1,
      grossSales: "80.00",
      returns: "100.00",
      netSales: "-20.00",
    });
    expect(feb?.topProducts.find((p) => p.title === "Bike")).toMatchObject({
      quantity: 0,
      netSales: "-20.00",
    });
  });

  it("reverses a cancelled order on the day of the cancellation, refunded or not", () => {
    const months = build([
      // Placed 23:30 UTC on 31 January (00:30 on 1 February in Copenhagen), cancelled unpaid on 2 March.
      order("2026-01-31T23:30:00Z", { cancelledAt: "2026-03-02T08:00:00Z" }),
    ]);
    const feb = months.find((m) => m.month === "2026-02");
    const mar = months.find((m) => m.month === "2026-03");
    expect(feb).toMatchObject({ orders: 1, netSales: "80.00" });
    expect(mar).toMatchObject({ orders: 0, returns: "80.00", netSales: "-80.00" });
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
