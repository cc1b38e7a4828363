/**
 * The stand-in's ShopifyQL (`shopifyqlQuery`): it accepts only documented names, refuses others
 * in Shopify's words, computes each figure by the definitions of Shopify's sales reports
 * (recomputed here from the seeded orders by tests/helpers/kpi-reference.ts, not by the
 * stand-in's code), answers Shopify's own documented example in the documented shape, and
 * needs read_reports and protected customer data level 2.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseShopifyql, runShopifyql } from "../../standin/admin/shopifyql";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { defaultScopes } from "../../standin/auth/scopes";
import type { StandinStore } from "../../standin/store/types";
import { kpiStore, KPI_NOW, KPI_TZ } from "../helpers/kpi-fixture";
import { localDay, monthFigures, type PeriodFigures } from "../helpers/kpi-reference";
import { startShop, type ShopHarness } from "../shopify/helpers";

const NOW = new Date("2026-11-24T09:00:00Z");
const TZ = "Europe/Copenhagen";
const { store } = generateDemoStore({ now: NOW, productCount: 120 });
const fixture = kpiStore();

const CONTRACT = JSON.parse(
  readFileSync(
    new URL("../fixtures/shopify/shopifyql-total-sales-by-month.json", import.meta.url),
    "utf8",
  ),
) as {
  shopifyql: string;
  response: {
    data: {
      shopifyqlQuery: {
        tableData: {
          columns: { name: string; dataType: string; displayName: string }[];
          rows: Record<string, unknown>[];
        };
        parseErrors: string[];
      };
    };
  };
};

const lastDay = (month: string) => {
  const [y = 0, m = 1] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
};

function run(s: StandinStore, q: string, now = NOW) {
  const r = runShopifyql(s, q, now.getTime());
  expect(r.parseErrors).toEqual([]);
  return r.rows;
}

/** The month's sales figures as the stand-in answers them. */
function salesOf(s: StandinStore, month: string, now = NOW) {
  const [row] = run(
    s,
    `FROM sales SHOW orders, gross_sales, discounts, sales_reversals, net_sales, taxes, shipping_charges, total_sales, average_order_value SINCE ${month}-01 UNTIL ${lastDay(month)}`,
    now,
  );
  return row!;
}

function expectSales(row: Record<string, string | null>, e: PeriodFigures) {
  expect(Number(row.orders)).toBe(e.orders);
  expect(Number(row.gross_sales)).toBeCloseTo(e.grossSales, 2);
  expect(Number(row.discounts)).toBeCloseTo(e.discounts, 2);
  expect(Number(row.sales_reversals)).toBeCloseTo(e.returns, 2);
  expect(Number(row.net_sales)).toBeCloseTo(e.netSales, 2);
  expect(Number(row.taxes)).toBeCloseTo(e.taxes, 2);
  expect(Number(row.shipping_charges)).toBeCloseTo(e.shipping, 2);
  expect(Number(row.total_sales)).toBeCloseTo(e.totalSales, 2);
  expect(Number(row.average_order_value)).toBeCloseTo(e.averageOrderValue ?? NaN, 2);
}

