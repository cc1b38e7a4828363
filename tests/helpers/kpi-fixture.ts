/**
 * A small shop whose orders hold every case the report's money figures must get right (March
 * 2026, Copenhagen, prices with VAT included): discounts, shipping, partial refunds and a
 * shipping-only refund, a return in March of a February order, a refund and a cancellation in
 * April of March orders, orders on both sides of the month boundaries in the shop's time zone,
 * POS, a tax-exclusive draft order, a gift card, a cancelled unpaid order, a test order, and
 * buyers in Sweden and Germany (other VAT rates). Used by the stand-in's ShopifyQL test and the
 * app's fallback test, both against tests/helpers/kpi-reference.ts.
 */
import type {
  StandinOrder,
  StandinOrderLine,
  StandinRefund,
  StandinStore,
} from "../../standin/store/types";
import { makeStore } from "../standin/fixtures";

export const KPI_TZ = "Europe/Copenhagen";
/** Within 60 days of 19 February: February (in part), March (whole) and April. */
export const KPI_NOW = new Date("2026-04-20T10:00:00Z");

const cents = (s: string) => Math.round(Number(s) * 100);
const money = (c: number) => (c / 100).toFixed(2);
const within = (amount: number, rate: number) => Math.round((amount * rate) / (1 + rate));

interface LineSpec {
  product: number; // 1-based, makeStore's products
  quantity: number;
  unitPrice: string;
  discount?: string;
  rate?: number;
  giftCard?: boolean;
}

interface RefundSpec {
  at: string;
  /** Units per line index; the line's share of what was paid and of its tax. */
  lines?: { line: number; quantity: number }[];
  shipping?: boolean;
}

interface OrderSpec {
  n: number;
  at: string;
  lines: LineSpec[];
  shipping?: string;
  source?: string;
  customer?: string | null;
  country?: string;
  taxesIncluded?: boolean;
  rate?: number;
  refunds?: RefundSpec[];
  cancelledAt?: string;
  test?: boolean;
}

function build(store: StandinStore, spec: OrderSpec): StandinOrder {
  const included = spec.taxesIncluded ?? true;
  const rate = spec.rate ?? 0.25;
  const lines: StandinOrderLine[] = spec.lines.map((l) => {
    const p = store.products[l.product - 1]!;
    const r = l.giftCard ? 0 : (l.rate ?? rate);
    const gross = cents(l.unitPrice) * l.quantity;
    const discount = cents(l.discount ?? "0");
    const tax = included
      ? within(gross, r) - within(discount, r)
      : Math.round((gross - discount) * r);
    return {
      productId: p.id,
      variantId: p.variants[0]?.id ?? null,
      title: l.giftCard ? "Gift card" : p.title,
      sku: null,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      totalDiscount: money(discount),
      taxRate: r,
      tax: money(tax),
      isGiftCard: l.giftCard ?? false,
    };
  });
  const shipping = cents(spec.shipping ?? "0");
  const shippingTax = included ? within(shipping, rate) : Math.round(shipping * rate);
  const subtotal = lines.reduce(
    (s, l) => s + cents(l.unitPrice) * l.quantity - cents(l.totalDiscount),
    0,
  );
  const tax = lines.reduce((s, l) => s + cents(l.tax), 0) + shippingTax;
  const refunds: StandinRefund[] = (spec.refunds ?? []).map((r, k) => ({
    id: `gid://shopify/Refund/${spec.n * 10 + k}`,
    legacyId: spec.n * 10 + k,
    createdAt: r.at,
    note: null,
    lines: (r.lines ?? []).map(({ line, quantity }) => {
      const l = lines[line]!;
      const paid = cents(l.unitPrice) * l.quantity - cents(l.totalDiscount);
      return {
        lineIndex: line,
        quantity,
        subtotal: money(Math.round((paid * quantity) / l.quantity)),
        tax: money(Math.round((cents(l.tax) * quantity) / l.quantity)),
      };
    }),
    shipping: r.shipping ? { amount: money(shipping), tax: money(shippingTax) } : null,
  }));
  const refunded = refunds.reduce(
    (s, r) =>
      s +
      r.lines.reduce((t, l) => t + cents(l.subtotal) + (included ? 0 : cents(l.tax)), 0) +
      (r.shipping ? cents(r.shipping.amount) + (included ? 0 : cents(r.shipping.tax)) : 0),
    0,
  );
  return {
    id: `gid://shopify/Order/${7000 + spec.n}`,
    legacyId: 7000 + spec.n,
    name: `#${2000 + spec.n}`,
    createdAt: spec.at,
    processedAt: spec.at,
    cancelledAt: spec.cancelledAt ?? null,
    currencyCode: "DKK",
    countryCode: spec.country ?? "DK",
    customerId: spec.customer === undefined ? null : spec.customer,
    sourceName: spec.source ?? "web",
    test: spec.test ?? false,
    financialStatus: refunds.length > 0 ? "PARTIALLY_REFUNDED" : "PAID",
    fulfillmentStatus: "FULFILLED",
    taxesIncluded: included,
    subtotal: money(subtotal),
    totalDiscounts: money(lines.reduce((s, l) => s + cents(l.totalDiscount), 0)),
    totalShipping: money(shipping),
    shippingTax: money(shippingTax),
    totalTax: money(tax),
    total: money(subtotal + shipping + (included ? 0 : tax)),
    totalRefunded: money(refunded),
    refunds,
    lines,
  };
}

const ADA = "gid://shopify/Customer/801";
const BO = "gid://shopify/Customer/802";

