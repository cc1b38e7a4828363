/**
 * The monthly order KPIs: a window holding more orders than one OrdersPage is read with one bulk
 * operation (BulkOrders, then RefundLines for the refunded lines), a window of one page page by
 * page; both give the same KPIs, and the KPIs are recomputed independently of the app's builder
 * (tests/helpers/kpi-reference.ts). tests/shopify/order-kpis.test.ts holds both paths to the
 * reference on the KPI fixture shop and the demo shop.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  Kind,
  parse,
  print,
  type FieldNode,
  type FragmentDefinitionNode,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import type { AdminClient } from "~/shopify/admin-client.server";
import { collectSnapshot } from "~/shopify/collect.server";
import { ORDERS_PER_PAGE } from "~/shopify/collect/theme-orders.server";
import { generateDemoStore } from "../../standin/seed/demo-store";
import type { StandinOrder, StandinStore } from "../../standin/store/types";
import { ROOT } from "../helpers/databases";
import { monthFigures } from "../helpers/kpi-reference";
import { makeStore } from "../standin/fixtures";
import { startShop, type ShopHarness } from "./helpers";

let h: ShopHarness;
afterEach(() => h.close());

const NOW = new Date("2026-03-15T12:00:00Z");
const DAY = 86_400_000;
const FAST = { pollIntervalMs: 1_000 };

/** The bulk queries the shop ran, by their query text. */
async function bulkQueries(client: AdminClient): Promise<string[]> {
  const data = await client.request(
    parse("query { bulkOperations(first: 50) { nodes { query } } }") as never,
  );
  return (data as { bulkOperations: { nodes: { query: string }[] } }).bulkOperations.nodes.map(
    (n) => n.query,
  );
}

function visibleOrders(store: StandinStore): StandinOrder[] {
  return store.orders.filter((o) => {
    const at = Date.parse(o.processedAt);
    return at >= NOW.getTime() - 60 * DAY && at <= NOW.getTime();
  });
}