describe("ShopifyQL subset: parsing", () => {
  it.each([
    "FROM sales SHOW orders, net_sales SINCE 2026-10-01 UNTIL 2026-10-31",
    "FROM sales SHOW net_sales, net_items_sold SINCE 2026-10-01 UNTIL 2026-10-31 GROUP BY product_title ORDER BY net_sales DESC LIMIT 5",
    "FROM sales SHOW net_sales GROUP BY month SINCE 2026-01-01 UNTIL 2026-10-31",
    "FROM sales SHOW orders SINCE 2026-01-01 UNTIL today TIMESERIES month",
    "FROM sales SHOW total_sales GROUP BY month SINCE startOfYear(0y) ORDER BY month",
    "from sessions show sessions, sessions_that_completed_checkout since 2026-10-01 until yesterday",
  ])("accepts %s", (q) => {
    expect(parseShopifyql(q)).toHaveProperty("query");
  });

  it.each([
    // Names that are not (or no longer) in the reference, worded as Shopify words them.
    ["FROM sales SHOW returns SINCE 2026-10-01", "Column Not Found: Column 'returns' not found"],
    [
      "FROM sales SHOW net_sales, ordered_item_quantity SINCE 2026-10-01",
      "Column Not Found: Column 'ordered_item_quantity' not found",
    ],
    [
      "FROM sessions SHOW sessions, conversion_rate SINCE 2026-10-01",
      "Column Not Found: Column 'conversion_rate' not found",
    ],
    ["FROM sales SHOW sessions SINCE 2026-10-01", "Column Not Found: Column 'sessions' not found"],
    [
      "FROM sales SHOW orders SINCE 2026-10-01 GROUP BY product_name",
      "Column Not Found: Column 'product_name' not found",
    ],
    [
      "FROM orders SHOW orders SINCE 2026-10-01",
      "Schema Error: Invalid dataset in FROM clause - orders",
    ],
  ])("refuses %s in Shopify's words", (q, message) => {
    const result = runShopifyql(store, q, NOW.getTime());
    expect(result.parseErrors).toContain(message);
    expect(result.rows).toEqual([]);
  });

  it.each([
    ["SELECT orders FROM sales", /SELECT is not emulated/],
    ["FROM sales SHOW orders WHERE sales_channel = 'pos'", /not emulated/],
    ["FROM sales SHOW orders DURING last_month", /DURING is not emulated/],
    ["FROM sales SHOW orders SINCE -30d", /only absolute dates/],
    ["FROM sales SHOW orders SINCE 2026-02-30", /only absolute dates/],
    ["FROM sales SHOW orders LIMIT 5 SINCE 2026-10-01", /out of order/],
    ["FROM sales SHOW orders SINCE 2026-10-01 COMPARE TO previous_period", /COMPARE is not/],
    ["FROM sales SHOW product_title SINCE 2026-10-01", /dimension/],
    ["FROM sales SHOW orders SINCE 2026-10-01 ORDER BY net_sales", /not a column/],
    [
      "FROM sales SHOW customers SINCE 2026-10-01 GROUP BY product_title",
      /by product_title is not emulated/,
    ],
    ["FROM sales SHOW orders", /SINCE is required/],
  ])("says what it does not emulate: %s", (q, message) => {
    const result = runShopifyql(store, q, NOW.getTime());
    expect(result.parseErrors.join(" ")).toMatch(message);
    expect(result.rows).toEqual([]);
  });

  it("refuses a period before the seeded history instead of answering zeros", () => {
    const result = runShopifyql(
      store,
      "FROM sales SHOW orders SINCE 2025-06-01 UNTIL 2025-06-30",
      NOW.getTime(),
    );
    expect(result.parseErrors[0]).toMatch(/from 2025-07-01 only/);
  });
});

describe("sales figures by Shopify's definitions (a shop with every case)", () => {
  it("takes the VAT out of tax-inclusive prices, counts returns in the month they happened", () => {
    const march = salesOf(fixture, "2026-03", KPI_NOW);
    expectSales(march, monthFigures(fixture.orders, KPI_TZ, "2026-03"));
    // Worked by hand: 13 lines of goods, VAT out (25 %, 19 % in Germany), the draft order's
    // 600.00 without VAT on top, the gift card and the test order left out.
    expect(march.gross_sales).toBe("3160.00");
    // A February bike returned on 3 March, one unit of three on 20 March, an unpaid order
    // cancelled on 22 March; the shipping refund of 25 March is no return.
    expect(march.sales_reversals).toBe("640.00");
    expect(march.net_sales).toBe("2500.00");
    // Twelve orders placed (POS, draft, cancelled included; 1 March 00:30 local counts, 1 April
    // 00:15 local does not).
    expect(march.orders).toBe("12");
  });

  it("puts next month's refunds and cancellations in next month", () => {
    const april = salesOf(fixture, "2026-04", KPI_NOW);
    expectSales(april, monthFigures(fixture.orders, KPI_TZ, "2026-04"));
    expect(Number(april.sales_reversals)).toBeGreaterThan(Number(april.gross_sales));
    expectSales(
      salesOf(fixture, "2026-02", KPI_NOW),
      monthFigures(fixture.orders, KPI_TZ, "2026-02"),
    );
  });

  it("ranks products by net sales, units net of returns", () => {
    const rows = run(
      fixture,
      "FROM sales SHOW net_sales, net_items_sold SINCE 2026-03-01 UNTIL 2026-03-31 GROUP BY product_title ORDER BY net_sales DESC",
      KPI_NOW,
    );
    const e = monthFigures(fixture.orders, KPI_TZ, "2026-03").products;
    expect(rows.map((r) => r.product_title)).toEqual(
      [...e].sort((a, b) => b[1].netSales - a[1].netSales).map(([title]) => title),
    );
    for (const r of rows) {
      expect(Number(r.net_sales)).toBeCloseTo(e.get(r.product_title!)!.netSales, 2);
      expect(Number(r.net_items_sold)).toBe(e.get(r.product_title!)!.units);
    }
    expect(rows.map((r) => r.product_title)).not.toContain("Gift card");
  });

  it("leaves gift cards and test orders out, and counts customers who ordered before", () => {
    const [c] = run(
      fixture,
      "FROM sales SHOW customers, returning_customers SINCE 2026-03-01 UNTIL 2026-03-31",
      KPI_NOW,
    );
    // Ada (ordered in February), Bo (new) and ten guests of their own.
    const march = fixture.orders.filter(
      (o) => !o.test && localDay(KPI_TZ)(o.processedAt).startsWith("2026-03"),
    );
    const known = new Set(march.flatMap((o) => (o.customerId ? [o.customerId] : [])));
    expect(Number(c!.customers)).toBe(known.size + march.filter((o) => !o.customerId).length);
    expect(c!.returning_customers).toBe("1");
  });
});

