/**
 * The monthly report's KPIs from Shopify's analytics: ShopifyQL through `shopifyqlQuery`
 * (scope `read_reports`), one request per month with one query per figure group, so that a
 * query Shopify refuses costs only its own figures.
 *
 * ShopifyQL reads dates in the shop's time zone, so the month's first and last local day are
 * exactly the report's calendar month. Every figure is a number or a reason: without
 * `read_reports` nothing is asked; a month before the shop existed is not asked; a parse error,
 * a missing column or a null cell make that figure "not available", never zero.
 */
import type { AnalyticsMonth, Figure, KpiMetric, UnavailableReason } from "~/domain/report/types";
import { parseMonth } from "~/domain/report/month";
import type { AdminClient } from "./admin-client.server";
import { isShopifyApiError } from "./errors";
import { MonthAnalyticsDocument, type ShopifyqlResultFragment } from "./generated/admin";

export const READ_REPORTS = "read_reports";
export const TOP_PRODUCTS = 10;

const METRICS: KpiMetric[] = [
  "orders",
  "grossSales",
  "netSales",
  "averageOrderValue",
  "returningCustomerRate",
  "sessions",
  "conversionRate",
];

/** First and last local day of a month (yyyy-mm-dd). */
export function monthDays(month: string): { first: string; last: string } {
  const { year, month: m } = parseMonth(month);
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return { first: `${year}-${mm}-01`, last: `${year}-${mm}-${String(lastDay).padStart(2, "0")}` };
}

/** The ShopifyQL the report asks, per figure group. */
export function monthQueries(month: string) {
  const { first, last } = monthDays(month);
  const period = `SINCE ${first} UNTIL ${last}`;
  return {
    sales: `FROM sales SHOW orders, gross_sales, net_sales, average_order_value ${period}`,
    customers: `FROM sales SHOW returning_customer_rate ${period}`,
    sessions: `FROM sessions SHOW sessions, conversion_rate ${period}`,
    products: `FROM sales SHOW net_sales, ordered_item_quantity ${period} GROUP BY product_title ORDER BY net_sales DESC LIMIT ${TOP_PRODUCTS}`,
  };
}

type Table = { rows: Record<string, unknown>[] } | { error: string };

/** The response's rows as objects by column name, or why there are none. */
export function readTable(result: ShopifyqlResultFragment | null | undefined): Table {
  if (!result) return { error: "no response" };
  if (result.parseErrors.length > 0) return { error: result.parseErrors.join("; ") };
  const table = result.tableData;
  if (!table || !Array.isArray(table.rows)) return { error: "no table" };
  const names = table.columns.map((c) => c.name);
  const rows: Record<string, unknown>[] = [];
  for (const row of table.rows as unknown[]) {
    if (Array.isArray(row)) rows.push(Object.fromEntries(names.map((n, i) => [n, row[i]])));
    else if (row !== null && typeof row === "object") rows.push(row as Record<string, unknown>);
  }
  return { rows };
}

/** A finite number from a cell (Shopify sends numbers or numeric strings), else null. */
export function cellNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const unavailable = (reason: UnavailableReason): Figure => ({ value: null, reason });

function figureOf(table: Table, column: string): Figure {
  if ("error" in table) return unavailable("analytics_error");
  const row = table.rows[0];
  if (row === undefined || !(column in row)) return unavailable("analytics_error");
  const value = cellNumber(row[column]);
  return value === null ? unavailable("analytics_error") : { value, reason: null };
}

function allFigures(reason: UnavailableReason): Record<KpiMetric, Figure> {
  return Object.fromEntries(METRICS.map((m) => [m, unavailable(reason)])) as Record<
    KpiMetric,
    Figure
  >;
}

export function unavailableMonth(month: string, reason: UnavailableReason): AnalyticsMonth {
  return { month, figures: allFigures(reason), topProducts: null };
}

/**
 * One month's KPIs for the shop. `scopes`: what the shop granted (null: unknown, asked anyway).
 * `monthEnd`: the instant the month ends in the shop's time zone (a month that ended before the
 * shop was created is "before_shop_data").
 */
export async function fetchMonthAnalytics(
  client: AdminClient,
  month: string,
  options: { scopes: string[] | null; monthEnd?: Date },
): Promise<AnalyticsMonth> {
  if (options.scopes !== null && !options.scopes.includes(READ_REPORTS))
    return unavailableMonth(month, "read_reports_not_granted");
  let data;
  try {
    data = await client.request(MonthAnalyticsDocument, monthQueries(month));
  } catch (error) {
    if (isShopifyApiError(error, "ACCESS_DENIED"))
      return unavailableMonth(month, "read_reports_not_granted");
    // Shopify answered with an error about the query: the analytics have no figure. Anything
    // else (network, outage, token) says that Shopify was not reached, not that there is no data.
    if (isShopifyApiError(error, "GRAPHQL")) return unavailableMonth(month, "analytics_error");
    return unavailableMonth(month, "shopify_unreachable");
  }
  // A month that ended before the shop was created has no data to show, not zeros.
  const created = Date.parse(data.shop.createdAt);
  if (options.monthEnd && Number.isFinite(created) && options.monthEnd.getTime() <= created)
    return unavailableMonth(month, "before_shop_data");

  const sales = readTable(data.sales);
  const customers = readTable(data.customers);
  const sessions = readTable(data.sessions);
  const products = readTable(data.products);
  const figures: Record<KpiMetric, Figure> = {
    orders: figureOf(sales, "orders"),
    grossSales: figureOf(sales, "gross_sales"),
    netSales: figureOf(sales, "net_sales"),
    averageOrderValue: figureOf(sales, "average_order_value"),
    returningCustomerRate: figureOf(customers, "returning_customer_rate"),
    sessions: figureOf(sessions, "sessions"),
    conversionRate: figureOf(sessions, "conversion_rate"),
  };
  // (A month without orders has no average order value: its null cell is "not available".)
  let topProducts: AnalyticsMonth["topProducts"] = null;
  if (!("error" in products)) {
    const rows = products.rows.flatMap((r) => {
      const title = typeof r.product_title === "string" ? r.product_title : null;
      const netSales = cellNumber(r.net_sales);
      const quantity = cellNumber(r.ordered_item_quantity);
      return title === null || netSales === null || quantity === null
        ? []
        : [{ title, quantity, netSales }];
    });
    // Every row unreadable: the columns are not what was asked.
    if (rows.length > 0 || products.rows.length === 0)
      topProducts = rows.sort((a, b) => b.netSales - a.netSales).slice(0, TOP_PRODUCTS);
  }
  return { month, figures, topProducts };
}
