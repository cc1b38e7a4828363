/**
 * The report's money figures recomputed from seeded orders, for the tests only: a small
 * reference written from the definitions in docs/decisions/013-kpi-definitions-and-access.md
 * (Shopify's sales reports), independent of the stand-in's ShopifyQL and of the app's fallback.
 *
 * Every order becomes dated entries, as a sales report lists them: the sale on the local day the
 * order was processed, each refund on its own day, and a cancellation's remainder (what no
 * refund reversed) on the day of the cancellation. A period's figure is the sum of its entries.
 */
import type { StandinOrder } from "../../standin/store/types";

export interface Entry {
  /** Local date (yyyy-mm-dd) in the shop's time zone. */
  date: string;
  orders: number;
  gross: number;
  discounts: number;
  returns: number;
  taxes: number;
  shipping: number;
  /** Per product title: net sales (cents) and net units. */
  products: Map<string, { net: number; units: number }>;
}

const toCents = (amount: string): number => Math.round(Number(amount) * 100);
/** Tax = (rate × price) / (1 + rate) — help.shopify.com/en/manual/taxes/include-exclude-taxes. */
const taxWithin = (amountCents: number, rate: number): number =>
  Math.round((amountCents * rate) / (1 + rate));

const formats = new Map<string, Intl.DateTimeFormat>();

export function localDay(timeZone: string): (iso: string) => string {
  let f = formats.get(timeZone);
  if (!f)
    formats.set(
      timeZone,
      (f = new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      })),
    );
  const format = f;
  return (iso) => format.format(new Date(iso));
}

/** The sales report entries of one order. */
export function entriesOf(order: StandinOrder, timeZone: string): Entry[] {
  if (order.test) return [];
  const day = localDay(timeZone);
  const empty = (date: string): Entry => ({
    date,
    orders: 0,
    gross: 0,
    discounts: 0,
    returns: 0,
    taxes: 0,
    shipping: 0,
    products: new Map(),
  });
  const addProduct = (e: Entry, title: string, net: number, units: number) => {
    const p = e.products.get(title) ?? { net: 0, units: 0 };
    e.products.set(title, { net: p.net + net, units: p.units + units });
  };
  // Each line before tax; gift cards are no sale at all.
  const lines = order.lines.map((l) => {
    const g = toCents(l.unitPrice) * l.quantity;
    const d = toCents(l.totalDiscount);
    const exTax = (x: number) => (order.taxesIncluded ? x - taxWithin(x, l.taxRate) : x);
    return l.isGiftCard
      ? { title: l.title, gross: 0, discount: 0, quantity: l.quantity, gift: true, tax: 0 }
      : {
          title: l.title,
          gross: exTax(g),
          discount: exTax(d),
          quantity: l.quantity,
          gift: false,
          tax: toCents(l.tax),
        };
  });
  const shippingTax = toCents(order.shippingTax);
  const shippingExTax = toCents(order.totalShipping) - (order.taxesIncluded ? shippingTax : 0);

  const sale = empty(day(order.processedAt));
  sale.orders = 1;
  for (const l of lines) {
    sale.gross += l.gross;
    sale.discounts += l.discount;
    if (!l.gift) addProduct(sale, l.title, l.gross - l.discount, l.quantity);
  }
  sale.taxes = toCents(order.totalTax);
  sale.shipping = shippingExTax;
  const out = [sale];

  const unitsRefunded = lines.map(() => 0);
  let shippingRefunded = false;
  for (const r of order.refunds) {
    const e = empty(day(r.createdAt));
    for (const x of r.lines) {
      const l = lines[x.lineIndex]!;
      unitsRefunded[x.lineIndex]! += x.quantity;
      e.taxes -= toCents(x.tax);
      if (l.gift) continue;
      const value = toCents(x.subtotal) - (order.taxesIncluded ? toCents(x.tax) : 0);
      e.returns += value;
      addProduct(e, l.title, -value, -x.quantity);
    }
    if (r.shipping) {
      shippingRefunded = true;
      e.shipping -=
        toCents(r.shipping.amount) - (order.taxesIncluded ? toCents(r.shipping.tax) : 0);
      e.taxes -= toCents(r.shipping.tax);
    }
    out.push(e);
  }
  if (order.cancelledAt !== null) {
    const e = empty(day(order.cancelledAt));
    lines.forEach((l, i) => {
      const left = l.quantity - unitsRefunded[i]!;
      if (left <= 0) return;
      e.taxes -= Math.round((l.tax * left) / l.quantity);
      if (l.gift) return;
      const value = Math.round(((l.gross - l.discount) * left) / l.quantity);
      e.returns += value;
      addProduct(e, l.title, -value, -left);
    });
    if (!shippingRefunded) {
      e.shipping -= shippingExTax;
      e.taxes -= shippingTax;
    }
    out.push(e);
  }
  return out;
}

export interface PeriodFigures {
  orders: number;
  /** Money in currency units (not cents). */
  grossSales: number;
  discounts: number;
  returns: number;
  netSales: number;
  taxes: number;
  shipping: number;
  totalSales: number;
  /** (gross − discounts of the period's orders) / orders; null without orders. */
  averageOrderValue: number | null;
  products: Map<string, { netSales: number; units: number }>;
}

/** The period [from, to] (local dates, inclusive) of these orders. */
export function periodFigures(
  orders: readonly StandinOrder[],
  timeZone: string,
  from: string,
  to: string,
): PeriodFigures {
  let orderCount = 0;
  let gross = 0;
  let discounts = 0;
  let returns = 0;
  let taxes = 0;
  let shipping = 0;
  const products = new Map<string, { net: number; units: number }>();
  for (const o of orders)
    for (const e of entriesOf(o, timeZone)) {
      if (e.date < from || e.date > to) continue;
      orderCount += e.orders;
      gross += e.gross;
      discounts += e.discounts;
      returns += e.returns;
      taxes += e.taxes;
      shipping += e.shipping;
      for (const [title, p] of e.products) {
        const q = products.get(title) ?? { net: 0, units: 0 };
        products.set(title, { net: q.net + p.net, units: q.units + p.units });
      }
    }
  const net = gross - discounts - returns;
  return {
    orders: orderCount,
    grossSales: gross / 100,
    discounts: discounts / 100,
    returns: returns / 100,
    netSales: net / 100,
    taxes: taxes / 100,
    shipping: shipping / 100,
    totalSales: (net + taxes + shipping) / 100,
    averageOrderValue: orderCount > 0 ? Math.round((gross - discounts) / orderCount) / 100 : null,
    products: new Map(
      [...products].map(([title, p]) => [title, { netSales: p.net / 100, units: p.units }]),
    ),
  };
}

/** A calendar month (YYYY-MM) of these orders. */
export function monthFigures(
  orders: readonly StandinOrder[],
  timeZone: string,
  month: string,
): PeriodFigures {
  const [y = 0, m = 1] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return periodFigures(
    orders,
    timeZone,
    `${month}-01`,
    `${month}-${String(last).padStart(2, "0")}`,
  );
}
