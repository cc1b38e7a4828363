/**
 * The bulk queries repeat the paged crawl's fragments field for field (bulk queries are kept
 * fragment-free). If one side gains or loses a field, the two strategies would build different
 * snapshots from the same shop: this test fails first.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  Kind,
  parse,
  print,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/databases";

const DOCUMENTS = join(ROOT, "app/shopify/documents");
const definitions = [
  "fragments.graphql",
  "bulk.graphql",
  "products.graphql",
  "inventory.graphql",
  "orders.graphql",
].flatMap((file) => parse(readFileSync(join(DOCUMENTS, file), "utf8")).definitions);

function fragment(name: string): SelectionSetNode {
  const found = definitions.find(
    (d): d is FragmentDefinitionNode =>
      d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
  );
  if (!found) throw new Error(`no fragment ${name}`);
  return found.selectionSet;
}

function operation(name: string): SelectionSetNode {
  const found = definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
  );
  if (!found) throw new Error(`no operation ${name}`);
  return found.selectionSet;
}

function field(set: SelectionSetNode, name: string): FieldNode {
  const found = set.selections.find(
    (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name,
  );
  if (!found?.selectionSet) throw new Error(`no field ${name} with a selection`);
  return found;
}

/** The node selection of a connection written as `edges { node { … } }`. */
function bulkNode(set: SelectionSetNode, connection: string): SelectionSetNode {
  const node = field(
    field(field(set, connection).selectionSet as SelectionSetNode, "edges")
      .selectionSet as SelectionSetNode,
    "node",
  );
  return node.selectionSet as SelectionSetNode;
}

/** The node selection of a connection written as `nodes { … }`. */
function pagedNode(set: SelectionSetNode, connection: string): SelectionSetNode {
  return field(field(set, connection).selectionSet as SelectionSetNode, "nodes")
    .selectionSet as SelectionSetNode;
}

/** Printed selections, without the named nested connections (compared on their own). */
function fields(set: SelectionSetNode, without: string[] = []): string[] {
  return set.selections
    .filter((s: SelectionNode) => !(s.kind === Kind.FIELD && without.includes(s.name.value)))
    .map((s) => print(s).replace(/\s+/g, " "))
    .sort();
}

const spreads = (set: SelectionSetNode) =>
  set.selections.flatMap((s) => (s.kind === Kind.FRAGMENT_SPREAD ? [s.name.value] : []));

describe("bulk queries select what the paged fragments select", () => {
  const products = operation("BulkProducts");
  const product = bulkNode(products, "products");
  const inventory = operation("BulkInventory");
  const location = bulkNode(inventory, "locations");

  it.each([
    ["product", fields(product, ["variants", "media", "collections"]), "ProductFields"],
    ["variant", fields(bulkNode(product, "variants")), "VariantFields"],
    ["media", fields(bulkNode(product, "media")), "MediaFields"],
    ["collection", fields(bulkNode(product, "collections")), "CollectionRefFields"],
    ["location", fields(location, ["inventoryLevels"]), "LocationFields"],
    ["inventory level", fields(bulkNode(location, "inventoryLevels")), "InventoryLevelFields"],
  ])("%s fields", (_name, bulk, fragmentName) => {
    expect(bulk).toEqual(fields(fragment(fragmentName)));
  });

  it("the paged documents read the same connections through those fragments", () => {
    const page = pagedNode(operation("ProductsPage"), "products");
    expect(spreads(page)).toEqual(["ProductFields"]);
    expect(spreads(pagedNode(page, "variants"))).toEqual(["VariantFields"]);
    expect(spreads(pagedNode(page, "media"))).toEqual(["MediaFields"]);
    expect(spreads(pagedNode(page, "collections"))).toEqual(["CollectionRefFields"]);
    expect(spreads(pagedNode(operation("LocationsPage"), "locations"))).toEqual(["LocationFields"]);
    const levels = field(operation("LocationInventoryPage"), "location")
      .selectionSet as SelectionSetNode;
    expect(spreads(pagedNode(levels, "inventoryLevels"))).toEqual(["InventoryLevelFields"]);
  });

  it("would notice a field missing on one side", () => {
    const fewer = fields(fragment("VariantFields")).filter((f) => f !== "barcode");
    expect(fewer).not.toEqual(fields(bulkNode(product, "variants")));
  });
});

describe("the bulk orders query selects what the paged orders documents select", () => {
  const order = bulkNode(operation("BulkOrders"), "orders");
  const paged = fragment("OrderFields");

  it("the same order fields (refunds and line items compared on their own)", () => {
    expect(fields(order, ["refunds", "lineItems"])).toEqual(
      fields(paged, ["refunds", "lineItems"]),
    );
  });

  it("the same line-item fields as OrderLineFields", () => {
    expect(fields(bulkNode(order, "lineItems"))).toEqual(fields(fragment("OrderLineFields")));
    expect(
      spreads(
        field(field(paged, "lineItems").selectionSet as SelectionSetNode, "nodes")
          .selectionSet as SelectionSetNode,
      ),
    ).toEqual(["OrderLineFields"]);
  });
});
