import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProduct } from "./fixtures";
import { startHarness, type Harness } from "./helpers";

const PRODUCTS = 10_000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ products: PRODUCTS });
});
afterAll(async () => h.close());

interface Page {
  edges: { cursor: string; node: { id: string; title: string; updatedAt: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE_QUERY = `query Crawl($first: Int, $last: Int, $after: String, $before: String, $sortKey: ProductSortKeys, $reverse: Boolean) {
  products(first: $first, last: $last, after: $after, before: $before, sortKey: $sortKey, reverse: $reverse) {
    edges { cursor node { id title updatedAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(variables: Record<string, unknown>): Promise<Page> {
  const { body } = await h.admin(PAGE_QUERY, variables);
  // Let the leaky bucket refill on the virtual clock, as a polite client would wait.
  h.clock.advance(3_000);
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.products as Page;
}

async function crawl(variables: Record<string, unknown>): Promise<Page["edges"]> {
  const edges: Page["edges"] = [];
  let after: string | null = null;
  for (;;) {
    const p: Page = await page({ ...variables, first: 250, after });
    edges.push(...p.edges);
    if (!p.pageInfo.hasNextPage) return edges;
    after = p.pageInfo.endCursor;
  }
}

describe("pagination over 10,000 products", () => {
  it("is complete and ordered by id by default", async () => {
    const edges = await crawl({});
    expect(edges).toHaveLength(PRODUCTS);
    expect(edges.map((e) => e.node.id)).toEqual(
      Array.from({ length: PRODUCTS }, (_, i) => `gid://shopify/Product/${1001 + i}`),
    );
    expect(new Set(edges.map((e) => e.cursor)).size).toBe(PRODUCTS);
  });

  it("is complete and ordered under sortKey UPDATED_AT, reversed", async () => {
    const edges = await crawl({ sortKey: "UPDATED_AT", reverse: true });
    expect(edges).toHaveLength(PRODUCTS);
    const times = edges.map((e) => Date.parse(e.node.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(edges.map((e) => e.node.id)).size).toBe(PRODUCTS);
  });

  it("orders by TITLE and walks backwards with last/before", async () => {
    const firstPage = await page({ first: 3, sortKey: "TITLE" });
    expect(firstPage.edges.map((e) => e.node.title)).toEqual([
      makeProduct(1).title,
      makeProduct(2).title,
      makeProduct(3).title,
    ]);
    expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const lastPage = await page({ last: 2, sortKey: "TITLE" });
    expect(lastPage.edges.map((e) => e.node.title)).toEqual([
      makeProduct(PRODUCTS - 1).title,
      makeProduct(PRODUCTS).title,
    ]);
    const before = await page({ last: 2, before: lastPage.pageInfo.startCursor, sortKey: "TITLE" });
    expect(before.edges.map((e) => e.node.title)).toEqual([
      makeProduct(PRODUCTS - 3).title,
      makeProduct(PRODUCTS - 2).title,
    ]);
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it("serves the same data through nodes as through edges", async () => {
    const { body } = await h.admin(
      '{ products(first: 5, query: "status:active") { nodes { id } edges { node { id } } } }',
    );
    const products = body.data?.products as {
      nodes: { id: string }[];
      edges: { node: { id: string } }[];
    };
    expect(products.nodes).toEqual(products.edges.map((e) => e.node));
    expect(products.nodes).toHaveLength(5);
  });
});

describe("page-size rules", () => {
  it("requires first or last", async () => {
    const { body } = await h.admin("{ products { nodes { id } } }");
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: "you must provide one of first or last",
        path: ["products"],
      }),
    ]);
    expect(body.data).toBeNull();
  });

  it("caps pages at 250", async () => {
    const { body } = await h.admin("{ products(first: 251) { nodes { id } } }");
    expect(body.errors?.[0]).toMatchObject({
      message: "The first argument must be less than or equal to 250.",
      path: ["products"],
    });
    const nested = await h.admin(
      '{ product(id: "gid://shopify/Product/1001") { variants(last: 300) { nodes { id } } } }',
    );
    expect(nested.body.errors?.[0]).toMatchObject({
      message: "The last argument must be less than or equal to 250.",
      path: ["product", "variants"],
    });
  });

  it("rejects a cursor that is not one", async () => {
    const { body } = await h.admin(
      '{ products(first: 1, after: "bm90IGEgY3Vyc29y") { nodes { id } } }',
    );
    expect(body.errors?.[0]?.message).toBe("Invalid cursor for current pagination sort.");
  });
});
