/**
 * The monthly report's KPIs from Shopify's analytics: ShopifyQL through `shopifyqlQuery` (scope
 * `read_reports` and Shopify's approval of protected customer data level 2 — the field's
 * `requiredAccess` in the 2026-10 schema), one request per month with one query per figure
 * group, so that a query Shopify refuses costs only its own figures.
 *
 * Only documented names (docs/decisions/013-kpi-definitions-and-access.md): `sales` gives
 * orders, gross_sales, net_sales, average_order_value, customers, returning_customers and, per
 * product_title, net_sales and net_items_sold; `sessions` gives sessions and
 * sessions_that_completed_checkout. Rates are the report's own, stated formulas over those
 * counts: returning customers ÷ customers, sessions that completed checkout ÷ sessions (Shopify's
 * definition of the conversion rate), so no percent-or-ratio guess about a PERCENT column.
 *
 * ShopifyQL reads dates in the shop's time zone, so the month's first and last local day are
 * exactly the report's calendar month. Every figure is a number or a reason: without
 * `read_reports` nothing is asked; a denied query is told apart into "scope not granted" and
 * "protected customer data not approved" by the access scopes the app holds; a month before the
 * shop existed is not asked; a group Shopify refuses (a parse error) is asked again one column at
 * a time, so one unknown column makes only its figure "not available".
 */
import type {
  AccessReason,
  AnalyticsAccess,
  AnalyticsMonth,
  Figure,
  KpiMetric,
  UnavailableReason,
} from "~/report";
import { parseMonth } from "~/time";
import type { AdminClient } from "./admin-client.server";
import { isShopifyApiError } from "./errors";
import {
  AppAccessScopesDocument,
  MonthAnalyticsDocument,
  ShopifyqlSingleDocument,
  type ShopifyqlResultFragment,
} from "./generated/admin";

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

/** The figure groups: their table, columns and what follows the columns. */
const GROUPS = {
  sales: { from: "sales", columns: ["orders", "gross_sales", "net_sales", "average_order_value"] },
  customers: { from: "sales", columns: ["customers", "returning_customers"] },
  sessions: { from: "sessions", columns: ["sessions", "sessions_that_completed_checkout"] },
} as const;
type Group = keyof typeof GROUPS;

function groupQuery(
  group: Group,
  period: string,
  columns: readonly string[] = GROUPS[group].columns,
) {
  return `FROM ${GROUPS[group].from} SHOW ${columns.join(", ")} ${period}`;
}

