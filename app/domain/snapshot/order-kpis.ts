/**
 * Monthly order KPIs from the orders the app can read (`read_orders`: the last 60 days).
 * Months are calendar months in the shop's time zone. A month the window does not cover whole
 * (the first one, and the current one) is marked `complete: false`.
 *
 * Definitions (Shopify's analytics, as far as order fields allow):
 * - gross sales: line items at their original price × quantity;
 * - discounts: the order's total discounts; returns: the order's total refunded (which also
 *   holds refunded shipping and tax, so net sales are slightly understated when those are refunded);
 * - net sales = gross − discounts − returns; average order value = (gross − discounts) / orders;
 * - customers: distinct customers with an order in the month; returning: those whose order in
 *   the month was not their first (from the customer's lifetime order count and the orders seen);
 * - top products: by discounted line totals (refunds are per order, not per product).
 * Test orders are left out.
 */
import { divideDecimal, formatDecimal, parseDecimal } from "./decimal";
import type { SnapshotMonthlyKpis } from "./types";

export interface KpiOrderLine {
  productId: string | null;
  title: string;
  quantity: number;
  originalTotal: string;
  discountedTotal: string;
}

export interface KpiOrder {
  processedAt: string;
  test: boolean;
  totalDiscounts: string;
  totalRefunded: string;
  customer: { id: string; lifetimeOrders: number } | null;
  lines: KpiOrderLine[];
}

export const TOP_PRODUCTS = 10;

interface MonthTotals {
  orders: number;
  gross: bigint;
  discounts: bigint;
  returns: bigint;
  products: Map<string, { productId: string | null; title: string; quantity: number; net: bigint }>;
}

/** YYYY-MM and the local day/time of an instant in a time zone. */
function localParts(format: Intl.DateTimeFormat, instant: Date) {
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    month: `${parts.year}-${parts.month}`,
    startOfMonth:
      parts.day === "01" && parts.hour === "00" && parts.minute === "00" && parts.second === "00",
  };
}

function nextMonth(month: string): string {
  const [year = 0, m = 1] = month.split("-").map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

export class OrderKpiBuilder {
  private readonly format: Intl.DateTimeFormat;
  private readonly months = new Map<string, MonthTotals>();
  /** Per customer: lifetime order count and the months of the orders seen, by time. */
  private readonly customers = new Map<
    string,
    { lifetime: number; orders: { at: number; month: string }[] }
  >();

  constructor(private readonly window: { start: Date; end: Date; timeZone: string }) {
    this.format = new Intl.DateTimeFormat("en-GB", {
      timeZone: window.timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    const last = localParts(this.format, window.end).month;
    for (let m = localParts(this.format, window.start).month; ; m = nextMonth(m)) {
      this.months.set(m, { orders: 0, gross: 0n, discounts: 0n, returns: 0n, products: new Map() });
      if (m >= last) break;
    }
  }

  add(order: KpiOrder): void {
    if (order.test) return;
    const at = new Date(order.processedAt);
    const month = this.months.get(localParts(this.format, at).month);
    if (!month) return; // outside the window (read_all_orders would show older orders)
    month.orders++;
    month.discounts += parseDecimal(order.totalDiscounts);
    month.returns += parseDecimal(order.totalRefunded);
    for (const line of order.lines) {
      month.gross += parseDecimal(line.originalTotal);
      const key = line.productId ?? `title:${line.title}`;
      const entry = month.products.get(key) ?? {
        productId: line.productId,
        title: line.title,
        quantity: 0,
        net: 0n,
      };
      entry.quantity += line.quantity;
      entry.net += parseDecimal(line.discountedTotal);
      month.products.set(key, entry);
    }
    if (order.customer) {
      const seen = this.customers.get(order.customer.id) ?? { lifetime: 0, orders: [] };
      seen.lifetime = Math.max(seen.lifetime, order.customer.lifetimeOrders);
      seen.orders.push({ at: at.getTime(), month: localParts(this.format, at).month });
      this.customers.set(order.customer.id, seen);
    }
  }

  finish(): SnapshotMonthlyKpis[] {
    const customers = new Map<string, number>();
    const returning = new Map<string, number>();
    for (const { lifetime, orders } of this.customers.values()) {
      orders.sort((a, b) => a.at - b.at);
      const before = Math.max(0, lifetime - orders.length);
      const months = new Set<string>();
      const returningMonths = new Set<string>();
      orders.forEach((o, i) => {
        months.add(o.month);
        if (before + i >= 1) returningMonths.add(o.month);
      });
      for (const m of months) customers.set(m, (customers.get(m) ?? 0) + 1);
      for (const m of returningMonths) returning.set(m, (returning.get(m) ?? 0) + 1);
    }
    const first = localParts(this.format, this.window.start);
    const last = localParts(this.format, this.window.end).month;
    return [...this.months].map(([month, t]) => {
      const sold = t.gross - t.discounts;
      return {
        month,
        orders: t.orders,
        grossSales: formatDecimal(t.gross),
        discounts: formatDecimal(t.discounts),
        returns: formatDecimal(t.returns),
        netSales: formatDecimal(sold - t.returns),
        averageOrderValue: t.orders > 0 ? formatDecimal(divideDecimal(sold, t.orders)) : null,
        customers: customers.get(month) ?? 0,
        returningCustomers: returning.get(month) ?? 0,
        topProducts: [...t.products.values()]
          .sort((a, b) => (b.net > a.net ? 1 : b.net < a.net ? -1 : a.title.localeCompare(b.title)))
          .slice(0, TOP_PRODUCTS)
          .map((p) => ({
            productId: p.productId,
            title: p.title,
            quantity: p.quantity,
            netSales: formatDecimal(p.net),
          })),
        complete: month !== last && (month !== first.month || first.startOfMonth),
      };
    });
  }
}
