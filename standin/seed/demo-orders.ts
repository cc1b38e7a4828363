/**
 * Customers and orders since the first day of the month 16 months back (so the past months'
 * reports can compare with the same month a year before) for the demo shop, shaped so monthly KPIs look like a
 * real Danish bike and outdoor shop: a spring/summer cycling season, Black Friday and a
 * Christmas peak, quiet January–February, more orders on Sundays and Mondays than on
 * Saturdays, slow growth, returning customers, a few cancellations and refunds, and no orders
 * from a market that cannot be shipped to.
 *
 * Money as a Danish shop has it: prices include VAT (the buyer's country's rate, OSS), each line
 * and the shipping carry their tax; refunds are records of their own, dated when they happened
 * (returns days or weeks after the order, cancellations within two days, shipping refunds for
 * late deliveries), so a month's returns are not the returns of its orders.
 */
import type {
  StandinCustomer,
  StandinOrder,
  StandinOrderLine,
  StandinProduct,
  StandinRefund,
  StandinVariant,
} from "../store/types";
import { FIRST_NAMES, LAST_NAMES, TYPES } from "./catalog";
import { SHIPPING_ZONES } from "./demo-checkout";
import type { IdAllocator } from "./ids";
import { type Random, WeightedTable } from "./random";
import { handleize } from "./text";
import { copenhagenTime, DAY_MS, iso } from "./time";

export interface OrdersInput {
  rng: Random;
  ids: IdAllocator;
  now: number;
  products: StandinProduct[];
  customerCount: number;
  currencyCode: string;
}

/** Where buyers live; only countries the shop ships to. */
const COUNTRIES = new WeightedTable<string>([
  ["DK", 66],
  ["SE", 9],
  ["NO", 7],
  ["DE", 7],
  ["NL", 4],
  ["GB", 3],
  ["FR", 2],
  ["FI", 2],
]);

/** VAT rates (prices include VAT; the shop is OSS-registered for EU sales). */
const VAT: Record<string, number> = {
  DK: 0.25,
  SE: 0.25,
  NO: 0.25,
  DE: 0.19,
  NL: 0.21,
  FR: 0.2,
  FI: 0.255,
  GB: 0.2,
  BE: 0.21,
  AT: 0.2,
  IE: 0.23,
};

/** Relative order volume by weekday (0 = Sunday): Danes shop online on Sunday evenings. */
const WEEKDAY = [1.25, 1.15, 1.0, 0.95, 0.95, 0.8, 0.75] as const;
/** Relative volume by month (0 = January): the cycling season and Christmas. */
const MONTH = [0.6, 0.65, 0.9, 1.25, 1.4, 1.35, 1.1, 1.05, 1.0, 0.85, 1.2, 1.5] as const;
const ORDERS_PER_DAY = 7;
const ANNUAL_GROWTH = 0.15;

function seasonal(date: Date): number {
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  let factor = (MONTH[month] ?? 1) * (WEEKDAY[date.getUTCDay()] ?? 1);
  if (month === 10 && day >= 24) factor *= 2; // Black Friday week
  if (month === 11 && day <= 20) factor *= 1.4; // Christmas shopping
  if (month === 11 && day > 20) factor *= 0.35; // last shipping day has passed
  return factor;
}

/** Local hour of an order, weighted towards the evening. */
const HOURS = new WeightedTable(
  Array.from(
    { length: 24 },
    (_, h) => [h, h < 6 ? 0.2 : h < 9 ? 1 : h < 17 ? 2.5 : h < 22 ? 4 : 1.5] as const,
  ),
);

function asciiName(name: string): string {
  return handleize(name).replace(/-/g, "");
}

function customers(input: OrdersInput): StandinCustomer[] {
  const { rng, ids, now, customerCount } = input;
  return Array.from({ length: customerCount }, (_, i) => {
    const countryCode = COUNTRIES.pick(rng);
    const firstName = rng.pick(FIRST_NAMES[countryCode] ?? []);
    const lastName = rng.pick(LAST_NAMES[countryCode] ?? []);
    const { gid, legacyId } = ids.next("Customer");
    return {
      id: gid,
      legacyId,
      firstName,
      lastName,
      email: `${asciiName(firstName)}.${asciiName(lastName)}${i + 1}@example.com`,
      phone: null,
      // Corrected below to precede the customer's first order.
      createdAt: iso(now - rng.int(1, 1000) * DAY_MS),
      countryCode,
    };
  });
}

interface Sellable {
  product: StandinProduct;
  variants: StandinVariant[];
  publishedAt: number;
}

