import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { buildReport, type ReportInput, type ReportRunInput } from "~/report/domain/build";
import { changeText } from "~/report/domain/i18n";
import { formatter as reportFormat, formatMoney } from "~/format";
import { monthBounds, monthOf } from "~/time";
import type { Finding } from "~/findings/types";
import type { SnapshotMonthlyKpis } from "~/snapshot/domain/types";
import type { AnalyticsMonth } from "~/report/domain/types";
import { ReportView } from "~/report/ui/ReportView";

const TZ = "Europe/Copenhagen";

function run(
  startedAt: string,
  score: number,
  counts: Partial<ReportRunInput["counts"]> = {},
): ReportRunInput {
  return {
    id: startedAt,
    startedAt,
    score,
    productsChecked: 120,
    counts: {
      open: 10,
      openBySeverity: { critical: 2, warning: 5, info: 3 },
      suppressed: 1,
      new: 0,
      persisting: 10,
      regressed: 0,
      fixed: 0,
      byRule: [],
      ...counts,
    },
    gaps: [],
  };
}

function finding(
  n: number,
  severity: Finding["severity"],
  title = `Product ${n}`,
): Finding & { suppressed: boolean } {
  const productId = `gid://shopify/Product/${n}`;
  return {
    key: `product.missing-image:${productId}`,
    ruleId: severity === "critical" ? "product.missing-image" : "product.short-description",
    severity,
    category: "images",
    resource: {
      type: "product",
      id: productId,
      productId,
      productHandle: `p-${n}`,
      productTitle: title,
    },
    message: `Problem on product ${n}`,
    details: {},
    fixUrl: `https://admin.shopify.com/store/acme/products/${n}`,
    suppressed: false,
  };
}

function kpis(
  month: string,
  orders: number,
  netSales: string,
  complete = true,
): SnapshotMonthlyKpis {
  return {
    month,
    basis: "sales-report",
    orders,
    grossSales: String(Number(netSales) * 1.2),
    discounts: "0",
    returns: "0",
    netSales,
    averageOrderValue: (Number(netSales) / orders).toFixed(2),
    topProducts: [{ productId: null, title: "Trail tent", quantity: 12, netSales: "4800.00" }],
    complete,
  };
}

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    shop: "acme.myshopify.com",
    month: "2026-10",
    timeZone: TZ,
    now: "2026-11-02T08:00:00Z",
    shopInfo: { name: "Acme", currencyCode: "DKK", countryCode: "DK", primaryLocale: "da" },
    runs: [],
    lastRunFindings: null,
    ruleTitles: { "product.missing-image": "Product has no image" },
    suppressions: [],
    orderKpis: [],
    scopes: ["read_products", "read_orders"],
    checkoutRuns: [],
    funnel: [],
    alerts: [],
    perfRuns: [],
    commentary: "",
    priorities: "",
    ...overrides,
  };
}

describe("calendar months in the shop's time zone", () => {
  it("starts and ends the month at local midnight, across the DST change", () => {
    const { start, end } = monthBounds("2026-10", TZ);
    expect(start.toISOString()).toBe("2026-09-30T22:00:00.000Z"); // CEST
    expect(end.toISOString()).toBe("2026-10-31T23:00:00.000Z"); // CET after 25 October
    expect(monthOf(new Date("2026-10-31T23:30:00Z"), TZ)).toBe("2026-11");
    expect(monthOf(new Date("2026-10-31T23:30:00Z"), "UTC")).toBe("2026-10");
  });

  it("counts a run started late on the last evening (UTC) in the next month's report", () => {
    const late = run("2026-10-31T23:30:00Z", 80);
    const october = buildReport(input({ runs: [run("2026-10-20T08:00:00Z", 70), late] }));
    expect(october.summary.score).toBe(70);
    expect(october.appendix.auditRuns).toHaveLength(1);
  });
});

