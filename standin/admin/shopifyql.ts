/**
 * `shopifyqlQuery`: a small, honest subset of ShopifyQL computed from the seeded store.
 *
 * Supported (anything else is a parse error, never a silent wrong answer):
 *
 *   FROM sales | sessions
 *   SHOW metric[, metric…]            (and the grouping dimension, which is added if missing)
 *   SINCE yyyy-mm-dd | today | yesterday      UNTIL yyyy-mm-dd | today | yesterday  (inclusive)
 *   GROUP BY product_title | month | day
 *   TIMESERIES month | day
 *   ORDER BY column [ASC|DESC]
 *   LIMIT n
 *
 * Clause order as Shopify's reference gives it (FROM, SHOW, SINCE/UNTIL, GROUP BY, TIMESERIES,
 * ORDER BY, LIMIT; GROUP BY is also accepted before SINCE, as Shopify does). Dates are local
 * dates in the shop's time zone. WHERE, DURING, COMPARE TO, HAVING, WITH, VISUALIZE, relative
 * offsets (-30d) and functions are not emulated and say so.
 *
 * Definitions (the stand-in's simplifications, in docs/standin.md):
 * - sales are dated by the order's processedAt, refunds included (Shopify dates a refund when it
 *   happens; the seed has no refund dates); amounts include VAT, as the seeded prices do;
 * - gross_sales = Σ unit price × quantity; discounts = order discounts; returns = the refunded
 *   amount up to the order's goods (refunded shipping is not a return); net_sales = gross −
 *   discounts − returns; total_sales = net_sales + shipping − refunded shipping;
 *   average_order_value = (gross − discounts) / orders; ordered_item_quantity = Σ quantity;
 *   per product, an order's returns are shared out in proportion to its lines' discounted totals;
 * - customers = distinct customers with an order (a guest checkout counts as a new customer of its
 *   own); returning_customer_rate = the share of them whose first order lies before the period;
 * - sessions come from the store's seeded sessions per day (`analytics.sessions`);
 *   conversion_rate = online-store (`web`) orders / sessions.
 * The seeded history has a first day (`analytics.since`): a period starting before it is refused.
 */
import type { GraphQLResolveInfo } from "graphql";
import type { FieldFn, View } from "../graphql/view";
import type { StandinOrder, StandinStore } from "../store/types";
import { requireScope } from "./common";
import type { AdminContext } from "./context";

type DataType = "INTEGER" | "MONEY" | "PERCENT" | "STRING" | "MONTH_TIMESTAMP" | "DAY_TIMESTAMP";

const SALES_METRICS: Record<string, DataType> = {
  orders: "INTEGER",
  gross_sales: "MONEY",
  discounts: "MONEY",
  returns: "MONEY",
  net_sales: "MONEY",
  total_sales: "MONEY",
  average_order_value: "MONEY",
  ordered_item_quantity: "INTEGER",
  customers: "INTEGER",
  returning_customer_rate: "PERCENT",
};
const SESSIONS_METRICS: Record<string, DataType> = {
  sessions: "INTEGER",
  conversion_rate: "PERCENT",
};
/** What the stand-in computes per product (its returns are shared out by line value). */
const PRODUCT_METRICS = new Set([
  "orders",
  "gross_sales",
  "discounts",
  "returns",
  "net_sales",
  "ordered_item_quantity",
]);
const DIMENSIONS: Record<string, Record<string, DataType>> = {
  sales: { product_title: "STRING", month: "MONTH_TIMESTAMP", day: "DAY_TIMESTAMP" },
  sessions: { month: "MONTH_TIMESTAMP", day: "DAY_TIMESTAMP" },
};

export interface ShopifyqlQuery {
  from: "sales" | "sessions";
  show: string[];
  since: string | null;
  until: string | null;
  groupBy: string | null;
  timeseries: "month" | "day" | null;
  orderBy: { column: string; direction: "ASC" | "DESC" } | null;
  limit: number | null;
}

export interface ShopifyqlResult {
  parseErrors: string[];
  columns: { name: string; dataType: DataType; displayName: string }[];
  rows: Record<string, string | number | null>[];
}

