/**
 * The BulkOrders JSONL reader: orders with their line items wherever those come after them, their
 * dated refunds waiting for their lines (a bulk query cannot nest them), and a readable error
 * naming the line for everything a bulk operation does not write.
 */
import { describe, expect, it } from "vitest";
import { JsonlError } from "~/snapshot/domain/jsonl";
import { OrderJsonlReader } from "~/snapshot/domain/order-jsonl";

const money = (amount: string) => ({ shopMoney: { amount } });
const order = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `gid://shopify/Order/${n}`,
    processedAt: "2026-02-03T10:00:00Z",
    cancelledAt: null,
    test: false,
    taxesIncluded: true,
    refunds: [],
    ...extra,
  });
const line = (parent: number, title: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `gid://shopify/LineItem/${parent}${title}`,
    title,
    quantity: 2,
    isGiftCard: false,
    product: { id: "gid://shopify/Product/5" },
    originalTotalSet: money("200.00"),
    totalDiscountSet: money("10.00"),
    taxLines: [{ rate: 0.25, priceSet: money("38.00") }],
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
    expect(orders.map((o) => o.order.lines.map((l) => l.title))).toEqual([["A", "C"], ["B"]]);
    expect(orders[0]?.id).toBe("gid://shopify/Order/1");
    expect(orders[0]?.order).toEqual({
      processedAt: "2026-02-03T10:00:00Z",
      cancelledAt: null,
      test: false,
      taxesIncluded: true,
      refunds: [],
      lines: [
        {
          id: "gid://shopify/LineItem/1A",
          productId: "gid://shopify/Product/5",
          title: "A",
          quantity: 2,
          isGiftCard: false,
          originalTotal: "200.00",
          totalDiscount: "10.00",
          taxRate: 0.25,
        },
        expect.objectContaining({ title: "C" }),
      ],
    });
  });

  it("lists the dated refunds for their lines, leaves an undated one out, and counts all", () => {
    const [o] = read([
      order(1, {
        cancelledAt: "2026-02-05T08:00:00Z",
        refunds: [
          { id: "gid://shopify/Refund/1", createdAt: "2026-02-05T08:00:00Z" },
          { id: "gid://shopify/Refund/2", createdAt: null },
        ],
      }),
    ]);
    expect(o?.order.cancelledAt).toBe("2026-02-05T08:00:00Z");
    expect(o?.refundsListed).toBe(2);
    expect([...(o?.pendingRefunds.keys() ?? [])]).toEqual(["gid://shopify/Refund/1"]);
    // The refund in the order is the one to fill.
    o!.pendingRefunds.get("gid://shopify/Refund/1")!.lines.push({
      lineId: "gid://shopify/LineItem/1A",
      quantity: 1,
      subtotal: "95.00",
      tax: "19.00",
    });
    expect(o?.order.refunds).toEqual([
      { createdAt: "2026-02-05T08:00:00Z", lines: [expect.objectContaining({ quantity: 1 })] },
    ]);
  });

  it("reads what Shopify leaves null or empty: a deleted product, no tax, a rate without value", () => {
    const [o] = read([
      order(1, { taxesIncluded: false }),
      line(1, "Gone", { product: null, taxLines: [] }),
      line(1, "Odd", { taxLines: [{ rate: null, priceSet: money("0.00") }] }),
    ]);
    expect(o?.order.taxesIncluded).toBe(false);
    expect(o?.order.lines.map((l) => [l.productId, l.taxRate])).toEqual([
      [null, 0],
      ["gid://shopify/Product/5", 0],
    ]);
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
      line(1, "A", { originalTotalSet: { shopMoney: { amount: 5 } } }),
      /originalTotalSet/,
    ],
    ["a bad date", order(2, { processedAt: "yesterday" }), /processedAt/],
    ["a bad cancellation", order(2, { cancelledAt: 5 }), /cancelledAt/],
    ["no refunds list", order(2, { refunds: null }), /refunds must be a list/],
    ["a refund without id", order(2, { refunds: [{ createdAt: null }] }), /refund .*id/],
    ["a missing taxesIncluded", order(2, { taxesIncluded: undefined }), /taxesIncluded/],
    ["a bad quantity", line(1, "A", { quantity: "2" }), /quantity/],
    ["a bad tax rate", line(1, "A", { taxLines: [{ rate: "25%" }] }), /rate/],
    ["a line item without id", line(1, "A", { id: undefined }), /line item's id/],
  ])("%s fails on its line", (_name, bad, message) => {
    expect(failure([order(1), bad]).message).toMatch(message);
  });
});