/** Picks products by popularity among those already on sale at a given time. */
class Assortment {
  private readonly items: Sellable[];
  private readonly cumulative: number[];

  constructor(products: StandinProduct[]) {
    const popularity = new Map(TYPES.map((t) => [t.productType, t.popularity]));
    this.items = products
      .filter((p) => p.status === "ACTIVE" && p.onlineStorePublishedAt !== null)
      .map((p) => ({
        product: p,
        variants: p.variants,
        publishedAt: Date.parse(p.onlineStorePublishedAt ?? ""),
      }))
      .sort((a, b) => a.publishedAt - b.publishedAt);
    let sum = 0;
    this.cumulative = this.items.map(
      (s) => (sum += s.product.isGiftCard ? 0.3 : (popularity.get(s.product.productType) ?? 1)),
    );
  }

  pick(rng: Random, at: number): Sellable | null {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.items[mid]?.publishedAt ?? Infinity) <= at) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    const total = this.cumulative[lo - 1] ?? 0;
    const r = rng.next() * total;
    let a = 0;
    let b = lo - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((this.cumulative[mid] ?? 0) > r) b = mid;
      else a = mid + 1;
    }
    return this.items[a] ?? null;
  }
}

const cents = (x: number): number => Math.round(x * 100);
const money = (c: number): string => (c / 100).toFixed(2);

/**
 * The tax within a tax-inclusive amount: Tax = (rate × price) / (1 + rate), in cents
 * (help.shopify.com/en/manual/taxes/include-exclude-taxes).
 */
export function includedTax(amountCents: number, rate: number): number {
  return Math.round((amountCents * rate) / (1 + rate));
}

function shippingCents(countryCode: string, subtotal: number): number {
  const zone = SHIPPING_ZONES.find((z) => z.countries.includes(countryCode));
  const rate = zone?.rates[0];
  if (!rate) return 0;
  const [, amount, freeAbove] = rate;
  return freeAbove !== null && subtotal >= cents(Number(freeAbove)) ? 0 : cents(Number(amount));
}

interface Draft extends Omit<StandinOrder, "id" | "legacyId" | "name" | "refunds"> {
  at: number;
  /** Refunds to allocate ids for, in time order. */
  refunds: Omit<StandinRefund, "id" | "legacyId">[];
}

/** A refund of whole lines (or some units of one) and, optionally, of the shipping. */
function refundOf(
  lines: StandinOrderLine[],
  units: { lineIndex: number; quantity: number }[],
  shipping: { amount: number; tax: number } | null,
  at: number,
  note: string | null,
): Omit<StandinRefund, "id" | "legacyId"> {
  return {
    createdAt: iso(at),
    note,
    lines: units.map(({ lineIndex, quantity }) => {
      const l = lines[lineIndex];
      if (!l) throw new Error(`no line ${lineIndex} to refund`);
      const paid = cents(Number(l.unitPrice)) * l.quantity - cents(Number(l.totalDiscount));
      // The returned units' share of what the line cost, and of its tax.
      return {
        lineIndex,
        quantity,
        subtotal: money(Math.round((paid * quantity) / l.quantity)),
        tax: money(Math.round((cents(Number(l.tax)) * quantity) / l.quantity)),
      };
    }),
    shipping:
      shipping === null ? null : { amount: money(shipping.amount), tax: money(shipping.tax) },
  };
}

/** What a refund paid back (prices include tax in the demo shop). */
function refundTotal(r: Omit<StandinRefund, "id" | "legacyId">, taxesIncluded: boolean): number {
  const tax = (x: { tax: string }) => (taxesIncluded ? 0 : cents(Number(x.tax)));
  return (
    r.lines.reduce((s, l) => s + cents(Number(l.subtotal)) + tax(l), 0) +
    (r.shipping ? cents(Number(r.shipping.amount)) + tax(r.shipping) : 0)
  );
}