/** The ShopifyQL the report asks, per figure group. */
export function monthQueries(month: string) {
  const { first, last } = monthDays(month);
  const period = `SINCE ${first} UNTIL ${last}`;
  return {
    sales: groupQuery("sales", period),
    customers: groupQuery("customers", period),
    sessions: groupQuery("sessions", period),
    products: `FROM sales SHOW net_sales, net_items_sold ${period} GROUP BY product_title ORDER BY net_sales DESC LIMIT ${TOP_PRODUCTS}`,
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
const figure = (value: number | null): Figure =>
  value === null ? unavailable("analytics_error") : { value, reason: null };

/** A column's number from a table of one row, or null. */
function cellOf(table: Table, column: string): number | null {
  if ("error" in table) return null;
  const row = table.rows[0];
  return row === undefined || !(column in row) ? null : cellNumber(row[column]);
}

/** numerator ÷ denominator; no figure without a positive denominator. */
function rate(numerator: number | null, denominator: number | null): number | null {
  return numerator === null || denominator === null || denominator <= 0
    ? null
    : numerator / denominator;
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
 * Why Shopify denied `shopifyqlQuery`: the app's access scopes (asked of
 * `currentAppInstallation`, which needs none) hold read_reports, so the missing piece is
 * Shopify's approval of protected customer data; else the scope itself is missing.
 */
export async function deniedBecause(client: AdminClient): Promise<AccessReason> {
  try {
    const data = await client.request(AppAccessScopesDocument);
    const handles = data.currentAppInstallation.accessScopes.map((s) => s.handle);
    return handles.includes(READ_REPORTS)
      ? "protected_data_not_approved"
      : "read_reports_not_granted";
  } catch {
    return "read_reports_not_granted";
  }
}

/**
 * Whether the app can ask Shopify's analytics now: the granted scopes first (no request when
 * read_reports is missing), then one small ShopifyQL query.
 */
export async function checkAnalyticsAccess(
  client: AdminClient,
  scopes: string[] | null,
): Promise<AnalyticsAccess | "unknown"> {
  if (scopes !== null && !scopes.includes(READ_REPORTS)) return "read_reports_not_granted";
  try {
    await client.request(ShopifyqlSingleDocument, {
      query: "FROM sales SHOW orders SINCE today UNTIL today",
    });
    return "available";
  } catch (error) {
    if (isShopifyApiError(error, "ACCESS_DENIED")) return deniedBecause(client);
    return "unknown";
  }
}

/** A group Shopify refused, asked again one column at a time (one unknown column costs only itself). */
async function columnByColumn(
  client: AdminClient,
  group: Group,
  period: string,
): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const column of GROUPS[group].columns) {
    try {
      const data = await client.request(ShopifyqlSingleDocument, {
        query: groupQuery(group, period, [column]),
      });
      out[column] = cellOf(readTable(data.shopifyqlQuery), column);
    } catch {
      out[column] = null;
    }
  }
  return out;
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
      return unavailableMonth(month, await deniedBecause(client));
    // Shopify answered with an error about the query: the analytics have no figure. Anything
    // else (network, outage, token) says that Shopify was not reached, not that there is no data.
    if (isShopifyApiError(error, "GRAPHQL")) return unavailableMonth(month, "analytics_error");
    return unavailableMonth(month, "shopify_unreachable");
  }
  // A month that ended before the shop was created has no data to show, not zeros.
  const created = Date.parse(data.shop.createdAt);
  if (options.monthEnd && Number.isFinite(created) && options.monthEnd.getTime() <= created)
    return unavailableMonth(month, "before_shop_data");

  const { first, last } = monthDays(month);
  const period = `SINCE ${first} UNTIL ${last}`;
  const groups = Object.keys(GROUPS) as Group[];
  const tables = groups.map((g) => readTable(data[g]));
  // Every query refused: the month itself (or the shop's analytics), not a column — no retries.
  const allRefused = [...tables, readTable(data.products)].every((t) => "error" in t);
  const cells: Record<string, number | null> = {};
  for (const [i, group] of groups.entries()) {
    const table = tables[i] ?? { error: "no response" };
    const values =
      "error" in table
        ? allRefused
          ? {}
          : await columnByColumn(client, group, period)
        : Object.fromEntries(GROUPS[group].columns.map((c) => [c, cellOf(table, c)]));
    Object.assign(cells, values);
  }
  const cell = (column: string) => cells[column] ?? null;
  const figures: Record<KpiMetric, Figure> = {
    orders: figure(cell("orders")),
    grossSales: figure(cell("gross_sales")),
    netSales: figure(cell("net_sales")),
    // (A month without orders has no average order value: its null cell is "not available".)
    averageOrderValue: figure(cell("average_order_value")),
    returningCustomerRate: figure(rate(cell("returning_customers"), cell("customers"))),
    sessions: figure(cell("sessions")),
    conversionRate: figure(rate(cell("sessions_that_completed_checkout"), cell("sessions"))),
  };
  let topProducts: AnalyticsMonth["topProducts"] = null;
  const products = readTable(data.products);
  if (!("error" in products)) {
    const rows = products.rows.flatMap((r) => {
      const title = typeof r.product_title === "string" ? r.product_title : null;
      const netSales = cellNumber(r.net_sales);
      const quantity = cellNumber(r.net_items_sold);
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

/** What a month's answer says about the access (null: it says nothing either way). */
export function accessOf(month: AnalyticsMonth): AnalyticsAccess | null {
  const reasons = Object.values(month.figures).map((f) => f.reason);
  if (reasons.every((r) => r === "protected_data_not_approved"))
    return "protected_data_not_approved";
  if (reasons.every((r) => r === "read_reports_not_granted")) return "read_reports_not_granted";
  return reasons.some((r) => r === null) ? "available" : null;
}
