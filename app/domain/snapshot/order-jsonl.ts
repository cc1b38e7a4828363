/**
 * Reassembles the JSONL of Tovholder's BulkOrders query (app/shopify/documents/bulk.graphql) into
 * the orders the monthly KPIs are computed from, without I/O.
 *
 * Shopify writes one object per line: an order (its `id` an Order GID, no `__parentId`), and each
 * of its line items as a line of its own with `__parentId` naming the order, after the order but
 * — with `groupObjects: false` — not necessarily next to it. Line items have no `id` (the query
 * does not select one: they have no nested connection).
 *
 * Anything else fails with a JsonlError naming the line: not JSON, not the shape the query asks
 * for, a line item whose order has not appeared before it, and fewer or more objects than the
 * operation reported (a truncated file).
 */
import { JsonlError } from "./jsonl";
import { isObj, type Obj } from "./jsonl-shapes";
import type { KpiOrder, KpiOrderLine } from "./order-kpis";

const ORDER_GID = "gid://shopify/Order/";

function shape(line: number, detail: string): JsonlError {
  return new JsonlError(line, "malformed", detail);
}

function amount(line: number, o: Obj, key: string, optional: boolean): string | null {
  const set = o[key];
  if (set === null && optional) return null;
  if (!isObj(set) || !isObj(set.shopMoney) || typeof set.shopMoney.amount !== "string")
    throw shape(line, `${key}.shopMoney.amount must be a decimal string`);
  return set.shopMoney.amount;
}

function order(line: number, o: Obj): KpiOrder {
  if (typeof o.processedAt !== "string" || Number.isNaN(Date.parse(o.processedAt)))
    throw shape(line, "processedAt must be a date-time string");
  if (typeof o.test !== "boolean") throw shape(line, "test must be true or false");
  const customer = o.customer;
  if (customer !== null && !(isObj(customer) && typeof customer.id === "string"))
    throw shape(line, "customer must be an object with an id, or null");
  const lifetime = customer === null ? 0 : Number(customer.numberOfOrders);
  if (customer !== null && !(Number.isInteger(lifetime) && lifetime >= 0))
    throw shape(line, "customer.numberOfOrders must be a whole number");
  return {
    processedAt: o.processedAt,
    test: o.test,
    totalDiscounts: amount(line, o, "totalDiscountsSet", true) ?? "0",
    totalRefunded: amount(line, o, "totalRefundedSet", false) ?? "0",
    customer: customer === null ? null : { id: customer.id as string, lifetimeOrders: lifetime },
    lines: [],
  };
}

function lineItem(line: number, o: Obj): KpiOrderLine {
  if (typeof o.title !== "string") throw shape(line, "title must be a string");
  if (typeof o.quantity !== "number" || !Number.isInteger(o.quantity))
    throw shape(line, "quantity must be a whole number");
  const product = o.product;
  if (product !== null && !(isObj(product) && typeof product.id === "string"))
    throw shape(line, "product must be an object with an id, or null");
  return {
    productId: product === null ? null : (product.id as string),
    title: o.title,
    quantity: o.quantity,
    originalTotal: amount(line, o, "originalTotalSet", false) ?? "0",
    discountedTotal: amount(line, o, "discountedTotalSet", false) ?? "0",
  };
}

/** Feeds BulkOrders JSONL lines (1-based line numbers) into orders with their lines. */
export class OrderJsonlReader {
  private lineNumber = 0;
  private objectCount = 0;
  private readonly orders = new Map<string, KpiOrder>();

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
      this.orders.set(id, order(line, value));
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
    parent.lines.push(lineItem(line, value));
  }

  /** The orders read, in file order; fails when the file held other than `expectedObjects`. */
  end(expectedObjects?: number): KpiOrder[] {
    if (expectedObjects !== undefined && expectedObjects !== this.objectCount)
      throw new JsonlError(
        this.lineNumber,
        "truncated",
        `the file ended with ${this.objectCount} objects; the bulk operation reported ${expectedObjects}`,
      );
    return [...this.orders.values()];
  }
}