describe("sales figures of the demo shop's seeded orders", () => {
  it.each(["2026-10", "2026-09", "2025-12", "2025-10"])(
    "computes %s as the reference does from the seed",
    (month) => {
      expectSales(salesOf(store, month), monthFigures(store.orders, TZ, month));
    },
  );

  it("takes the VAT out of the demo shop's tax-inclusive prices", () => {
    const month = "2026-10";
    const withVat = store.orders
      .filter((o) => localDay(TZ)(o.processedAt).startsWith(month))
      .flatMap((o) => o.lines.filter((l) => !l.isGiftCard))
      .reduce((s, l) => s + Number(l.unitPrice) * l.quantity, 0);
    const gross = Number(salesOf(store, month).gross_sales);
    // Denmark's 25 % and the other buyers' rates: about a fifth of the price is VAT.
    expect(gross / withVat).toBeGreaterThan(0.78);
    expect(gross / withVat).toBeLessThan(0.84);
  });

  it("has returns in a month that belong to the month before", () => {
    const day = localDay(TZ);
    const crossing = store.orders.filter((o) =>
      o.refunds.some((r) => day(r.createdAt).slice(0, 7) !== day(o.processedAt).slice(0, 7)),
    );
    expect(crossing.length).toBeGreaterThan(5);
  });

  it("groups by month (TIMESERIES) and the months add up to the whole", () => {
    const months = run(
      store,
      "FROM sales SHOW orders, net_sales SINCE 2025-08-01 UNTIL 2025-10-31 TIMESERIES month",
    );
    expect(months.map((m) => m.month)).toEqual(["2025-08-01", "2025-09-01", "2025-10-01"]);
    const [whole] = run(
      store,
      "FROM sales SHOW orders, net_sales SINCE 2025-08-01 UNTIL 2025-10-31",
    );
    expect(months.reduce((s, m) => s + Number(m.orders), 0)).toBe(Number(whole!.orders));
    expect(months.reduce((s, m) => s + Number(m.net_sales), 0)).toBeCloseTo(
      Number(whole!.net_sales),
      2,
    );
  });

  it("counts sessions and the sessions that completed a checkout (online store orders)", () => {
    const [row] = run(
      store,
      "FROM sessions SHOW sessions, sessions_that_completed_checkout SINCE 2026-10-01 UNTIL 2026-10-31",
    );
    const sessions = (store.analytics?.sessions ?? [])
      .filter((d) => d.date.startsWith("2026-10"))
      .reduce((s, d) => s + d.sessions, 0);
    const web = store.orders.filter(
      (o) => o.sourceName === "web" && localDay(TZ)(o.processedAt).startsWith("2026-10"),
    ).length;
    expect(Number(row!.sessions)).toBe(sessions);
    expect(Number(row!.sessions_that_completed_checkout)).toBe(web);
  });
});