describe("executive summary", () => {
  it("compares the month's last score with the previous month's and names what changed", () => {
    const data = buildReport(
      input({
        runs: [
          run("2026-09-28T08:00:00Z", 61.24),
          run("2026-10-05T08:00:00Z", 66, { fixed: 4 }),
          run("2026-10-26T08:00:00Z", 78.46, {
            fixed: 9,
            new: 2,
            byRule: [
              {
                ruleId: "product.missing-image",
                title: "Product has no image",
                severity: "critical",
                open: 2,
                new: 2,
                persisting: 0,
                regressed: 0,
                fixed: 0,
              },
              {
                ruleId: "variant.missing-sku",
                title: "Variant has no SKU",
                severity: "warning",
                open: 3,
                new: 0,
                persisting: 3,
                regressed: 0,
                fixed: 9,
              },
            ],
          }),
        ],
      }),
    );
    expect(data.summary).toMatchObject({ score: 78.5, previousScore: 61.2 });
    expect(data.summary.changes).toHaveLength(3);
    const en = reportFormat("en", data.shop, TZ);
    const texts = data.summary.changes.map((c) => changeText(en, c));
    // English words, the shop's (Danish) number conventions.
    expect(texts).toContain("The health score rose from 61,2 to 78,5.");
    expect(texts).toContain("13 problems were fixed, most of them “Variant has no SKU”.");
    expect(texts).toContain("2 new critical problems need action (“Product has no image”).");
    const da = reportFormat("da", data.shop, TZ);
    expect(changeText(da, data.summary.changes[0]!)).toMatch(
      /Sundhedsscoren steg fra 61,2 til 78,5\./,
    );
  });

  it("says plainly that nothing ran rather than showing zeros", () => {
    const data = buildReport(input());
    expect(data.summary.changes).toEqual([{ kind: "no-runs" }]);
    expect(data.productQa.measured).toBe(false);
    expect(data.performance.measured).toBe(false);
  });
});

describe("product QA", () => {
  it("adds new and fixed over the month, keeps open/persisting from the last run, lists the top ten by severity", () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding(i + 1, "warning")),
      finding(50, "critical", "Down jacket"),
      { ...finding(51, "critical"), suppressed: true },
    ];
    const data = buildReport(
      input({
        runs: [
          run("2026-10-05T08:00:00Z", 60, { new: 5, fixed: 1 }),
          run("2026-10-12T08:00:00Z", 65, { new: 2, fixed: 3, persisting: 8, open: 13 }),
        ],
        lastRunFindings: findings,
        suppressions: [
          {
            key: findings[13]!.key,
            reason: "Sold out for good",
            by: "anna@agency.dk",
            at: "2026-10-08T10:00:00Z",
          },
          { key: "x:1", reason: "September", by: "anna", at: "2026-09-08T10:00:00Z" },
        ],
      }),
    );
    expect(data.productQa.totals).toMatchObject({ new: 7, fixed: 4, persisting: 8 });
    expect(data.productQa.open).toBe(13);
    expect(data.productQa.topFindings).toHaveLength(10);
    expect(data.productQa.topFindings[0]).toMatchObject({
      subject: "Down jacket",
      severity: "critical",
      ruleTitle: "Product has no image",
    });
    expect(data.productQa.topFindings.some((f) => f.key === findings[13]!.key)).toBe(false);
    expect(data.productQa.suppressions).toEqual([
      expect.objectContaining({ reason: "Sold out for good", subject: "Product 51" }),
    ]);
    expect(data.productQa.scoreTrend.map((p) => p.score)).toEqual([60, 65]);
  });
});