describe("orders of the KPI window", () => {
  it(
    "over a page: one bulk operation, the same KPIs as page by page, at a fraction of the points",
    { timeout: 180_000 },
    async () => {
      const { store } = generateDemoStore({ now: NOW });
      // A UTC shop, so calendar months here are the shop's.
      store.shop.ianaTimezone = "UTC";
      h = await startShop(store, {}, NOW.getTime());
      const visible = visibleOrders(store);
      expect(visible.length).toBeGreaterThan(ORDERS_PER_PAGE);

      const auto = h.client();
      const bulk = await collectSnapshot(auto, { now: NOW, bulk: FAST });
      const queries = await bulkQueries(auto);
      expect(queries.filter((q) => /\borders\s*\(/.test(q))).toHaveLength(1);
      const bulkPoints = auto.stats.points;

      const byPage = h.client();
      const paged = await collectSnapshot(byPage, { now: NOW, strategy: "paged" });
      expect(bulk.orderKpis).toEqual(paged.orderKpis);
      // ~20 points an order page by page; the bulk operation's few requests instead.
      expect(bulkPoints).toBeLessThan(byPage.stats.points / 10);

      const complete = bulk.orderKpis?.find((m) => m.complete);
      expect(complete?.month).toBe("2026-02");
      const reference = monthFigures(visible, "UTC", "2026-02");
      expect(complete?.orders).toBe(reference.orders);
      expect(Number(complete?.grossSales)).toBeCloseTo(reference.grossSales, 2);
      expect(Number(complete?.returns)).toBeCloseTo(reference.returns, 2);
      expect(Number(complete?.netSales)).toBeCloseTo(reference.netSales, 2);
    },
  );

  it("within one page: read page by page, no bulk operation", async () => {
    const store = makeStore({ products: 5 });
    // One order in the window, the others long before it.
    store.orders.forEach((o, i) => {
      o.processedAt = new Date(NOW.getTime() - (i === 0 ? 3 : 200 + i) * DAY).toISOString();
    });
    const order = store.orders[0]!;
    h = await startShop(store, {}, NOW.getTime());
    const client = h.client();
    const snapshot = await collectSnapshot(client, { now: NOW, bulk: FAST });
    expect(await bulkQueries(client)).toEqual([]);
    expect(snapshot.orderKpis?.reduce((n, m) => n + m.orders, 0)).toBe(1);
    expect(Number(snapshot.orderKpis?.find((m) => m.month === "2026-03")?.grossSales)).toBeCloseTo(
      monthFigures([order], "UTC", "2026-03").grossSales,
      2,
    );
  });

  it("a shop that denies read_orders: no count, no bulk operation, the gap recorded", async () => {
    h = await startShop(makeStore({ products: 5 }), {
      scopes: ["read_products", "read_inventory", "read_locations"],
    });
    const client = h.client();
    const snapshot = await collectSnapshot(client, { bulk: FAST });
    expect(snapshot.orderKpis).toBeNull();
    expect(snapshot.gaps?.filter((g) => g.section === "orderKpis")).toEqual([
      expect.objectContaining({ reason: "ACCESS_DENIED" }),
    ]);
    expect(await bulkQueries(client)).toEqual([]);
  });
});

describe("BulkOrders", () => {
  const documents = join(ROOT, "app/shopify/documents");
  const definitions = ["orders.graphql", "bulk.graphql", "fragments.graphql"].flatMap(
    (file) => parse(readFileSync(join(documents, file), "utf8")).definitions,
  );
  const fields = (set: SelectionSetNode | undefined, without: string[] = []) =>
    (set?.selections ?? [])
      .filter((s) => !(s.kind === Kind.FIELD && without.includes(s.name.value)))
      .map((s) => print(s).replace(/\s+/g, " "))
      .sort();
  const child = (set: SelectionSetNode | undefined, name: string) =>
    set?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name)
      ?.selectionSet;
  const fragment = (name: string) =>
    definitions.find(
      (d): d is FragmentDefinitionNode =>
        d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
    )?.selectionSet;
  const operation = (name: string) =>
    definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
    )?.selectionSet;

  it("reads the order, refund and line fields of the paged documents, field for field", () => {
    const node = child(child(child(operation("BulkOrders"), "orders"), "edges"), "node");
    const paged = fragment("OrderFields");
    expect(fields(node, ["lineItems", "refunds"])).toEqual(fields(paged, ["lineItems", "refunds"]));
    // The refunds' ids and dates in bulk (their line items cannot be nested there), the same
    // `first` as the paged read, and their line items through RefundLines as the paged read has them.
    const refunds = node?.selections.find(
      (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "refunds",
    );
    const pagedRefunds = paged?.selections.find(
      (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "refunds",
    );
    expect(refunds?.arguments?.map((a) => print(a))).toEqual(
      pagedRefunds?.arguments?.map((a) => print(a)),
    );
    expect(fields(refunds?.selectionSet, ["id"])).toEqual(
      fields(pagedRefunds?.selectionSet, ["refundLineItems"]),
    );
    const onRefund = child(operation("RefundLines"), "nodes")?.selections.find(
      (s): s is InlineFragmentNode =>
        s.kind === Kind.INLINE_FRAGMENT && s.typeCondition?.name.value === "Refund",
    );
    const lineItemsOf = (set: SelectionSetNode | undefined) =>
      set?.selections.find(
        (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "refundLineItems",
      );
    const refundLines = lineItemsOf(onRefund?.selectionSet);
    expect(refundLines).toBeDefined();
    expect(print(refundLines!)).toBe(print(lineItemsOf(pagedRefunds?.selectionSet)!));
    const line = child(child(child(node, "lineItems"), "edges"), "node");
    expect(fields(line)).toEqual(fields(fragment("OrderLineFields")));
  });
});
