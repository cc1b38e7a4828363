/**
 * The stand-in's ShopifyQL (`shopifyqlQuery`): the supported subset answers with figures that
 * follow from the seeded orders and sessions (recomputed here independently), everything else
 * is a parse error, and the field needs read_reports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseShopifyql, runShopifyql } from "../../standin/admin/shopifyql";
import { generateDemoStore } from "../../standin/seed/demo-store";
import type { StandinOrder } from "../../standin/store/types";
import { defaultScopes } from "../../standin/auth/scopes";
import { startShop, type ShopHarness } from "../shopify/helpers";

const NOW = new Date("2026-11-24T09:00:00Z");
const { store } = generateDemoStore({ now: NOW, productCount: 120 });

const localDate = (iso: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Copenhagen",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(iso));
const inRange = (o: StandinOrder, from: string, to: string) =>
  localDate(o.processedAt) >= from && localDate(o.processedAt) <= to;
const c = (s: string) => Math.round(Number(s) * 100);

/** Expected October figures, from the orders as the seed made them. */
function expected(from: string, to: string) {
  const orders = store.orders.filter((o) => inRange(o, from, to));
  let gross = 0;
  let discounts = 0;
  let returns = 0;
  for (const o of orders) {
    const g = o.lines.reduce((s, l) => s + c(l.unitPrice) * l.quantity, 0);
    gross += g;
    discounts += c(o.totalDiscounts);
    returns += Math.min(c(o.totalRefunded), g - c(o.totalDiscounts));
  }
  const before = new Set(
    store.orders
      .filter((o) => localDate(o.processedAt) < from && o.customerId)
      .map((o) => o.customerId),
  );
  const known = new Set(orders.flatMap((o) => (o.customerId ? [o.customerId] : [])));
  const guests = orders.filter((o) => !o.customerId).length;
  const sessions = (store.analytics?.sessions ?? [])
    .filter((d) => d.date >= from && d.date <= to)
    .reduce((s, d) => s + d.sessions, 0);
  return {
    orders: orders.length,
    gross: gross / 100,
    net: (gross - discounts - returns) / 100,
    aov: (gross - discounts) / orders.length / 100,
    returning: [...known].filter((id) => before.has(id)).length / (known.size + guests),
    sessions,
    conversion: orders.filter((o) => o.sourceName === "web").length / sessions,
  };
}