describe("KPIs", () => {
  it("shows the month and the previous one from snapshots and says why last year is not available", () => {
    const data = buildReport(
      input({
        orderKpis: [
          {
            collectedAt: "2026-10-26T08:00:00Z",
            months: [kpis("2026-09", 80, "40000.00"), kpis("2026-10", 60, "30000.00", false)],
          },
          {
            collectedAt: "2026-11-02T06:00:00Z",
            months: [kpis("2026-09", 80, "40000.00", false), kpis("2026-10", 100, "52000.00")],
          },
        ],
      }),
    );
    const row = (m: string) => data.kpis.rows.find((r) => r.metric === m)!;
    expect(row("orders").current).toEqual({ value: 100, reason: null });
    expect(row("orders").previous).toEqual({ value: 80, reason: null });
    expect(row("orders").lastYear).toEqual({ value: null, reason: "read_reports_not_granted" });
    expect(row("netSales").current.value).toBe(52000);
    // Returning customers need customer data: the orders fallback reads none.
    expect(row("returningCustomerRate").current).toEqual({
      value: null,
      reason: "read_reports_not_granted",
    });
    expect(row("sessions").current).toEqual({ value: null, reason: "read_reports_not_granted" });
    expect(data.kpis.topProducts).toEqual([{ title: "Trail tent", quantity: 12, netSales: 4800 }]);
    expect(data.summary.changes).toEqual([
      { kind: "net-sales", from: 40000, to: 52000, currencyCode: "DKK" },
    ]);
    const text = changeText(reportFormat("en", data.shop, TZ), data.summary.changes[0]!);
    expect(text.replace(/[\u00a0\u202f]/g, " ")).toBe(
      "Net sales rose from 40.000,00 kr. to 52.000,00 kr.",
    );
  });

  it("does not show a half month's orders as the month's", () => {
    const data = buildReport(
      input({
        now: "2026-10-20T08:00:00Z",
        orderKpis: [
          { collectedAt: "2026-10-20T08:00:00Z", months: [kpis("2026-10", 30, "1000.00", false)] },
        ],
      }),
    );
    expect(data.kpis.rows[0]!.current).toEqual({ value: null, reason: "month_not_over" });
    const partial = buildReport(
      input({
        orderKpis: [
          { collectedAt: "2026-11-02T06:00:00Z", months: [kpis("2026-09", 30, "1000.00", false)] },
        ],
      }),
    );
    expect(partial.kpis.rows[0]!.previous).toEqual({ value: null, reason: "beyond_order_reach" });
  });

  it("does not show order figures of an older basis (VAT included, returns by order date)", () => {
    const { basis: _basis, ...older } = kpis("2026-10", 100, "62400.00");
    const data = buildReport(
      input({ orderKpis: [{ collectedAt: "2026-11-02T06:00:00Z", months: [older] }] }),
    );
    expect(data.kpis.rows.find((r) => r.metric === "netSales")!.current).toEqual({
      value: null,
      reason: "not_collected",
    });
  });

  it("says protected customer data is not approved when Shopify denied ShopifyQL with read_reports granted", () => {
    const denied = {
      month: "2026-10",
      figures: Object.fromEntries(
        [
          "orders",
          "grossSales",
          "netSales",
          "averageOrderValue",
          "returningCustomerRate",
          "sessions",
          "conversionRate",
        ].map((m) => [m, { value: null, reason: "protected_data_not_approved" }]),
      ),
      topProducts: null,
    } as AnalyticsMonth;
    const data = buildReport(
      input({
        scopes: ["read_orders", "read_reports"],
        analytics: [denied, { ...denied, month: "2026-09" }, { ...denied, month: "2025-10" }],
        orderKpis: [
          { collectedAt: "2026-11-02T06:00:00Z", months: [kpis("2026-10", 100, "52000.00")] },
        ],
      }),
    );
    const row = (m: string) => data.kpis.rows.find((r) => r.metric === m)!;
    // Order figures from the orders; what only ShopifyQL has says why it is missing.
    expect(row("netSales").current).toEqual({ value: 52000, reason: null });
    expect(row("sessions").current).toEqual({ value: null, reason: "protected_data_not_approved" });
    expect(row("returningCustomerRate").current.reason).toBe("protected_data_not_approved");
    expect(row("orders").lastYear.reason).toBe("protected_data_not_approved");
    const html = renderToStaticMarkup(
      createElement(ReportView, {
        data,
        language: "en",
        status: "draft",
        version: 1,
        issuedAt: null,
      }),
    );
    expect(html).toContain("needs Shopify&#x27;s approval of protected customer data, not given");
    expect(html).toContain("API access requests → Protected customer data access");
    expect(html).toContain('href="https://shopify.dev/docs/apps/launch/protected-customer-data');
    expect(html).not.toContain("accepts Tovholder&#x27;s updated access request");
  });

  it("formats money and numbers in the shop's locale", () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
    const dk = { currencyCode: "DKK", countryCode: "DK" };
    expect(plain(formatMoney(reportFormat("da", dk, TZ), 1234.5))).toBe("1.234,50 kr.");
    const us = { currencyCode: "USD", countryCode: "US" };
    expect(formatMoney(reportFormat("en", us, "America/New_York"), 1234.5)).toBe("$1,234.50");
  });
});

