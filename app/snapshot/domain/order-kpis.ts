/**
 * Monthly order KPIs from the orders the app can read (`read_orders`: the last 60 days), for
 * shops whose report cannot ask Shopify's analytics (ShopifyQL). Months are calendar months in
 * the shop's time zone; a month the window does not cover whole (the first one, and the current
 * one) is marked `complete: false`.
 *
 * The figures follow Shopify's sales reports, as ShopifyQL's do (docs/decisions/013):
 * - a sale counts in the month the order was processed, a return in the month it happened (the
 *   refund's date; a cancellation reverses what no refund did, on the cancellation's date);
 *   test orders are left out, cancelled, refunded, POS and draft orders count like any other;
 * - gift card lines are not sales (a liability): outside every figure but the order count;
 * - tax-inclusive prices have their tax taken out: the tax within amount A at rate r is
 *   round(A·r/(1+r)) (help.shopify.com/en/manual/taxes/include-exclude-taxes);
 * - gross sales = Σ line price × quantity; discounts = Σ line discounts; returns = what the
 *   returned units were paid, before tax and without shipping (refunded shipping and tax are not
 *   returns); net sales = gross − discounts − returns; average order value = (gross − discounts)
 *   of the month's orders / orders;
 * - top products: net sales and net units (ordered − returned) per product.
 * No customer data is read (least access): returning customers come only from ShopifyQL.
 * Refunds of orders placed before the 60 days are not visible to the app, so a month's returns
 * can miss some of them.
 */
import { addMonths, isMonthStart, monthOf } from "~/time";
import type { SnapshotMonthlyKpis } from "./types";

/** The definitions the figures follow (decision 013); older snapshots carry none. */
export const KPI_BASIS = "sales-report" as const;

export interface KpiOrderLine {
  id: string;
  productId: string | null;
  title: string;
  quantity: number;
  isGiftCard: boolean;
  /** Unit price × quantity (tax included when the order's `taxesIncluded`). */
  originalTotal: string;
  /** The line's discounts, likewise. */
  totalDiscount: string;
  /** Sum of the line's tax rates (0.25 = 25 %). */
  taxRate: number;
}

export interface KpiRefund {
  createdAt: string;
  /** Refunded units: what was paid for them (tax included when taxesIncluded) and their tax. */
  lines: { lineId: string; quantity: number; subtotal: string; tax: string }[];
}

export interface KpiOrder {
  processedAt: string;
  cancelledAt: string | null;
  test: boolean;
  taxesIncluded: boolean;
  lines: KpiOrderLine[];
  refunds: KpiRefund[];
}

export const TOP_PRODUCTS = 10;

/** Amounts in integer cents (order money has two decimals). */
interface MonthTotals {
  orders: number;
  gross: number;
  discounts: number;
  returns: number;
  products: Map<string, { productId: string | null; title: string; quantity: number; net: number }>;
}

const cents = (amount: string): number => Math.round(Number(amount) * 100);
const money = (c: number): string => (c / 100).toFixed(2);

/** The tax within a tax-inclusive amount, in cents. */
function includedTax(amount: number, rate: number): number {
  return rate > 0 ? Math.round((amount * rate) / (1 + rate)) : 0;
}

/** A line's gross and discounts before tax, in cents (a gift card line has none). */
function lineValue(order: KpiOrder, line: KpiOrderLine): { gross: number; discounts: number } {
  if (line.isGiftCard) return { gross: 0, discounts: 0 };
  const gross = cents(line.originalTotal);
  const discounts = cents(line.totalDiscount);
  return order.taxesIncluded
    ? {
        gross: gross - includedTax(gross, line.taxRate),
        discounts: discounts - includedTax(discounts, line.taxRate),
      }
    : { gross, discounts };
}

/** The part of a cents amount that `part` of `whole` units stand for. */
function share(amount: number, part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((amount * part) / whole);
}

export class OrderKpiBuilder {
  private readonly months = new Map<string, MonthTotals>();

  constructor(private readonly window: { start: Date; end: Date; timeZone: string }) {
    const last = monthOf(window.end, window.timeZone);
    for (let m = monthOf(window.start, window.timeZone); ; m = addMonths(m, 1)) {
      this.months.set(m, { orders: 0, gross: 0, discounts: 0, returns: 0, products: new Map() });
      if (m >= last) break;
    }
  }

  private monthOf(at: string): MonthTotals | undefined {
    return this.months.get(monthOf(new Date(at), this.window.timeZone));
  }

  private product(month: MonthTotals, line: KpiOrderLine) {
    const key = line.productId ?? `title:${line.title}`;
    let entry = month.products.get(key);
    if (!entry)
      month.products.set(
        key,
        (entry = { productId: line.productId, title: line.title, quantity: 0, net: 0 }),
      );
    return entry;
  }

  add(order: KpiOrder): void {
    if (order.test) return;
    // The sale, in the month the order was processed (outside the window: read_all_orders would show it).
    const sold = this.monthOf(order.processedAt);
    if (sold) {
      sold.orders++;
      for (const line of order.lines) {
        const v = lineValue(order, line);
        sold.gross += v.gross;
        sold.discounts += v.discounts;
        if (line.isGiftCard) continue;
        const p = this.product(sold, line);
        p.quantity += line.quantity;
        p.net += v.gross - v.discounts;
      }
    }
    // Returns, in the month each happened.
    const returned = new Map<string, number>();
    for (const refund of order.refunds) {
      const month = this.monthOf(refund.createdAt);
      for (const r of refund.lines) {
        returned.set(r.lineId, (returned.get(r.lineId) ?? 0) + r.quantity);
        const line = order.lines.find((l) => l.id === r.lineId);
        if (!month || !line || line.isGiftCard) continue;
        const value = cents(r.subtotal) - (order.taxesIncluded ? cents(r.tax) : 0);
        month.returns += value;
        const p = this.product(month, line);
        p.quantity -= r.quantity;
        p.net -= value;
      }
    }
    // A cancellation reverses, on its day, whatever the refunds did not.
    const cancelled = order.cancelledAt === null ? undefined : this.monthOf(order.cancelledAt);
    if (cancelled)
      for (const line of order.lines) {
        const left = line.quantity - (returned.get(line.id) ?? 0);
        if (left <= 0 || line.isGiftCard) continue;
        const v = lineValue(order, line);
        const value = share(v.gross - v.discounts, left, line.quantity);
        cancelled.returns += value;
        const p = this.product(cancelled, line);
        p.quantity -= left;
        p.net -= value;
      }
  }

  finish(): SnapshotMonthlyKpis[] {
    const { start, end, timeZone } = this.window;
    const first = monthOf(start, timeZone);
    const last = monthOf(end, timeZone);
    return [...this.months].map(([month, t]) => {
      const sold = t.gross - t.discounts;
      return {
        month,
        basis: KPI_BASIS,
        orders: t.orders,
        grossSales: money(t.gross),
        discounts: money(t.discounts),
        returns: money(t.returns),
        netSales: money(sold - t.returns),
        averageOrderValue: t.orders > 0 ? money(Math.round(sold / t.orders)) : null,
        topProducts: [...t.products.values()]
          .sort((a, b) => b.net - a.net || a.title.localeCompare(b.title))
          .slice(0, TOP_PRODUCTS)
          .map((p) => ({
            productId: p.productId,
            title: p.title,
            quantity: p.quantity,
            netSales: money(p.net),
          })),
        complete: month !== last && (month !== first || isMonthStart(start, timeZone)),
      };
    });
  }
}