describe("shopifyqlQuery over GraphQL", () => {
  let h: ShopHarness;
  let withoutReports = "";
  const QUERY = `query($q: String!) { shopifyqlQuery(query: $q) {
    parseErrors tableData { columns { name dataType displayName } rows rowMetadata { rawResourceIds topNRemainderColumnNames nullCellTranslations { columnName } } } } }`;

  beforeAll(async () => {
    h = await startShop(store, {}, NOW.getTime());
    withoutReports = h.standin.grantOfflineToken(h.shop, {
      scopes: defaultScopes().filter((s) => s !== "read_reports"),
    }).accessToken;
  });
  afterAll(async () => {
    await h?.close();
  });

  async function post(q: string, token = h.token, query = QUERY) {
    const res = await fetch(`https://${h.shop}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": token },
      body: JSON.stringify({ query, variables: { q } }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      data: {
        shopifyqlQuery: {
          parseErrors: string[];
          tableData: {
            columns: { name: string; dataType: string; displayName: string }[];
            rows: Record<string, unknown>[];
            rowMetadata?: { rawResourceIds: string[][] }[];
          } | null;
        } | null;
      } | null;
      errors?: { message: string; extensions?: { code?: string; requiredAccess?: string } }[];
    };
  }

  it("answers Shopify's documented example in the documented shape", async () => {
    const body = await post(CONTRACT.shopifyql, h.token, CONTRACT_QUERY);
    const documented = CONTRACT.response.data.shopifyqlQuery;
    const answer = body.data!.shopifyqlQuery!;
    expect(answer.parseErrors).toEqual(documented.parseErrors);
    expect(answer.tableData!.columns).toEqual(documented.tableData.columns);
    // One row per month since 1 January, in order, each an object of the documented keys with
    // string values and months as yyyy-mm-01.
    const rows = answer.tableData!.rows;
    expect(rows.map((r) => r.month)).toEqual(
      Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}-01`),
    );
    for (const r of [...rows, ...documented.tableData.rows]) {
      expect(Object.keys(r).sort()).toEqual(["month", "total_sales"]);
      expect(typeof r.total_sales).toBe("string");
      expect(r.month).toMatch(/^\d{4}-\d{2}-01$/);
    }
    expect(Number(rows[9]!.total_sales)).toBeCloseTo(
      monthFigures(store.orders, TZ, "2026-10").totalSales,
      2,
    );
  });

  it("returns rowMetadata aligned with the rows", async () => {
    const body = await post(
      "FROM sales SHOW net_sales SINCE 2026-10-01 UNTIL 2026-10-31 GROUP BY product_title ORDER BY net_sales DESC LIMIT 5",
    );
    const table = body.data!.shopifyqlQuery!.tableData!;
    expect(table.rowMetadata).toHaveLength(table.rows.length);
    for (const [i, meta] of table.rowMetadata!.entries()) {
      // One entry per column; the product's raw (numeric) id for product_title.
      expect(meta.rawResourceIds).toHaveLength(table.columns.length);
      const product = store.products.find((p) => p.title === table.rows[i]!.product_title);
      expect(meta.rawResourceIds[0]).toContain(product!.id.split("/").pop());
    }
  });

  it("returns parseErrors and no table for an unknown column", async () => {
    const body = await post("FROM sales SHOW ordered_item_quantity SINCE 2026-10-01");
    expect(body.data?.shopifyqlQuery).toEqual({
      parseErrors: ["Column Not Found: Column 'ordered_item_quantity' not found"],
      tableData: null,
    });
  });

  it("is denied without read_reports, in Shopify's ACCESS_DENIED shape", async () => {
    const body = await post("FROM sales SHOW orders SINCE 2026-10-01", withoutReports);
    expect(body.data).toEqual({ shopifyqlQuery: null });
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^Access denied for shopifyqlQuery field\. Required access: `read_reports` access scope\. Also: Level 2 access to Customer data/,
      ),
      extensions: { code: "ACCESS_DENIED" },
    });
  });

  it("is denied with read_reports when protected customer data level 2 is not approved", async () => {
    for (const level of [0, 1] as const) {
      h.standin.setProtectedCustomerData(h.shop, level);
      try {
        const body = await post("FROM sales SHOW orders SINCE 2026-10-01");
        expect(body.data).toEqual({ shopifyqlQuery: null });
        expect(body.errors?.[0]?.extensions).toMatchObject({
          code: "ACCESS_DENIED",
          requiredAccess: expect.stringContaining("Level 2 access to Customer data"),
        });
      } finally {
        h.standin.setProtectedCustomerData(h.shop, 2);
      }
    }
    const ok = await post("FROM sales SHOW orders SINCE 2026-10-01 UNTIL 2026-10-31");
    expect(ok.errors).toBeUndefined();
  });
});

const CONTRACT_QUERY = `query($q: String!) { shopifyqlQuery(query: $q) {
  tableData { columns { name dataType displayName } rows } parseErrors } }`;