const UNSUPPORTED = new Set([
  "WHERE",
  "DURING",
  "COMPARE",
  "HAVING",
  "WITH",
  "VISUALIZE",
  "TYPE",
  "SELECT",
]);

/** Words, numbers, dates, punctuation; comments are not emulated. */
function tokenize(text: string): string[] | string {
  const tokens: string[] = [];
  const re = /\s+|(-?\d{4}-\d{2}-\d{2})|(-?\d+[a-z]?)|([A-Za-z_][A-Za-z0-9_]*)|(,)|(.)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].trim() === "") continue;
    if (m[5] !== undefined) return `Unexpected character '${m[5]}' (not emulated by the stand-in)`;
    tokens.push(m[0]);
  }
  return tokens;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Parses the supported subset; every problem is reported, nothing is guessed. */
export function parseShopifyql(text: string): { query: ShopifyqlQuery } | { errors: string[] } {
  const tokens = tokenize(text);
  if (typeof tokens === "string") return { errors: [tokens] };
  const errors: string[] = [];
  let i = 0;
  const peek = () => tokens[i]?.toUpperCase();
  const next = () => tokens[i++];
  const query: ShopifyqlQuery = {
    from: "sales",
    show: [],
    since: null,
    until: null,
    groupBy: null,
    timeseries: null,
    orderBy: null,
    limit: null,
  };
  /** Clause ranks: FROM, SHOW, then SINCE/UNTIL/GROUP BY (in either order), TIMESERIES, ORDER BY, LIMIT. */
  const rank: Record<string, number> = {
    FROM: 0,
    SHOW: 1,
    SINCE: 2,
    UNTIL: 2,
    GROUP: 2,
    TIMESERIES: 3,
    ORDER: 4,
    LIMIT: 5,
  };
  let last = -1;
  const seen = new Set<string>();
  const list = (): string[] => {
    const items: string[] = [];
    for (;;) {
      const t = next();
      if (t === undefined || !/^[A-Za-z_]\w*$/.test(t)) {
        errors.push(`Expected a column name${t === undefined ? " at the end" : ` near '${t}'`}`);
        return items;
      }
      if (peek() === "AS") {
        errors.push("AS aliases are not emulated by the stand-in");
        i += 2;
      }
      items.push(t.toLowerCase());
      if (tokens[i] !== ",") return items;
      i++;
    }
  };
  const dateValue = (keyword: string): string | null => {
    const t = next();
    if (t === undefined) {
      errors.push(`${keyword} needs a date`);
      return null;
    }
    const lower = t.toLowerCase();
    if (lower === "today" || lower === "yesterday") return lower;
    if (validDate(t)) return t;
    errors.push(
      `${keyword} ${t}: only absolute dates (yyyy-mm-dd), today and yesterday are emulated by the stand-in`,
    );
    return null;
  };

  while (i < tokens.length && errors.length === 0) {
    const word = peek() ?? "";
    if (UNSUPPORTED.has(word)) {
      errors.push(`${word} is not emulated by the stand-in`);
      break;
    }
    const at = rank[word];
    if (at === undefined) {
      errors.push(`Unexpected '${tokens[i]}'`);
      break;
    }
    if (seen.has(word) || at < last || (word === "SINCE" && seen.has("UNTIL"))) {
      errors.push(`${word} is out of order or repeated`);
      break;
    }
    last = at;
    seen.add(word);
    i++;
    switch (word) {
      case "FROM": {
        const t = next()?.toLowerCase();
        if (t === "sales" || t === "sessions") query.from = t;
        else errors.push(`FROM ${t ?? ""}: only sales and sessions are emulated by the stand-in`);
        if (tokens[i] === ",") errors.push("Multi-schema queries are not emulated by the stand-in");
        break;
      }
      case "SHOW":
        query.show = list();
        break;
      case "SINCE":
        query.since = dateValue("SINCE");
        break;
      case "UNTIL":
        query.until = dateValue("UNTIL");
        break;
      case "GROUP": {
        if (next()?.toUpperCase() !== "BY") {
          errors.push("Expected BY after GROUP");
          break;
        }
        const dims = list();
        if (dims.length !== 1)
          errors.push("Grouping by more than one dimension is not emulated by the stand-in");
        query.groupBy = dims[0] ?? null;
        break;
      }
      case "TIMESERIES": {
        const t = next()?.toLowerCase();
        if (t === "month" || t === "day") query.timeseries = t;
        else errors.push(`TIMESERIES ${t ?? ""}: only month and day are emulated by the stand-in`);
        break;
      }
      case "ORDER": {
        if (next()?.toUpperCase() !== "BY") {
          errors.push("Expected BY after ORDER");
          break;
        }
        const column = next()?.toLowerCase();
        if (column === undefined) {
          errors.push("ORDER BY needs a column");
          break;
        }
        let direction: "ASC" | "DESC" = "ASC";
        const d = peek();
        if (d === "ASC" || d === "DESC") {
          direction = d;
          i++;
        }
        if (tokens[i] === ",")
          errors.push("ORDER BY more than one column is not emulated by the stand-in");
        query.orderBy = { column, direction };
        break;
      }
      case "LIMIT": {
        const t = next();
        const n = t !== undefined && /^\d+$/.test(t) ? Number(t) : NaN;
        if (!Number.isInteger(n) || n < 1) errors.push("LIMIT needs a positive whole number");
        else query.limit = n;
        break;
      }
    }
  }
  if (errors.length > 0) return { errors };
  if (!seen.has("FROM")) errors.push("A query needs FROM");
  if (!seen.has("SHOW"))
    errors.push("A query needs SHOW (VISUALIZE is not emulated by the stand-in)");
  if (query.groupBy !== null && query.timeseries !== null)
    errors.push("GROUP BY together with TIMESERIES is not emulated by the stand-in");
  const metrics = query.from === "sales" ? SALES_METRICS : SESSIONS_METRICS;
  const dims = DIMENSIONS[query.from] ?? {};
  const grouping = query.groupBy ?? query.timeseries;
  if (grouping !== null && !(grouping in dims))
    errors.push(`${query.from} cannot be grouped by ${grouping} in the stand-in`);
  for (const column of query.show)
    if (!(column in metrics) && column !== grouping)
      errors.push(
        column in dims
          ? `${column} is a dimension: group by it to show it`
          : `${query.from} has no column ${column} in the stand-in`,
      );
  if (query.show.every((c) => c === grouping)) errors.push("SHOW needs at least one metric");
  if (grouping === "product_title")
    for (const column of query.show)
      if (!PRODUCT_METRICS.has(column) && column !== grouping)
        errors.push(`${column} by product_title is not emulated by the stand-in`);
  if (
    query.orderBy &&
    !query.show.includes(query.orderBy.column) &&
    query.orderBy.column !== grouping
  )
    errors.push(`ORDER BY ${query.orderBy.column}: not a column of the query`);
  return errors.length > 0 ? { errors } : { query };
}