export const KPI_ORDERS: OrderSpec[] = [
  // February, in the window: a bike returned in March (a March return of a February order).
  {
    n: 1,
    at: "2026-02-25T10:00:00Z",
    customer: ADA,
    lines: [{ product: 2, quantity: 1, unitPrice: "400.00" }],
    refunds: [{ at: "2026-03-03T09:00:00Z", lines: [{ line: 0, quantity: 1 }] }],
  },
  // 28 February 23:30 in Copenhagen (22:30 UTC): February. 1 March 00:30 (23:30 UTC on the
  // 28th): March.
  { n: 2, at: "2026-02-28T22:30:00Z", lines: [{ product: 3, quantity: 1, unitPrice: "100.00" }] },
  { n: 3, at: "2026-02-28T23:30:00Z", lines: [{ product: 3, quantity: 1, unitPrice: "100.00" }] },
  // 10 % off, shipping charged.
  {
    n: 4,
    at: "2026-03-05T10:00:00Z",
    customer: ADA,
    shipping: "49.00",
    lines: [{ product: 1, quantity: 2, unitPrice: "125.00", discount: "25.00" }],
  },
  // One of three units returned in March.
  {
    n: 5,
    at: "2026-03-10T12:00:00Z",
    customer: BO,
    lines: [
      { product: 2, quantity: 1, unitPrice: "500.00" },
      { product: 3, quantity: 3, unitPrice: "100.00" },
    ],
    refunds: [{ at: "2026-03-20T15:00:00Z", lines: [{ line: 1, quantity: 1 }] }],
  },
  // Returned whole, shipping refunded, in April.
  {
    n: 6,
    at: "2026-03-12T08:00:00Z",
    shipping: "49.00",
    lines: [{ product: 1, quantity: 1, unitPrice: "250.00" }],
    refunds: [{ at: "2026-04-02T09:00:00Z", lines: [{ line: 0, quantity: 1 }], shipping: true }],
  },
  // Shipping paid back for a late delivery, the goods kept.
  {
    n: 7,
    at: "2026-03-08T09:00:00Z",
    shipping: "49.00",
    lines: [{ product: 3, quantity: 1, unitPrice: "100.00" }],
    refunds: [{ at: "2026-03-25T09:00:00Z", shipping: true }],
  },
  // Point of sale.
  {
    n: 8,
    at: "2026-03-14T13:00:00Z",
    source: "pos",
    lines: [{ product: 3, quantity: 2, unitPrice: "100.00" }],
  },
  // A draft order for a business, tax added on top (not included).
  {
    n: 9,
    at: "2026-03-16T10:00:00Z",
    source: "shopify_draft_order",
    taxesIncluded: false,
    lines: [{ product: 2, quantity: 1, unitPrice: "600.00" }],
  },
  // A gift card is no sale; the bike with it is.
  {
    n: 10,
    at: "2026-03-18T18:00:00Z",
    customer: BO,
    lines: [
      { product: 4, quantity: 1, unitPrice: "500.00", giftCard: true },
      { product: 1, quantity: 1, unitPrice: "250.00" },
    ],
  },
  // A bank transfer never paid: cancelled two days later without a refund.
  {
    n: 11,
    at: "2026-03-20T11:00:00Z",
    shipping: "49.00",
    lines: [{ product: 2, quantity: 1, unitPrice: "300.00" }],
    cancelledAt: "2026-03-22T11:00:00Z",
  },
  // Buyers in Sweden (25 %) and Germany (19 %).
  {
    n: 12,
    at: "2026-03-21T10:00:00Z",
    country: "SE",
    lines: [{ product: 1, quantity: 1, unitPrice: "250.00" }],
  },
  {
    n: 13,
    at: "2026-03-22T10:00:00Z",
    country: "DE",
    rate: 0.19,
    shipping: "59.00",
    lines: [{ product: 1, quantity: 1, unitPrice: "238.00" }],
  },
  // A test order: no sale.
  {
    n: 14,
    at: "2026-03-09T10:00:00Z",
    test: true,
    lines: [{ product: 2, quantity: 5, unitPrice: "999.00" }],
  },
  // 31 March 23:30 in Copenhagen (21:30 UTC, summer time): a March sale, cancelled and refunded
  // in April.
  {
    n: 15,
    at: "2026-03-31T21:30:00Z",
    shipping: "49.00",
    lines: [{ product: 2, quantity: 1, unitPrice: "450.00" }],
    cancelledAt: "2026-04-01T08:00:00Z",
    refunds: [{ at: "2026-04-01T08:00:00Z", lines: [{ line: 0, quantity: 1 }], shipping: true }],
  },
  // 1 April 00:15 in Copenhagen (22:15 UTC on 31 March): April.
  { n: 16, at: "2026-03-31T22:15:00Z", lines: [{ product: 3, quantity: 1, unitPrice: "100.00" }] },
];

/** The fixture shop with these orders and 120 sessions a day from 1 January. */
export function kpiStore(): StandinStore {
  const store = makeStore({ products: 6 });
  store.customers.push({ ...store.customers[0]!, id: BO, legacyId: 802, email: "bo@example.com" });
  store.orders = KPI_ORDERS.map((spec) => build(store, spec)).sort((a, b) =>
    a.processedAt.localeCompare(b.processedAt),
  );
  const sessions: { date: string; sessions: number }[] = [];
  for (let t = Date.UTC(2026, 0, 1); t <= Date.UTC(2026, 3, 20); t += 86_400_000)
    sessions.push({ date: new Date(t).toISOString().slice(0, 10), sessions: 120 });
  store.analytics = { since: "2026-01-01", sessions };
  return store;
}
