/**
 * `shopifyqlQuery`: the part of ShopifyQL the app relies on, computed from the seeded store by
 * the definitions of Shopify's sales reports (docs/decisions/013-kpi-definitions-and-access.md,
 * ledger docs/fidelity/shopifyql.md).
 *
 * Supported (anything else is a parse error, never a silent wrong answer):
 *
 *   FROM sales | sessions
 *   SHOW column[, column…]            (and the grouping dimension, which is added if missing)
 *   SINCE date  UNTIL date             date: yyyy-mm-dd | today | yesterday |
 *                                      startOfDay(Nd) | startOfMonth(Nm) | startOfYear(Ny)
 *   GROUP BY product_title | month | day
 *   TIMESERIES month | day
 *   ORDER BY column [ASC|DESC]
 *   LIMIT n
 *
 * Only documented names are accepted, and only those the stand-in computes: an unknown column is
 * `Column Not Found: Column 'x' not found`, an unknown table `Schema Error: Invalid dataset in
 * FROM clause - x` (Shopify's wording as observed live). `returns` (deprecated in 2026-04,
 * removed in 2026-07: sales_reversals) and names of the old orders/products datasets such as
 * `ordered_item_quantity` are unknown columns. WHERE, DURING, COMPARE TO, HAVING, WITH,
 * VISUALIZE, relative offsets (-30d) and other functions are valid ShopifyQL the stand-in does
 * not emulate, and it says so.
 *
 * Figures (integer cents; a period's days are local days in the shop's time zone):
 * - a sale counts on the local day the order was processed; a return (refund of units, or the
 *   cancellation of what was not refunded) on the day it happened. Test orders are left out;
 *   cancelled, refunded, POS and draft orders count like any other;
 * - gift card lines are not sales (a liability): outside gross sales, discounts, returns, items;
 * - tax-inclusive prices have their tax taken out: the tax within amount A at rate r is
 *   round(A·r/(1+r));
 * - orders = orders placed; gross_sales = Σ unit price × quantity; discounts = Σ line discounts;
 *   sales_reversals = what the returned units were paid (after discounts, before tax, without
 *   shipping); net_sales = gross − discounts − sales_reversals; taxes = tax of the sales − tax
 *   refunded; shipping_charges = shipping (before tax) − shipping refunded; total_sales =
 *   net_sales + taxes + shipping_charges; average_order_value = (gross − discounts of the
 *   period's orders) / orders; net_items_sold = units ordered − units returned;
 * - customers = distinct customers with an order in the period (a guest checkout is a customer
 *   of its own); returning_customers = those whose first order lies before the period;
 * - sessions = the seeded online store sessions; sessions_that_completed_checkout = one per
 *   online store (`web`) order.
 * The seeded history has a first day (`analytics.since`): a period starting before it is refused.
 */
import type { GraphQLResolveInfo } from "graphql";
import type { FieldFn, View } from "../graphql/view";
import type { StandinOrder, StandinStore } from "../store/types";
import { requireScopeAndLevel, SHOPIFYQL_REQUIRED_ACCESS } from "./access";
import type { AdminContext } from "./context";

type DataType = "INTEGER" | "MONEY" | "STRING" | "MONTH_TIMESTAMP" | "DAY_TIMESTAMP";

/** Per table: the documented metrics the stand-in computes (shopify.dev/docs/api/shopifyql/latest/schemas). */
const METRICS: Record<"sales" | "sessions", Record<string, DataType>> = {
  sales: {
    orders: "INTEGER",
    gross_sales: "MONEY",
    discounts: "MONEY",
    sales_reversals: "MONEY",
    net_sales: "MONEY",
    taxes: "MONEY",
    shipping_charges: "MONEY",
    total_sales: "MONEY",
    average_order_value: "MONEY",
    net_items_sold: "INTEGER",
    customers: "INTEGER",
    returning_customers: "INTEGER",
  },
  sessions: {
    sessions: "INTEGER",
    sessions_that_completed_checkout: "INTEGER",
  },
};
/** What the stand-in computes per product (grouped by product_title). */
const PRODUCT_METRICS = new Set([
  "orders",
  "gross_sales",
  "discounts",
  "sales_reversals",
  "net_sales",
  "net_items_sold",
]);
const DIMENSIONS: Record<"sales" | "sessions", Record<string, DataType>> = {
  sales: { product_title: "STRING", month: "MONTH_TIMESTAMP", day: "DAY_TIMESTAMP" },
  sessions: { month: "MONTH_TIMESTAMP", day: "DAY_TIMESTAMP" },
};