describe("rendering", () => {
  it("escapes store text and renders Danish headings and unavailable reasons", () => {
    const hostile = `<script>alert(1)</script>`;
    const data = buildReport(
      input({
        runs: [run("2026-10-26T08:00:00Z", 70)],
        lastRunFindings: [finding(1, "critical", hostile)],
        commentary: `<img src=x onerror=alert(2)>`,
      }),
    );
    const html = renderToStaticMarkup(
      createElement(ReportView, {
        data,
        language: "da",
        status: "issued",
        version: 1,
        issuedAt: null,
      }),
    );
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("Månedsrapport: oktober 2026");
    expect(html).toContain("Endnu ikke målt");
    expect(html).toContain("kræver adgang til Shopifys analysedata (read_reports)");
    expect(html).toContain("Tovholders opdaterede adgangsanmodning (read_reports)");
  });
});

describe("apps and performance", () => {
  it("shows the month's page weight first run against last, and the app changes seen", () => {
    const page = (type: string, kb: number) => ({ type, totalBytes: kb * 1024, requests: 40 });
    const data = buildReport(
      input({
        perfRuns: [
          {
            startedAt: "2026-09-20T08:00:00Z",
            pages: [page("home", 900)],
            changes: [{ message: "September change" }],
          },
          {
            startedAt: "2026-10-05T08:00:00Z",
            pages: [page("home", 1200), page("product", 800)],
            changes: [],
          },
          {
            startedAt: "2026-10-26T08:00:00Z",
            pages: [page("home", 1500), page("product", 780)],
            changes: [{ message: "App embed “Reviews” added" }],
          },
        ],
      }),
    );
    expect(data.performance).toEqual({
      measured: true,
      runs: ["2026-10-05T08:00:00Z", "2026-10-26T08:00:00Z"],
      pages: [
        { pageType: "home", firstKb: 1200, lastKb: 1500, requests: 40 },
        { pageType: "product", firstKb: 800, lastKb: 780, requests: 40 },
      ],
      changes: [{ at: "2026-10-26T08:00:00Z", message: "App embed “Reviews” added" }],
      lighthouseMeasured: false,
    });
    const html = renderToStaticMarkup(
      createElement(ReportView, {
        data,
        language: "en",
        status: "draft",
        version: 1,
        issuedAt: null,
      }),
    );
    expect(html).toContain("App embed “Reviews” added");
    expect(html).toContain("Lighthouse lab scores: not yet measured.");
    expect(html).not.toContain("Not yet measured: the app and performance audits");
  });
});

describe("suppressions taken", () => {
  it("lists the first 25 of a bulk suppression and says how many more", () => {
    const suppressions = Array.from({ length: 30 }, (_, i) => ({
      key: `variant.missing-barcode:gid://shopify/ProductVariant/${i}`,
      reason: "Own brand",
      by: "anna",
      at: `2026-10-10T10:${String(i).padStart(2, "0")}:00Z`,
    }));
    const data = buildReport(input({ runs: [run("2026-10-26T08:00:00Z", 70)], suppressions }));
    expect(data.productQa.suppressions).toHaveLength(25);
    expect(data.productQa.suppressionsTaken).toBe(30);
    const html = renderToStaticMarkup(
      createElement(ReportView, {
        data,
        language: "en",
        status: "draft",
        version: 1,
        issuedAt: null,
      }),
    );
    expect(html).toContain("… and 5 more.");
  });
});