describe("ShopifyQL subset: parsing", () => {
  it.each([
    "FROM sales SHOW orders, net_sales SINCE 2026-10-01 UNTIL 2026-10-31",
    "FROM sales SHOW net_sales SINCE 2026-10-01 UNTIL 2026-10-31 GROUP BY product_title ORDER BY net_sales DESC LIMIT 5",
    "FROM sales SHOW net_sales GROUP BY month SINCE 2026-01-01 UNTIL 2026-10-31",
    "FROM sales SHOW orders SINCE 2026-01-01 UNTIL today TIMESERIES month",
    "from sessions show sessions, conversion_rate since 2026-10-01 until yesterday",
  ])("accepts %s", (q) => {
    expect(parseShopifyql(q)).toHaveProperty("query");
  });

  it.each([
    ["SELECT orders FROM sales", /SELECT is not emulated/],
    ["FROM sales SHOW orders WHERE sales_channel = 'pos'", /not emulated/],
    ["FROM sales SHOW orders DURING last_month", /DURING is not emulated/],
    ["FROM sales SHOW orders SINCE -30d", /only absolute dates/],
    ["FROM sales SHOW orders SINCE 2026-02-30", /only absolute dates/],
    ["FROM orders SHOW orders SINCE 2026-10-01", /only sales and sessions/],
    ["FROM sales SHOW sessions SINCE 2026-10-01", /sales has no column sessions/],
    ["FROM sales SHOW orders LIMIT 5 SINCE 2026-10-01", /out of order/],
    ["FROM sales SHOW orders SINCE 2026-10-01 COMPARE TO previous_period", /COMPARE is not/],
    ["FROM sales SHOW product_title SINCE 2026-10-01", /dimension/],
    ["FROM sales SHOW orders SINCE 2026-10-01 ORDER BY net_sales", /not a column/],
    [
      "FROM sales SHOW returning_customer_rate SINCE 2026-10-01 GROUP BY product_title",
      /by product_title is not emulated/,
    ],
    ["FROM sales SHOW orders", /SINCE is required/],
  ])("refuses %s with a parse error", (q, message) => {
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

describe("ShopifyQL subset: figures from the seeded orders", () => {
  const run = (q: string) => {
    const r = runShopifyql(store, q, NOW.getTime());
    expect(r.parseErrors).toEqual([]);
    return r.rows;
  };

  it("computes a month's sales, returning customers, sessions and conversion", () => {
    const e = expected("2026-10-01", "2026-10-31");
    const [sales] = run(
      "FROM sales SHOW orders, gross_sales, net_sales, average_order_value SINCE 2026-10-01 UNTIL 2026-10-31",
    );
    expect(Number(sales!.orders)).toBe(e.orders);
    expect(Number(sales!.gross_sales)).toBeCloseTo(e.gross, 2);
    expect(Number(sales!.net_sales)).toBeCloseTo(e.net, 2);
    expect(Number(sales!.net_sales)).toBeLessThan(Number(sales!.gross_sales));
    expect(Number(sales!.average_order_value)).toBeCloseTo(e.aov, 1);
    const [customers] = run(
      "FROM sales SHOW returning_customer_rate SINCE 2026-10-01 UNTIL 2026-10-31",
    );
    expect(Number(customers!.returning_customer_rate)).toBeCloseTo(e.returning, 6);
    const [sessions] = run(
      "FROM sessions SHOW sessions, conversion_rate SINCE 2026-10-01 UNTIL 2026-10-31",
    );
    expect(sessions!.sessions).toBe(e.sessions);
    expect(Number(sessions!.conversion_rate)).toBeCloseTo(e.conversion, 6);
    expect(e.conversion).toBeGreaterThan(0.005);
    expect(e.conversion).toBeLessThan(0.05);
  });

  it("groups by month (TIMESERIES) and the months add up to the whole", () => {
    const months = run(
      "FROM sales SHOW orders, net_sales SINCE 2025-08-01 UNTIL 2025-10-31 TIMESERIES month",
    );
    expect(months.map((m) => m.month)).toEqual(["2025-08-01", "2025-09-01", "2025-10-01"]);
    const [whole] = run("FROM sales SHOW orders SINCE 2025-08-01 UNTIL 2025-10-31");
    expect(months.reduce((s, m) => s + Number(m.orders), 0)).toBe(whole!.orders);
    expect(Number(months[1]!.orders)).toBe(expected("2025-09-01", "2025-09-30").orders);
  });

  it("ranks products by net sales with ORDER BY and LIMIT", () => {
    const rows = run(
      "FROM sales SHOW net_sales, ordered_item_quantity SINCE 2026-10-01 UNTIL 2026-10-31 GROUP BY product_title ORDER BY net_sales DESC LIMIT 5",
    );
    expect(rows).toHaveLength(5);
    const nets = rows.map((r) => Number(r.net_sales));
    expect(nets).toEqual([...nets].sort((a, b) => b - a));
    const top = rows[0]!;
    const quantity = store.orders
      .filter((o) => inRange(o, "2026-10-01", "2026-10-31"))
      .flatMap((o) => o.lines)
      .filter((l) => l.title === top.product_title)
      .reduce((s, l) => s + l.quantity, 0);
    expect(top.ordered_item_quantity).toBe(quantity);
  });
});

describe("shopifyqlQuery over GraphQL", () => {
  let withReports: ShopHarness;
  let withoutToken = "";
  const QUERY = `query($q: String!) { shopifyqlQuery(query: $q) {
    parseErrors tableData { columns { name dataType displayName } rows } } }`;

  beforeAll(async () => {
    withReports = await startShop(store, {}, NOW.getTime());
    withoutToken = withReports.standin.grantOfflineToken(withReports.shop, {
      scopes: defaultScopes().filter((s) => s !== "read_reports"),
    }).accessToken;
  });
  afterAll(async () => {
    await withReports?.close();
  });

  async function post(h: ShopHarness, q: string, token = h.token) {
    const res = await fetch(`https://${h.shop}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": token },
      body: JSON.stringify({ query: QUERY, variables: { q } }),
    });
    return (await res.json()) as {
      data: { shopifyqlQuery: { parseErrors: string[]; tableData: unknown } | null } | null;
      errors?: { extensions?: { code?: string } }[];
    };
  }

  it("answers with typed columns and rows", async () => {
    const body = await post(
      withReports,
      "FROM sales SHOW orders, net_sales SINCE 2026-10-01 UNTIL 2026-10-31",
    );
    expect(body.data?.shopifyqlQuery).toMatchObject({
      parseErrors: [],
      tableData: {
        columns: [
          { name: "orders", dataType: "INTEGER" },
          { name: "net_sales", dataType: "MONEY" },
        ],
      },
    });
  });

  it("returns parseErrors and no table for an unsupported query", async () => {
    const body = await post(withReports, "FROM sales SHOW orders DURING last_month");
    expect(body.data?.shopifyqlQuery?.parseErrors.length).toBeGreaterThan(0);
    expect(body.data?.shopifyqlQuery?.tableData).toBeNull();
  });

  it("is denied without read_reports", async () => {
    const body = await post(withReports, "FROM sales SHOW orders SINCE 2026-10-01", withoutToken);
    expect(body.errors?.[0]?.extensions?.code).toBe("ACCESS_DENIED");
  });
});
