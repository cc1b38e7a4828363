/**
 * Reassembles the JSONL of Tovholder's BulkOrders query (app/shopify/documents/bulk.graphql) into
 * the orders the monthly KPIs are computed from, without I/O.
 *
 * Shopify writes one object per line: an order (its `id` an Order GID, no `__parentId`) with its
 * refunds inline (a list field: their ids and dates), and each of its line items as a line of
 * its own with `__parentId` naming the order, after the order but — with `groupObjects: false` —
 * not necessarily next to it.
 *
 * A bulk query cannot select the refunds' line items (a connection inside a list field), so each
 * dated refund comes out with no lines and is listed in `pendingRefunds`, for the caller to fill
 * from RefundLines. A refund without a date is left out, as the paged read leaves it out.
 *
 * Anything else fails with a JsonlError naming the line: not JSON, not the shape the query asks
 * for, a line item whose order has not appeared before it, and fewer or more objects than the
 * operation reported (a truncated file).
 */
import { JsonlError } from "./jsonl";
import { isObj, type Obj } from "./jsonl-shapes";
import type { KpiOrder, KpiOrderLine, KpiRefund } from "./order-kpis";

const ORDER_GID = "gid://shopify/Order/";

/** One order of the file, with what the caller still has to read of its refunds. */
export interface BulkOrder {
  id: string;
  order: KpiOrder;
  /** How many refunds Shopify listed (dated or not), for the "more than were read" check. */
  refundsListed: number;
  /** The order's dated refunds by refund id; their `lines` are empty until filled. */
  pendingRefunds: Map<string, KpiRefund>;
}

function shape(line: number, detail: string): JsonlError {
  return new JsonlError(line, "malformed", detail);
}

function amount(line: number, o: Obj, key: string): string {
  const set = o[key];
  if (!isObj(set) || !isObj(set.shopMoney) || typeof set.shopMoney.amount !== "string")
    throw shape(line, `${key}.shopMoney.amount must be a decimal string`);
  return set.shopMoney.amount;
}

function date(line: number, o: Obj, key: string, nullable: boolean): string | null {
  const value = o[key];
  if (value === null && nullable) return null;
  if (typeof value !== "string" || Number.isNaN(Date.parse(value)))
    throw shape(line, `${key} must be a date-time string${nullable ? " or null" : ""}`);
  return value;
}

function bool(line: number, o: Obj, key: string): boolean {
  const value = o[key];
  if (typeof value !== "boolean") throw shape(line, `${key} must be true or false`);
  return value;
}

function order(line: number, id: string, o: Obj): BulkOrder {
  const refunds = o.refunds;
  if (!Array.isArray(refunds)) throw shape(line, "refunds must be a list");
  const pendingRefunds = new Map<string, KpiRefund>();
  const dated: KpiRefund[] = [];
  for (const r of refunds) {
    if (!isObj(r) || typeof r.id !== "string")
      throw shape(line, "each refund must be an object with an id");
    const createdAt = date(line, r, "createdAt", true);
    if (createdAt === null) continue;
    const refund: KpiRefund = { createdAt, lines: [] };
    dated.push(refund);
    pendingRefunds.set(r.id, refund);
  }
  return {
    id,
    order: {
      processedAt: date(line, o, "processedAt", false) as string,
      cancelledAt: date(line, o, "cancelledAt", true),
      test: bool(line, o, "test"),
      taxesIncluded: bool(line, o, "taxesIncluded"),
      refunds: dated,
      lines: [],
    },
    refundsListed: refunds.length,
    pendingRefunds,
  };
}

function taxRate(line: number, o: Obj): number {
  const taxLines = o.taxLines;
  if (!Array.isArray(taxLines)) throw shape(line, "taxLines must be a list");
  let rate = 0;
  for (const t of taxLines) {
    if (!isObj(t) || !(t.rate === null || typeof t.rate === "number"))
      throw shape(line, "each tax line's rate must be a number or null");
    rate += t.rate ?? 0;
  }
  return rate;
}

function lineItem(line: number, o: Obj): KpiOrderLine {
  if (typeof o.id !== "string") throw shape(line, "a line item's id must be a string");
  if (typeof o.title !== "string") throw shape(line, "title must be a string");
  if (typeof o.quantity !== "number" || !Number.isInteger(o.quantity))
    throw shape(line, "quantity must be a whole number");
  const product = o.product;
  if (product !== null && !(isObj(product) && typeof product.id === "string"))
    throw shape(line, "product must be an object with an id, or null");
  return {
    id: o.id,
    productId: product === null ? null : (product.id as string),
    title: o.title,
    quantity: o.quantity,
    isGiftCard: bool(line, o, "isGiftCard"),
    originalTotal: amount(line, o, "originalTotalSet"),
    totalDiscount: amount(line, o, "totalDiscountSet"),
    taxRate: taxRate(line, o),
  };
}

/** Feeds BulkOrders JSONL lines (1-based line numbers) into orders with their lines. */
export class OrderJsonlReader {
  private lineNumber = 0;
  private objectCount = 0;
  private readonly orders = new Map<string, BulkOrder>();

  push(text: string): void {
    const line = ++this.lineNumber;
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new JsonlError(line, "malformed", `not valid JSON (${(error as Error).message})`);
    }
    if (!isObj(value)) throw new JsonlError(line, "malformed", "not a JSON object");
    this.objectCount++;
    const parentId = value.__parentId;
    if (parentId === undefined) {
      const id = value.id;
      if (typeof id !== "string" || !id.startsWith(ORDER_GID))
        throw new JsonlError(
          line,
          "unexpected",
          "an object that is neither an order nor a line item",
        );
      this.orders.set(id, order(line, id, value));
      return;
    }
    if (typeof parentId !== "string")
      throw new JsonlError(line, "malformed", "__parentId must be a string");
    const parent = this.orders.get(parentId);
    if (!parent)
      throw new JsonlError(
        line,
        "orphan",
        `a line item of ${parentId}, which has not appeared before it`,
      );
    parent.order.lines.push(lineItem(line, value));
  }

  /** The orders read, in file order; fails when the file held other than `expectedObjects`. */
  end(expectedObjects?: number): BulkOrder[] {
    if (expectedObjects !== undefined && expectedObjects !== this.objectCount)
      throw new JsonlError(
        this.lineNumber,
        "truncated",
        `the file ended with ${this.objectCount} objects; the bulk operation reported ${expectedObjects}`,
      );
    return [...this.orders.values()];
  }
}