function order(
  input: OrdersInput,
  at: number,
  customer: StandinCustomer | null,
  countryCode: string,
  assortment: Assortment,
): Draft | null {
  const { rng, now } = input;
  const source =
    countryCode === "DK" && rng.chance(0.07)
      ? "pos"
      : rng.chance(0.015)
        ? "shopify_draft_order"
        : "web";
  const lineCount = rng.weighted([
    [1, 55],
    [2, 28],
    [3, 12],
    [4, 5],
  ] as const);
  const discountRate = rng.chance(0.1) ? 0.1 : 0;
  const vat = VAT[countryCode] ?? 0.25;
  const lines: StandinOrderLine[] = [];
  const used = new Set<string>();
  for (let i = 0; i < lineCount; i++) {
    const item = assortment.pick(rng, at);
    if (!item) break;
    const variant = rng.pick(item.variants);
    if (used.has(variant.id)) continue;
    used.add(variant.id);
    const quantity =
      item.product.isGiftCard || Number(variant.price) > 2000
        ? 1
        : rng.weighted([
            [1, 85],
            [2, 12],
            [3, 3],
          ] as const);
    const gross = cents(Number(variant.price)) * quantity;
    const discount = Math.round(gross * discountRate);
    // Prices include VAT; a gift card carries none (VAT is due when it is spent).
    const rate = item.product.isGiftCard ? 0 : vat;
    lines.push({
      productId: item.product.id,
      variantId: variant.id,
      title: item.product.title,
      sku: variant.sku,
      quantity,
      unitPrice: variant.price,
      totalDiscount: money(discount),
      taxRate: rate,
      tax: money(includedTax(gross, rate) - includedTax(discount, rate)),
      isGiftCard: item.product.isGiftCard,
    });
  }
  if (lines.length === 0) return null;
  const subtotal = lines.reduce(
    (sum, l) => sum + cents(Number(l.unitPrice)) * l.quantity - cents(Number(l.totalDiscount)),
    0,
  );
  const discounts = lines.reduce((sum, l) => sum + cents(Number(l.totalDiscount)), 0);
  const shipping = source === "pos" ? 0 : shippingCents(countryCode, subtotal);
  const shippingTax = includedTax(shipping, vat);
  const total = subtotal + shipping;
  const tax = lines.reduce((sum, l) => sum + cents(Number(l.tax)), 0) + shippingTax;

  let financialStatus: StandinOrder["financialStatus"] = "PAID";
  let cancelledAt: string | null = null;
  const refunds: Omit<StandinRefund, "id" | "legacyId">[] = [];
  const recent = now - at < 2 * DAY_MS;
  let fulfillmentStatus: StandinOrder["fulfillmentStatus"] =
    source === "pos" || !recent
      ? "FULFILLED"
      : rng.weighted([
          ["UNFULFILLED", 7],
          ["PARTIALLY_FULFILLED", 1],
          ["FULFILLED", 2],
        ] as const);
  /** A refund some days after the order, never after `now`. */
  const later = (minDays: number, maxDays: number) =>
    Math.min(at + rng.int(minDays, maxDays) * DAY_MS + rng.int(0, 86_399_999), now - 60_000);
  const allLines = lines.map((l, lineIndex) => ({ lineIndex, quantity: l.quantity }));
  const roll = rng.next();
  if (source !== "pos" && roll < 0.01) {
    // Cancelled within two days, everything refunded (possibly in the next month).
    const when = Math.min(at + rng.int(1, 48) * 3_600_000, now);
    financialStatus = "REFUNDED";
    cancelledAt = iso(when);
    fulfillmentStatus = "UNFULFILLED";
    refunds.push(
      refundOf(lines, allLines, { amount: shipping, tax: shippingTax }, when, "Order canceled"),
    );
  } else if (!recent && roll < 0.03) {
    // Sent back whole, shipping refunded too, days or weeks later.
    financialStatus = "REFUNDED";
    refunds.push(
      refundOf(lines, allLines, { amount: shipping, tax: shippingTax }, later(2, 30), null),
    );
  } else if (!recent && roll < 0.06) {
    // One unit sent back; now and then the shipping is refunded with it.
    const lineIndex = rng.int(0, lines.length - 1);
    financialStatus = "PARTIALLY_REFUNDED";
    const withShipping = shipping > 0 && rng.chance(0.3);
    refunds.push(
      refundOf(
        lines,
        [{ lineIndex, quantity: 1 }],
        withShipping ? { amount: shipping, tax: shippingTax } : null,
        later(2, 30),
        null,
      ),
    );
  } else if (!recent && shipping > 0 && roll < 0.07) {
    // A late delivery: the shipping (and its VAT) paid back, the goods kept.
    financialStatus = "PARTIALLY_REFUNDED";
    refunds.push(
      refundOf(lines, [], { amount: shipping, tax: shippingTax }, later(1, 10), "Late delivery"),
    );
  } else if (recent && source === "web" && roll < 0.1) {
    financialStatus = "PENDING"; // bank transfer not yet received
  }
  return {
    at,
    createdAt: iso(at),
    processedAt: iso(at),
    cancelledAt,
    currencyCode: input.currencyCode,
    countryCode,
    customerId: customer?.id ?? null,
    sourceName: source,
    financialStatus,
    fulfillmentStatus,
    taxesIncluded: true,
    subtotal: money(subtotal),
    totalDiscounts: money(discounts),
    totalShipping: money(shipping),
    shippingTax: money(shippingTax),
    totalTax: money(tax),
    total: money(total),
    totalRefunded: money(refunds.reduce((s, r) => s + refundTotal(r, true), 0)),
    refunds,
    lines,
  };
}

