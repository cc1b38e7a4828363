/**
 * The report's key figures from Shopify's analytics (ShopifyQL): the builder compares the month
 * with the previous one and the same month a year before, prints the reason where a figure
 * could not be had (scope not granted, older than the data reach, one failing query), and
 * formats the figures in the shop's locale.
 */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { buildReport, type ReportInput } from "~/report/domain/build";
import type { AnalyticsMonth, Figure, KpiMetric, UnavailableReason } from "~/report/domain/types";
import type { SnapshotMonthlyKpis } from "~/snapshot/domain/types";
import { ReportView } from "~/report/ui/ReportView";

const TZ = "Europe/Copenhagen";
const v = (value: number): Figure => ({ value, reason: null });
const na = (reason: UnavailableReason): Figure => ({ value: null, reason });

function month(id: string, net: number, overrides: Partial<Record<KpiMetric, Figure>> = {}) {
  const orders = Math.round(net / 500);
  return {
    month: id,
    figures: {
      orders: v(orders),
      grossSales: v(net * 1.1),
      netSales: v(net),
      averageOrderValue: v(net / orders),
      returningCustomerRate: v(0.31),
      sessions: v(orders * 60),
      conversionRate: v(1 / 60),
      ...overrides,
    },
    topProducts: [{ title: "Fjordløber Trek 7", quantity: 4, netSales: 31996 }],
  } satisfies AnalyticsMonth;
}

const snapshotKpis = (id: string, netSales: string): SnapshotMonthlyKpis => ({
  month: id,
  basis: "sales-report",
  orders: 99,
  grossSales: netSales,
  discounts: "0",
  returns: "0",
  netSales,
  averageOrderValue: "100.00",
  topProducts: [],
  complete: true,
});

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    shop: "nordvej-outdoor.myshopify.com",
    month: "2026-10",
    timeZone: TZ,
    now: "2026-11-03T08:00:00Z",
    shopInfo: { name: "Nordvej", currencyCode: "DKK", countryCode: "DK", primaryLocale: "da" },
    runs: [],
    lastRunFindings: null,
    ruleTitles: {},
    suppressions: [],
    orderKpis: [],
    scopes: ["read_orders", "read_reports"],
    checkoutRuns: [],
    funnel: [],
    alerts: [],
    perfRuns: [],
    commentary: "",
    priorities: "",
    ...overrides,
  };
}

const row = (data: ReturnType<typeof buildReport>, metric: KpiMetric) =>
  data.kpis.rows.find((r) => r.metric === metric)!;

describe("key figures from ShopifyQL", () => {
  const current = month("2026-10", 120_000);
  const previous = month("2026-09", 100_000);
  const lastYear = month("2025-10", 80_000);

  it("puts the month next to the previous month and the same month last year", () => {
    const data = buildReport(input({ analytics: [current, previous, lastYear] }));
    for (const metric of Object.keys(current.figures) as KpiMetric[]) {
      expect(row(data, metric).current).toEqual(current.figures[metric]);
      expect(row(data, metric).previous).toEqual(previous.figures[metric]);
      expect(row(data, metric).lastYear).toEqual(lastYear.figures[metric]);
    }
    expect(data.kpis.topProducts).toEqual(current.topProducts);
    // Net sales +20 % on the previous month is one of the changes that matter.
    expect(data.summary.changes).toContainEqual({
      kind: "net-sales",
      from: 100_000,
      to: 120_000,
      currencyCode: "DKK",
    });
  });

  it("prefers ShopifyQL over the snapshots' order KPIs", () => {
    const data = buildReport(
      input({
        analytics: [current],
        orderKpis: [
          { collectedAt: "2026-11-02T06:00:00Z", months: [snapshotKpis("2026-10", "1.00")] },
        ],
      }),
    );
    expect(row(data, "netSales").current).toEqual(v(120_000));
  });

  it("says when last year is older than the shop's data", () => {
    const data = buildReport(
      input({
        analytics: [
          current,
          previous,
          {
            ...month("2025-10", 0),
            figures: month(
              "2025-10",
              1,
              Object.fromEntries(
                (Object.keys(current.figures) as KpiMetric[]).map((m) => [
                  m,
                  na("before_shop_data"),
                ]),
              ),
            ).figures,
          },
        ],
      }),
    );
    expect(row(data, "netSales").lastYear).toEqual(na("before_shop_data"));
    expect(row(data, "netSales").previous).toEqual(v(100_000));
    const html = renderToStaticMarkup(
      createElement(ReportView, {
        data,
        language: "en",
        status: "draft",
        version: 1,
        issuedAt: null,
      }),
    );
    expect(html).toContain("older than the shop&#x27;s data in Shopify");
  });

  it("marks only the figure ShopifyQL failed on as not available", () => {
    const broken = month("2026-10", 120_000, {
      sessions: na("analytics_error"),
      conversionRate: na("analytics_error"),
    });
    const data = buildReport(input({ analytics: [broken, previous, lastYear] }));
    expect(row(data, "sessions").current).toEqual(na("analytics_error"));
    expect(row(data, "conversionRate").current).toEqual(na("analytics_error"));
    expect(row(data, "sessions").previous).toEqual(previous.figures.sessions);
    expect(row(data, "orders").current).toEqual(current.figures.orders);
  });

  it("falls back to the snapshots' order KPIs without read_reports, and says what is missing", () => {
    const denied = month(
      "2026-10",
      1,
      Object.fromEntries(
        (Object.keys(current.figures) as KpiMetric[]).map((m) => [
          m,
          na("read_reports_not_granted"),
        ]),
      ),
    );
    const data = buildReport(
      input({
        scopes: ["read_orders"],
        analytics: [denied],
        orderKpis: [
          {
            collectedAt: "2026-11-02T06:00:00Z",
            months: [snapshotKpis("2026-10", "52000.00"), snapshotKpis("2026-09", "40000.00")],
          },
        ],
      }),
    );
    expect(row(data, "netSales").current).toEqual(v(52_000));
    expect(row(data, "netSales").previous).toEqual(v(40_000));
    expect(row(data, "netSales").lastYear).toEqual(na("read_reports_not_granted"));
    expect(row(data, "sessions").current).toEqual(na("read_reports_not_granted"));
  });

  it("shows no figures for a month that is not over", () => {
    const data = buildReport(
      input({ now: "2026-10-20T08:00:00Z", analytics: [previous, lastYear] }),
    );
    expect(row(data, "netSales").current).toEqual(na("month_not_over"));
    expect(row(data, "netSales").previous).toEqual(v(100_000));
    expect(data.kpis.topProducts).toBeNull();
  });

  it("formats money and rates in the shop's locale", () => {
    const data = buildReport(input({ analytics: [current, previous, lastYear] }));
    const html = renderToStaticMarkup(
      createElement(ReportView, {
        data,
        language: "da",
        status: "issued",
        version: 1,
        issuedAt: "2026-11-03T08:00:00Z",
      }),
    );
    expect(html).toContain("120.000,00");
    expect(html).toMatch(/31\s%/u);
    expect(html).toContain("Fjordløber Trek 7");
  });
});
