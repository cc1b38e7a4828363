/**
 * The documents' costs and the bulk queries' shape, computed the way Shopify computes them (the
 * stand-in's calculator): every document the crawl sends stays under the single-query ceiling,
 * the products page is as large as the ceiling allows, and the bulk queries, variables inlined,
 * are queries bulkOperationRunQuery accepts.
 */
import { describe, expect, it } from "vitest";
import { Kind, getOperationAST, type DocumentNode, type FragmentDefinitionNode } from "graphql";
import { SINGLE_QUERY_MAX_COST } from "~/shopify/admin-client.server";
import { inlineVariables } from "~/shopify/bulk/inline";
import { PRODUCTS_PER_PAGE } from "~/shopify/collect/products-paged.server";
import * as admin from "~/shopify/generated/admin";
import { requestedQueryCost } from "../../standin/graphql/cost";
import { DocumentChecker } from "../../standin/graphql/pipeline";
import { validateBulkQuery } from "../../standin/bulk/validate";
import { loadAdminSchema } from "../../standin/schema";

const BULK_INNER = new Set(["BulkProducts", "BulkInventory"]);
/** The variables the crawl sends (the publication field included: the costlier case). */
const VARIABLES = { first: PRODUCTS_PER_PAGE, withPublication: true, withInventory: true };

function cost(document: DocumentNode, variables: Record<string, unknown>): number {
  const operation = getOperationAST(document);
  if (!operation) throw new Error("no operation");
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return requestedQueryCost({ schema: loadAdminSchema(), fragments, variables }, operation);
}

const documents = Object.entries(admin).filter(
  (entry): entry is [string, DocumentNode] =>
    entry[0].endsWith("Document") &&
    typeof entry[1] === "object" &&
    entry[1] !== null &&
    "definitions" in entry[1],
);

describe("document costs", () => {
  it("finds the generated documents", () => {
    expect(documents.length).toBeGreaterThan(20);
  });

  it.each(documents.filter(([name]) => !BULK_INNER.has(name.replace(/Document$/, ""))))(
    "%s stays under the 1000-point ceiling",
    (_name, document) => {
      expect(cost(document, VARIABLES)).toBeLessThanOrEqual(SINGLE_QUERY_MAX_COST);
    },
  );

  it("the products page holds as many products as the ceiling allows", () => {
    expect(cost(admin.ProductsPageDocument, VARIABLES)).toBeLessThanOrEqual(SINGLE_QUERY_MAX_COST);
    expect(
      cost(admin.ProductsPageDocument, { ...VARIABLES, first: PRODUCTS_PER_PAGE + 1 }),
    ).toBeGreaterThan(SINGLE_QUERY_MAX_COST);
  });
});

describe("bulk queries", () => {
  const checker = new DocumentChecker(loadAdminSchema());
  const products = inlineVariables(admin.BulkProductsDocument, {
    publicationId: "gid://shopify/Publication/1",
    withPublication: true,
  });

  it.each([
    ["BulkProducts", products],
    ["BulkInventory", inlineVariables(admin.BulkInventoryDocument, {})],
  ])("%s is a valid bulk query (≤ 5 connections, nested ≤ 2 deep)", (_name, query) => {
    expect(validateBulkQuery(checker, query)).not.toHaveProperty("errors");
  });

  it("has its variables written in as literals", () => {
    expect(products).not.toMatch(/\$/);
    expect(products).toContain(
      'publishedOnPublication(publicationId: "gid://shopify/Publication/1") @include(if: true)',
    );
  });

  it("refuses a variable it cannot write as a literal", () => {
    expect(() =>
      inlineVariables(admin.BulkProductsDocument, {
        publicationId: "x",
        withPublication: undefined as unknown as boolean,
      }),
    ).toThrow(/\$withPublication must be a string or a boolean/);
  });
});