/** A date as written: an absolute date, today, yesterday, or startOfX(offset). */
type DateRef =
  | { kind: "date"; date: string }
  | { kind: "today" | "yesterday" }
  | { kind: "startOf"; unit: "d" | "m" | "y"; offset: number };

export interface ShopifyqlQuery {
  from: "sales" | "sessions";
  show: string[];
  since: DateRef | null;
  until: DateRef | null;
  groupBy: string | null;
  timeseries: "month" | "day" | null;
  orderBy: { column: string; direction: "ASC" | "DESC" } | null;
  limit: number | null;
}

type Cell = string | null;

export interface ShopifyqlResult {
  parseErrors: string[];
  columns: { name: string; dataType: DataType; displayName: string }[];
  rows: Record<string, Cell>[];
  /** Per row, aligned with `rows`: the raw resource ids per column (product ids for product_title). */
  rowResourceIds: string[][][];
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

/** Shopify's parse errors for names it does not know (worded as observed on live shops). */
export const columnNotFound = (name: string) => `Column Not Found: Column '${name}' not found`;
export const invalidDataset = (name: string) =>
  `Schema Error: Invalid dataset in FROM clause - ${name}`;

/** Words, numbers, dates, punctuation; comments are not emulated. */
function tokenize(text: string): string[] | string {
  const tokens: string[] = [];
  const re = /\s+|(-?\d{4}-\d{2}-\d{2})|(-?\d+[a-z]?)|([A-Za-z_][A-Za-z0-9_]*)|([,()])|(.)/gy;
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

const START_OF: Record<string, "d" | "m" | "y"> = {
  startofday: "d",
  startofmonth: "m",
  startofyear: "y",
};

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
      if (tokens[i] === "(") {
        errors.push(`${t}(…): functions are not emulated by the stand-in`);
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
  const dateValue = (keyword: string): DateRef | null => {
    const t = next();
    if (t === undefined) {
      errors.push(`${keyword} needs a date`);
      return null;
    }
    const lower = t.toLowerCase();
    if (lower === "today" || lower === "yesterday") return { kind: lower };
    const unit = START_OF[lower];
    if (unit !== undefined) {
      const [open, offset, close] = [next(), next(), next()];
      const m = offset === undefined ? null : /^(-?\d+)([dmy])$/.exec(offset);
      if (open !== "(" || close !== ")" || m === null || m[2] !== unit) {
        errors.push(`${keyword} ${t}: expected ${t}(N${unit}), e.g. ${t}(0${unit})`);
        return null;
      }
      return { kind: "startOf", unit, offset: Number(m[1]) };
    }
    if (validDate(t)) return { kind: "date", date: t };
    errors.push(
      `${keyword} ${t}: only absolute dates (yyyy-mm-dd), today, yesterday and startOfDay/Month/Year(N) are emulated by the stand-in`,
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
        const t = next() ?? "";
        if (t.toLowerCase() === "sales" || t.toLowerCase() === "sessions")
          query.from = t.toLowerCase() as "sales" | "sessions";
        else errors.push(invalidDataset(t));
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
  const metrics = METRICS[query.from];
  const dims = DIMENSIONS[query.from];
  const grouping = query.groupBy ?? query.timeseries;
  if (grouping !== null && !(grouping in dims)) errors.push(columnNotFound(grouping));
  for (const column of query.show)
    if (!(column in metrics) && column !== grouping)
      errors.push(
        column in dims
          ? `${column} is a dimension: group by it to show it`
          : columnNotFound(column),
      );
  if (errors.length === 0 && query.show.every((c) => c === grouping))
    errors.push("SHOW needs at least one metric");
  if (grouping === "product_title")
    for (const column of query.show)
      if (column in metrics && !PRODUCT_METRICS.has(column))
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

function shiftDate(date: string, unit: "d" | "m" | "y", n: number): string {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  const t =
    unit === "d"
      ? Date.UTC(y, m - 1, d + n)
      : unit === "m"
        ? Date.UTC(y, m - 1 + n, 1)
        : Date.UTC(y + n, 0, 1);
  return new Date(t).toISOString().slice(0, 10);
}

const cents = (s: string) => Math.round(Number(s) * 100);
const money = (c: number) => (c / 100).toFixed(2);
/** The tax within a tax-inclusive amount (help.shopify.com/en/manual/taxes/include-exclude-taxes). */
const includedTax = (amount: number, rate: number) => Math.round((amount * rate) / (1 + rate));

interface Bucket {
  /** First local date of the period the bucket stands for. */
  start: string;
  /** Product ids (product_title buckets). */
  productIds: Set<string>;
  orders: number;
  gross: number;
  discounts: number;
  returns: number;
  taxes: number;
  shipping: number;
  /** Gross less discounts of the orders placed (for the average order value). */
  ordered: number;
  itemsOrdered: number;
  itemsReturned: number;
  customers: Set<string>;
  returning: Set<string>;
  sessions: number;
  completed: number;
}

/** A line's value before tax: gross and discounts (a gift card line has none: it is no sale). */
function lineValue(o: StandinOrder, index: number): { gross: number; discounts: number } {
  const l = o.lines[index];
  if (!l || l.isGiftCard) return { gross: 0, discounts: 0 };
  const gross = cents(l.unitPrice) * l.quantity;
  const discount = cents(l.totalDiscount);
  return o.taxesIncluded
    ? {
        gross: gross - includedTax(gross, l.taxRate),
        discounts: discount - includedTax(discount, l.taxRate),
      }
    : { gross, discounts: discount };
}

/** One return: a refund, or what a cancellation reversed beyond the refunds. */
interface Reversal {
  at: string;
  lines: { index: number; quantity: number; value: number; tax: number }[];
  shipping: number;
  shippingTax: number;
}

function reversals(o: StandinOrder): Reversal[] {
  const out: Reversal[] = o.refunds.map((r) => ({
    at: r.createdAt,
    lines: r.lines.map((l) => {
      const line = o.lines[l.lineIndex];
      const paid = cents(l.subtotal) - (o.taxesIncluded ? cents(l.tax) : 0);
      return {
        index: l.lineIndex,
        quantity: l.quantity,
        value: line?.isGiftCard ? 0 : paid,
        tax: cents(l.tax),
      };
    }),
    shipping: r.shipping
      ? cents(r.shipping.amount) - (o.taxesIncluded ? cents(r.shipping.tax) : 0)
      : 0,
    shippingTax: r.shipping ? cents(r.shipping.tax) : 0,
  }));
  if (o.cancelledAt === null) return out;
  // A cancellation reverses, on its day, whatever the refunds did not.
  const rest: Reversal = { at: o.cancelledAt, lines: [], shipping: 0, shippingTax: 0 };
  o.lines.forEach((l, index) => {
    const refunded = o.refunds.reduce(
      (n, r) =>
        n + r.lines.filter((x) => x.lineIndex === index).reduce((m, x) => m + x.quantity, 0),
      0,
    );
    const quantity = l.quantity - refunded;
    if (quantity <= 0) return;
    const v = lineValue(o, index);
    rest.lines.push({
      index,
      quantity,
      value: Math.round(((v.gross - v.discounts) * quantity) / l.quantity),
      tax: Math.round((cents(l.tax) * quantity) / l.quantity),
    });
  });
  const shippingTax = cents(o.shippingTax);
  const shipping = cents(o.totalShipping) - (o.taxesIncluded ? shippingTax : 0);
  const refundedShipping = o.refunds.reduce(
    (s, r) => s + (r.shipping ? cents(r.shipping.amount) : 0),
    0,
  );
  if (refundedShipping === 0) {
    rest.shipping = shipping;
    rest.shippingTax = shippingTax;
  }
  if (rest.lines.length > 0 || rest.shipping > 0) out.push(rest);
  return out;
}

export function runShopifyql(store: StandinStore, text: string, now: number): ShopifyqlResult {
  const fail = (message: string[]): ShopifyqlResult => ({
    parseErrors: message,
    columns: [],
    rows: [],
    rowResourceIds: [],
  });
  const parsed = parseShopifyql(text);
  if ("errors" in parsed) return fail(parsed.errors);
  const q = parsed.query;
  const localDate = localDateFormat(store.shop.ianaTimezone);
  const today = localDate(now);
  const resolve = (d: DateRef | null): string | null => {
    if (d === null) return null;
    switch (d.kind) {
      case "date":
        return d.date;
      case "today":
        return today;
      case "yesterday":
        return shiftDate(today, "d", -1);
      case "startOf":
        return d.unit === "d"
          ? shiftDate(today, "d", d.offset)
          : d.unit === "m"
            ? shiftDate(`${today.slice(0, 7)}-01`, "m", d.offset)
            : shiftDate(`${today.slice(0, 4)}-01-01`, "y", d.offset);
    }
  };
  const since = resolve(q.since);
  const until = resolve(q.until) ?? today;
  if (since === null) return fail(["SINCE is required by the stand-in (no default date ranges)"]);
  if (until < since) return fail(["UNTIL can't be before SINCE"]);
  const reach = store.analytics?.since ?? null;
  if (reach === null) return fail(["This shop has no seeded analytics data in the stand-in"]);
  if (since < reach)
    return fail([
      `The stand-in holds this shop's analytics from ${reach} only; ${since} is before that`,
    ]);

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
          productIds: new Set(),
          orders: 0,
          gross: 0,
          discounts: 0,
          returns: 0,
          taxes: 0,
          shipping: 0,
          ordered: 0,
          itemsOrdered: 0,
          itemsReturned: 0,
          customers: new Set(),
          returning: new Set(),
          sessions: 0,
          completed: 0,
        }),
      );
    return b;
  };
  const inRange = (date: string) => date >= since && date <= until;
  // TIMESERIES returns every period of the range, empty ones included.
  if (q.timeseries !== null)
    for (let d = since; d <= until; d = shiftDate(d, "d", 1)) bucket(keyOf(d, null));

  const orders = store.orders.filter((o) => o.test !== true);
  if (q.from === "sales") {
    const firstOrderDate = new Map<string, string>();
    for (const o of orders) {
      if (o.customerId === null) continue;
      const date = localDate(Date.parse(o.processedAt));
      const known = firstOrderDate.get(o.customerId);
      if (known === undefined || date < known) firstOrderDate.set(o.customerId, date);
    }
    for (const o of orders) {
      const date = localDate(Date.parse(o.processedAt));
      if (inRange(date)) {
        if (grouping === "product_title") {
          const seenTitles = new Set<string>();
          o.lines.forEach((l, k) => {
            if (l.isGiftCard) return; // no sale
            const b = bucket(keyOf(date, l.title));
            if (l.productId) b.productIds.add(l.productId);
            if (!seenTitles.has(l.title)) b.orders += 1; // orders with the product
            seenTitles.add(l.title);
            const v = lineValue(o, k);
            b.gross += v.gross;
            b.discounts += v.discounts;
            b.itemsOrdered += l.quantity;
          });
        } else {
          const b = bucket(keyOf(date, null));
          b.orders += 1;
          o.lines.forEach((l, k) => {
            const v = lineValue(o, k);
            b.gross += v.gross;
            b.discounts += v.discounts;
            b.ordered += v.gross - v.discounts;
            if (!l.isGiftCard) b.itemsOrdered += l.quantity;
          });
          const shippingTax = cents(o.shippingTax);
          b.taxes += cents(o.totalTax);
          b.shipping += cents(o.totalShipping) - (o.taxesIncluded ? shippingTax : 0);
          // A guest checkout is a customer of its own, new by definition.
          if (o.customerId === null) b.customers.add(`guest:${o.id}`);
          else {
            b.customers.add(o.customerId);
            // Returning: the customer's first order lies before the period.
            if ((firstOrderDate.get(o.customerId) ?? date) < b.start) b.returning.add(o.customerId);
          }
        }
      }
      for (const r of reversals(o)) {
        const on = localDate(Date.parse(r.at));
        if (!inRange(on)) continue;
        if (grouping === "product_title") {
          for (const l of r.lines) {
            const line = o.lines[l.index];
            if (!line || line.isGiftCard) continue;
            const b = bucket(keyOf(on, line.title));
            if (line.productId) b.productIds.add(line.productId);
            b.returns += l.value;
            b.itemsReturned += l.quantity;
          }
          continue;
        }
        const b = bucket(keyOf(on, null));
        for (const l of r.lines) {
          b.returns += l.value;
          b.taxes -= l.tax;
          if (!o.lines[l.index]?.isGiftCard) b.itemsReturned += l.quantity;
        }
        b.shipping -= r.shipping;
        b.taxes -= r.shippingTax;
      }
    }
  } else {
    const days = store.analytics?.sessions;
    if (days === undefined) return fail(["This shop has no seeded sessions in the stand-in"]);
    for (const day of days) {
      if (!inRange(day.date)) continue;
      bucket(keyOf(day.date, null)).sessions += day.sessions;
    }
    for (const o of orders) {
      if (o.sourceName !== "web") continue;
      const date = localDate(Date.parse(o.processedAt));
      if (!inRange(date)) continue;
      bucket(keyOf(date, null)).completed += 1;
    }
  }
  if (grouping === null && buckets.size === 0) bucket("");

  const metrics = METRICS[q.from];
  const dims = DIMENSIONS[q.from];
  const value = (b: Bucket, column: string): Cell => {
    const net = b.gross - b.discounts - b.returns;
    switch (column) {
      case "orders":
        return String(b.orders);
      case "gross_sales":
        return money(b.gross);
      case "discounts":
        return money(b.discounts);
      case "sales_reversals":
        return money(b.returns);
      case "net_sales":
        return money(net);
      case "taxes":
        return money(b.taxes);
      case "shipping_charges":
        return money(b.shipping);
      case "total_sales":
        return money(net + b.taxes + b.shipping);
      case "average_order_value":
        return b.orders > 0 ? money(Math.round(b.ordered / b.orders)) : null;
      case "net_items_sold":
        return String(b.itemsOrdered - b.itemsReturned);
      case "customers":
        return String(b.customers.size);
      case "returning_customers":
        return String(b.returning.size);
      case "sessions":
        return String(b.sessions);
      case "sessions_that_completed_checkout":
        return String(b.completed);
      default:
        return null;
    }
  };
  const show = grouping !== null && !q.show.includes(grouping) ? [grouping, ...q.show] : q.show;
  let entries = [...buckets.entries()].map(([key, b]) => {
    const row: Record<string, Cell> = {};
    for (const column of show) row[column] = column === grouping ? key : value(b, column);
    return { row, b };
  });
  const first = show[0] ?? "";
  entries.sort((a, b) => String(a.row[first]).localeCompare(String(b.row[first])));
  if (q.orderBy) {
    const { column, direction } = q.orderBy;
    const sign = direction === "DESC" ? -1 : 1;
    const type = metrics[column] ?? dims[column];
    const isText = type === "STRING" || type === "MONTH_TIMESTAMP" || type === "DAY_TIMESTAMP";
    const num = (v: Cell | undefined) => (v === null || v === undefined ? -Infinity : Number(v));
    entries.sort(
      (a, b) =>
        sign *
        (isText
          ? String(a.row[column]).localeCompare(String(b.row[column]))
          : num(a.row[column]) - num(b.row[column])),
    );
  }
  if (q.limit !== null) entries = entries.slice(0, q.limit);
  const legacy = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);
  return {
    parseErrors: [],
    columns: show.map((name) => ({
      name,
      dataType: metrics[name] ?? dims[name] ?? "STRING",
      displayName: name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " "),
    })),
    rows: entries.map((e) => e.row),
    rowResourceIds: entries.map((e) =>
      show.map((name) => (name === "product_title" ? [...e.b.productIds].map(legacy) : [])),
    ),
  };
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
            // Per row, aligned by index with `rows` (ShopifyqlTableData.rowMetadata, 2026-10).
            rowMetadata: result.rows.map((_row, i) => ({
              __typename: "ShopifyqlRowMetadata",
              nullCellTranslations: [],
              rawResourceIds: result.rowResourceIds[i] ?? result.columns.map(() => []),
              topNRemainderColumnNames: [],
            })),
          },
  };
}

export const shopifyqlRoot: Record<string, FieldFn<AdminContext>> = {
  shopifyqlQuery: (args, ctx, info: GraphQLResolveInfo) => {
    requireScopeAndLevel(ctx, info, {
      scope: "read_reports",
      level: 2,
      requiredAccess: SHOPIFYQL_REQUIRED_ACCESS,
    });
    return responseView(runShopifyql(ctx.store, String(args.query ?? ""), ctx.now()));
  },
};
