/**
 * The BulkOrders JSONL reader: orders with their line items wherever those come after them, and
 * a readable error naming the line for everything a bulk operation does not write.
 */
import { describe, expect, it } from "vitest";
import { JsonlError } from "~/domain/snapshot/jsonl";
import { OrderJsonlReader } from "~/domain/snapshot/order-jsonl";

const money = (amount: string) => ({ shopMoney: { amount } });
const order = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `gid://shopify/Order/${n}`,
    processedAt: "2026-02-03T10:00:00Z",
    test: false,
    totalDiscountsSet: money("10.00"),
    totalRefundedSet: money("0.00"),
    customer: { id: "gid://shopify/Customer/7", numberOfOrders: "3" },
    ...extra,
  });
const line = (parent: number, title: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    title,
    quantity: 2,
    product: { id: "gid://shopify/Product/5" },
    originalTotalSet: money("200.00"),
    discountedTotalSet: money("190.00"),
    __parentId: `gid://shopify/Order/${parent}`,
    ...extra,
  });

function read(lines: string[], expected?: number) {
  const reader = new OrderJsonlReader();
  for (const l of lines) reader.push(l);
  return reader.end(expected);
}

function failure(lines: string[], expected?: number): JsonlError {
  try {
    read(lines, expected);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonlError);
    return error as JsonlError;
  }
  throw new Error("expected a JsonlError");
}

describe("OrderJsonlReader", () => {
  it("joins line items to their orders, also when they are not next to them", () => {
    const orders = read([order(1), order(2), line(1, "A"), line(2, "B"), line(1, "C"), ""], 5);
    expect(orders.map((o) => o.lines.map((l) => l.title))).toEqual([["A", "C"], ["B"]]);
    expect(orders[0]).toEqual({
      processedAt: "2026-02-03T10:00:00Z",
      test: false,
      totalDiscounts: "10.00",
      totalRefunded: "0.00",
      customer: { id: "gid://shopify/Customer/7", lifetimeOrders: 3 },
      lines: [
        {
          productId: "gid://shopify/Product/5",
          title: "A",
          quantity: 2,
          originalTotal: "200.00",
          discountedTotal: "190.00",
        },
        expect.objectContaining({ title: "C" }),
      ],
    });
  });

  it("reads what Shopify leaves null: no discounts, no customer, a deleted product", () => {
    const [o] = read([
      order(1, { totalDiscountsSet: null, customer: null }),
      line(1, "Gone", { product: null }),
    ]);
    expect(o).toMatchObject({ totalDiscounts: "0", customer: null });
    expect(o?.lines[0]?.productId).toBeNull();
  });

  it("a line item before its order is an orphan, on its line", () => {
    const error = failure([line(1, "A"), order(1)]);
    expect(error.kind).toBe("orphan");
    expect(error.message).toMatch(/^line 1: .*gid:\/\/shopify\/Order\/1/);
  });

  it("fewer objects than the operation reported is a truncated file", () => {
    const error = failure([order(1), line(1, "A")], 3);
    expect(error.kind).toBe("truncated");
    expect(error.message).toContain("2 objects");
  });

  it.each([
    ["not JSON", "{oops", /line 2: not valid JSON/],
    ["not an object", "[1]", /line 2: not a JSON object/],
    ["another object type", JSON.stringify({ id: "gid://shopify/Product/1" }), /line 2: .*neither/],
    [
      "a bad amount",
      order(2, { totalRefundedSet: { shopMoney: { amount: 5 } } }),
      /totalRefundedSet/,
    ],
    ["a bad date", order(2, { processedAt: "yesterday" }), /processedAt/],
    ["a bad quantity", line(1, "A", { quantity: "2" }), /quantity/],
  ])("%s fails on its line", (_name, bad, message) => {
    expect(failure([order(1), bad]).message).toMatch(message);
  });
});