/** Local date (yyyy-mm-dd) of an instant in a time zone. */
function localDateFormat(timeZone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return (ms) => f.format(new Date(ms));
}

const cents = (s: string) => Math.round(Number(s) * 100);
const money = (c: number) => (c / 100).toFixed(2);

interface Bucket {
  /** First local date of the period the bucket stands for. */
  start: string;
  orders: number;
  gross: number;
  discounts: number;
  returns: number;
  shipping: number;
  quantity: number;
  customers: Set<string>;
  returning: Set<string>;
  sessions: number;
  webOrders: number;
}

export function runShopifyql(store: StandinStore, text: string, now: number): ShopifyqlResult {
  const parsed = parseShopifyql(text);
  if ("errors" in parsed) return { parseErrors: parsed.errors, columns: [], rows: [] };
  const q = parsed.query;
  const localDate = localDateFormat(store.shop.ianaTimezone);
  const today = localDate(now);
  const resolve = (d: string | null): string | null =>
    d === "today" ? today : d === "yesterday" ? localDate(now - 86_400_000) : d;
  const since = resolve(q.since);
  const until = resolve(q.until) ?? today;
  const fail = (message: string): ShopifyqlResult => ({
    parseErrors: [message],
    columns: [],
    rows: [],
  });
  if (since === null) return fail("SINCE is required by the stand-in (no default date ranges)");
  if (until < since) return fail("UNTIL can't be before SINCE");
  const reach = store.analytics?.since ?? null;
  if (reach === null) return fail("This shop has no seeded analytics data in the stand-in");
  if (since < reach)
    return fail(
      `The stand-in holds this shop's analytics from ${reach} only; ${since} is before that`,
    );

  const grouping = q.groupBy ?? q.timeseries;
  const keyOf = (date: string, title: string | null): string =>
    grouping === "month"
      ? `${date.slice(0, 7)}-01`
      : grouping === "day"
        ? date
        : grouping === "product_title"
          ? (title ?? "")
          : "";
  const buckets = new Map<string, Bucket>();
  const bucket = (key: string) => {
    let b = buckets.get(key);
    if (b === undefined)
      buckets.set(
        key,
        (b = {
          start: grouping === "month" || grouping === "day" ? (key < since ? since : key) : since,
          orders: 0,
          gross: 0,
          discounts: 0,
          returns: 0,
          shipping: 0,
          quantity: 0,
          customers: new Set(),
          returning: new Set(),
          sessions: 0,
          webOrders: 0,
        }),
      );
    return b;
  };
  // TIMESERIES returns every period of the range, empty ones included.
  if (q.timeseries !== null)
    for (let d = new Date(`${since}T12:00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
      const date = d.toISOString().slice(0, 10);
      if (date > until) break;
      bucket(keyOf(date, null));
    }

  if (q.from === "sales") {
    const firstOrderDate = new Map<string, string>();
    for (const o of store.orders) {
      if (o.customerId === null) continue;
      const date = localDate(Date.parse(o.processedAt));
      const known = firstOrderDate.get(o.customerId);
      if (known === undefined || date < known) firstOrderDate.set(o.customerId, date);
    }
    for (const o of store.orders) {
      const date = localDate(Date.parse(o.processedAt));
      if (date < since || date > until) continue;
      const gross = o.lines.map((l) => cents(l.unitPrice) * l.quantity);
      const goods = gross.reduce((a, b) => a + b, 0) - cents(o.totalDiscounts);
      const returns = Math.min(cents(o.totalRefunded), Math.max(goods, 0));
      if (grouping === "product_title") {
        const nets = lineNets(o);
        o.lines.forEach((l, k) => {
          const b = bucket(keyOf(date, l.title));
          const discounted = cents(l.unitPrice) * l.quantity - cents(l.totalDiscount);
          b.gross += gross[k] ?? 0;
          b.discounts += cents(l.totalDiscount);
          b.returns += discounted - (nets[k] ?? discounted);
          b.quantity += l.quantity;
          b.orders += 1; // orders with the product
        });
        continue;
      }
      const b = bucket(keyOf(date, null));
      b.orders += 1;
      b.gross += gross.reduce((a, c) => a + c, 0);
      b.discounts += cents(o.totalDiscounts);
      b.returns += returns;
      b.shipping += cents(o.totalShipping) - (cents(o.totalRefunded) - returns);
      b.quantity += o.lines.reduce((a, l) => a + l.quantity, 0);
      // A guest checkout is a customer of its own, new by definition.
      if (o.customerId === null) b.customers.add(`guest:${o.id}`);
      else {
        b.customers.add(o.customerId);
        // Returning: the customer's first order lies before the period.
        if ((firstOrderDate.get(o.customerId) ?? date) < b.start) b.returning.add(o.customerId);
      }
    }
  } else {
    const days = store.analytics?.sessions;
    if (days === undefined) return fail("This shop has no seeded sessions in the stand-in");
    for (const day of days) {
      if (day.date < since || day.date > until) continue;
      bucket(keyOf(day.date, null)).sessions += day.sessions;
    }
    for (const o of store.orders) {
      if (o.sourceName !== "web") continue;
      const date = localDate(Date.parse(o.processedAt));
      if (date < since || date > until) continue;
      bucket(keyOf(date, null)).webOrders += 1;
    }
  }
  if (grouping === null && buckets.size === 0) bucket("");

  const metrics = q.from === "sales" ? SALES_METRICS : SESSIONS_METRICS;
  const value = (b: Bucket, column: string): string | number | null => {
    switch (column) {
      case "orders":
        return b.orders;
      case "gross_sales":
        return money(b.gross);
      case "discounts":
        return money(b.discounts);
      case "returns":
        return money(Math.round(b.returns));
      case "net_sales":
        return money(Math.round(b.gross - b.discounts - b.returns));
      case "total_sales":
        return money(Math.round(b.gross - b.discounts - b.returns + b.shipping));
      case "average_order_value":
        return b.orders > 0 ? money(Math.round((b.gross - b.discounts) / b.orders)) : null;
      case "ordered_item_quantity":
        return b.quantity;
      case "customers":
        return b.customers.size;
      case "returning_customer_rate":
        return b.customers.size > 0 ? b.returning.size / b.customers.size : null;
      case "sessions":
        return b.sessions;
      case "conversion_rate":
        return b.sessions > 0 ? b.webOrders / b.sessions : null;
      default:
        return null;
    }
  };
  const show = grouping !== null && !q.show.includes(grouping) ? [grouping, ...q.show] : q.show;
  let rows = [...buckets.entries()].map(([key, b]) => {
    const row: Record<string, string | number | null> = {};
    for (const column of show) row[column] = column === grouping ? key : value(b, column);
    return row;
  });
  const first = show[0] ?? "";
  rows.sort((a, b) => String(a[first]).localeCompare(String(b[first])));
  if (q.orderBy) {
    const { column, direction } = q.orderBy;
    const sign = direction === "DESC" ? -1 : 1;
    const type = metrics[column] ?? DIMENSIONS[q.from]?.[column];
    const isText = type === "STRING" || type === "MONTH_TIMESTAMP" || type === "DAY_TIMESTAMP";
    const num = (v: string | number | null | undefined) =>
      v === null || v === undefined ? -Infinity : Number(v);
    rows.sort(
      (a, b) =>
        sign *
        (isText
          ? String(a[column]).localeCompare(String(b[column]))
          : num(a[column]) - num(b[column])),
    );
  }
  if (q.limit !== null) rows = rows.slice(0, q.limit);
  const dims = DIMENSIONS[q.from] ?? {};
  return {
    parseErrors: [],
    columns: show.map((name) => ({
      name,
      dataType: metrics[name] ?? dims[name] ?? "STRING",
      displayName: name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " "),
    })),
    rows,
  };
}

/** Net of one order's lines after discounts and returns (returns shared out by line value). */
function lineNets(o: StandinOrder): number[] {
  const discounted = o.lines.map((l) => cents(l.unitPrice) * l.quantity - cents(l.totalDiscount));
  const goods = discounted.reduce((a, b) => a + b, 0);
  const returns = Math.min(cents(o.totalRefunded), goods);
  return discounted.map((d) => (goods > 0 ? d - (returns * d) / goods : d));
}

function responseView(result: ShopifyqlResult): View {
  return {
    __typename: "ShopifyqlQueryResponse",
    parseErrors: result.parseErrors,
    parseWarnings: [],
    analyticsTargets: [],
    tableData:
      result.parseErrors.length > 0
        ? null
        : {
            __typename: "ShopifyqlTableData",
            columns: result.columns.map((c) => ({
              __typename: "ShopifyqlTableDataColumn",
              name: c.name,
              dataType: c.dataType,
              displayName: c.displayName,
              shortDisplayName: null,
              subType: null,
              columnOrigin: "REQUESTED",
              dynamicColumnMetadata: null,
            })),
            rows: result.rows,
            rowMetadata: [],
          },
  };
}

export const shopifyqlRoot: Record<string, FieldFn<AdminContext>> = {
  shopifyqlQuery: (args, ctx, info: GraphQLResolveInfo) => {
    requireScope(ctx, info, "read_reports");
    return responseView(runShopifyql(ctx.store, String(args.query ?? ""), ctx.now()));
  },
};