/** Months of order history before the current month. */
export const ORDER_HISTORY_MONTHS = 16;

/** UTC midnight of the first day of the month ORDER_HISTORY_MONTHS before `now`'s month. */
export function orderHistoryStart(now: number): number {
  const end = new Date(now);
  return Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - ORDER_HISTORY_MONTHS, 1);
}

/**
 * Online store sessions per local day: the day's web orders at a conversion rate of about
 * 1.2–2.4 % (higher in the cycling season and at Black Friday, lower in winter), with noise.
 */
export function generateSessions(
  rng: Random,
  orders: StandinOrder[],
  now: number,
): { since: string; sessions: { date: string; sessions: number }[] } {
  const local = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Copenhagen",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const web = new Map<string, number>();
  for (const o of orders)
    if (o.sourceName === "web") {
      const d = local.format(new Date(o.processedAt));
      web.set(d, (web.get(d) ?? 0) + 1);
    }
  const since = local.format(new Date(copenhagenTime(orderHistoryStart(now), 12, 0)));
  const sessions: { date: string; sessions: number }[] = [];
  for (let day = orderHistoryStart(now); day <= now; day += DAY_MS) {
    const date = new Date(day);
    const key = date.toISOString().slice(0, 10);
    const month = date.getUTCMonth();
    const rate = (month >= 3 && month <= 7 ? 0.02 : 0.015) * (1 + 0.12 * rng.gaussian());
    const orders = web.get(key) ?? 0;
    // A day without orders still has visitors.
    const visits = Math.round(Math.max(orders, 2) / Math.max(rate, 0.008));
    sessions.push({ date: key, sessions: Math.max(visits, orders) });
  }
  return { since, sessions };
}

export function generateOrders(input: OrdersInput): {
  customers: StandinCustomer[];
  orders: StandinOrder[];
} {
  const { rng, ids, now } = input;
  const people = customers(input);
  // Returning customers: a few loyal customers order often, most order once or twice.
  const loyalty = new WeightedTable(people.map((c, i) => [c, 1 / Math.pow(i + 3, 0.8)] as const));
  const assortment = new Assortment(input.products);

  const first = orderHistoryStart(now);
  // Local midnight of the first day: the history's first day is whole.
  const firstLocal = copenhagenTime(first, 0, 0);
  const drafts: Draft[] = [];
  for (let day = first; day <= now; day += DAY_MS) {
    const date = new Date(day);
    const growth = 1 + (ANNUAL_GROWTH * (day - first)) / (365 * DAY_MS);
    const expected = ORDERS_PER_DAY * seasonal(date) * growth;
    const count = Math.max(0, Math.round(expected + rng.gaussian() * Math.sqrt(expected)));
    for (let i = 0; i < count; i++) {
      const at = copenhagenTime(day, HOURS.pick(rng), rng.int(0, 59)) + rng.int(0, 59_999);
      if (at < firstLocal || at > now) continue;
      const customer = rng.chance(0.6) ? loyalty.pick(rng) : null;
      const draft = order(
        input,
        at,
        customer,
        customer?.countryCode ?? COUNTRIES.pick(rng),
        assortment,
      );
      if (draft) drafts.push(draft);
    }
  }
  drafts.sort((a, b) => a.at - b.at);

  const firstOrder = new Map<string, number>();
  const orders = drafts.map<StandinOrder>(({ at, refunds, ...rest }, i) => {
    if (rest.customerId !== null && !firstOrder.has(rest.customerId))
      firstOrder.set(rest.customerId, at);
    const { gid, legacyId } = ids.next("Order");
    return {
      id: gid,
      legacyId,
      name: `#${1001 + i}`,
      ...rest,
      refunds: refunds.map((r) => {
        const refund = ids.next("Refund");
        return { id: refund.gid, legacyId: refund.legacyId, ...r };
      }),
    };
  });
  for (const c of people) {
    const firstAt = firstOrder.get(c.id);
    if (firstAt !== undefined)
      c.createdAt = iso(Math.min(Date.parse(c.createdAt), firstAt - rng.int(0, 30) * 60_000));
  }
  return { customers: people, orders };
}
