/**
 * The JSONL reader: random catalogs serialised as Shopify writes bulk results reassemble
 * exactly, whatever the interleaving of children; broken files fail with the line to blame.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonlError, snapshotFromJsonl } from "~/snapshot/domain/jsonl";
import type { SnapshotSource } from "~/snapshot/domain/types";
import { catalogs, expectedCatalog, linesOf, toJsonl } from "./jsonl-arbitraries";

const SOURCE: SnapshotSource = {
  kind: "jsonl",
  name: "bulk.jsonl",
  collectedAt: "2026-03-01T00:00:00Z",
  strategy: "bulk",
};
const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 60 });

async function read(lines: readonly string[], expectedObjects?: number) {
  return snapshotFromJsonl(linesOf(lines), SOURCE, { expectedObjects });
}

async function jsonlError(promise: Promise<unknown>): Promise<JsonlError> {
  const error = await promise.then(
    () => new Error("expected a JsonlError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JsonlError);
  return error as JsonlError;
}

describe("reassembly", () => {
  it("rebuilds any catalog exactly, whatever the order of children", async () => {
    await fc.assert(
      fc.asyncProperty(catalogs, picks, async (catalog, order) => {
        const lines = toJsonl(catalog, order);
        const snapshot = await read(lines, lines.length);
        const expected = expectedCatalog(catalog);
        expect(snapshot.products).toEqual(expected.products);
        expect(snapshot.locations).toEqual(expected.locations);
        expect(snapshot.gaps).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same snapshot for every interleaving of the same catalog", async () => {
    await fc.assert(
      fc.asyncProperty(catalogs, picks, picks, async (catalog, a, b) => {
        const one = await read(toJsonl(catalog, a));
        const other = await read(toJsonl(catalog, b));
        expect(one).toEqual(other);
      }),
      { numRuns: 50 },
    );
  });

  it("passes 1 MB descriptions and hostile strings through unaltered", async () => {
    const description =
      `<p dir="rtl">${"שלום <b>עולם</b> 🚲 <script>alert(1)</script> ".repeat(50_000)}</p>`.slice(
        0,
        1_048_576,
      );
    const product = {
      id: "gid://shopify/Product/1",
      legacyResourceId: "1",
      handle: "cykel",
      title: "<img src=x onerror=alert(1)> Cykel ‮ 🇩🇰",
      descriptionHtml: description,
      vendor: "مرحبا",
      productType: "",
      status: "ACTIVE",
      tags: ["\u0000", "👩‍👩‍👧‍👦"],
      isGiftCard: false,
      category: null,
      seo: { title: null, description: null },
      onlineStoreUrl: null,
      options: [],
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
    };
    const snapshot = await read([JSON.stringify(product)]);
    expect(snapshot.products[0]?.descriptionHtml).toBe(description);
    expect(snapshot.products[0]?.descriptionHtml.length).toBe(1_048_576);
    expect(snapshot.products[0]?.title).toBe(product.title);
    expect(snapshot.products[0]?.tags).toEqual(product.tags);
  });

  it("an empty file is a catalog without products, and without inventory data", async () => {
    const snapshot = await read([]);
    expect(snapshot.products).toEqual([]);
    expect(snapshot.locations).toBeNull();
    expect(snapshot.shop.domain).toBe("bulk.jsonl");
  });
});

describe("broken files", () => {
  /** A catalog with at least one child line. */
  const withChildren = catalogs.filter((c) =>
    c.products.some((p) => p.variants.length + p.media.length + p.collections.length > 0),
  );

  it("a child moved before its parent fails on the child's line", async () => {
    await fc.assert(
      fc.asyncProperty(withChildren, picks, fc.nat(), async (catalog, order, which) => {
        const lines = toJsonl(catalog, order);
        const childIndexes = lines.flatMap((l, i) =>
          l.includes('"__parentId":"gid://shopify/Product/') ? [i] : [],
        );
        const child = childIndexes[which % childIndexes.length] ?? 0;
        const parentId = (JSON.parse(lines[child] ?? "{}") as { __parentId: string }).__parentId;
        const parent = lines.findIndex((l) => {
          const o = JSON.parse(l) as { id: string; __parentId?: string };
          return o.id === parentId && o.__parentId === undefined;
        });
        const moved = [...lines];
        const [line] = moved.splice(child, 1);
        moved.splice(parent, 0, line ?? "");
        const error = await jsonlError(read(moved));
        expect(error.kind).toBe("orphan");
        expect(error.line).toBe(parent + 1);
        expect(error.message).toMatch(new RegExp(`^line ${parent + 1}: `));
      }),
      { numRuns: 100 },
    );
  });

  it("a file cut anywhere fails, naming the line where it ends", async () => {
    const nonEmpty = catalogs.filter((c) => c.products.length > 0);
    await fc.assert(
      fc.asyncProperty(
        nonEmpty,
        picks,
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        async (catalog, order, at) => {
          const lines = toJsonl(catalog, order);
          const text = `${lines.join("\n")}\n`;
          const cut = text.slice(0, Math.floor(at * (text.length - 1)));
          const cutLines = cut.split("\n");
          if (cutLines.at(-1) === "") cutLines.pop();
          const error = await jsonlError(read(cutLines, lines.length));
          expect(["malformed", "truncated"]).toContain(error.kind);
          expect(error.line).toBe(cutLines.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  const product = (id: number) =>
    JSON.stringify({
      id: `gid://shopify/Product/${id}`,
      legacyResourceId: String(id),
      handle: `p${id}`,
      title: `P${id}`,
      descriptionHtml: "",
      vendor: "",
      productType: "",
      status: "ACTIVE",
      tags: [],
      isGiftCard: false,
      category: null,
      seo: { title: null, description: null },
      onlineStoreUrl: null,
      options: [],
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
    });
  const media = (id: number, parent: number) =>
    JSON.stringify({
      id: `gid://shopify/MediaImage/${id}`,
      alt: null,
      preview: null,
      __parentId: `gid://shopify/Product/${parent}`,
    });

  it.each([
    ["not JSON", [product(1), "{not json", media(5, 1)], 2, "malformed", /not valid JSON/],
    ["not an object", [product(1), "[1,2]"], 2, "malformed", /not a JSON object/],
    [
      "a wrong field type",
      [product(1), product(2).replace('"title":"P2"', '"title":2')],
      2,
      "malformed",
      /title must be a string/,
    ],
    [
      "a bad enum",
      [product(1).replace('"ACTIVE"', '"SOLD"')],
      1,
      "malformed",
      /status must be one of/,
    ],
    [
      "an unknown parent",
      [product(1), media(5, 1), media(6, 7)],
      3,
      "orphan",
      /gid:\/\/shopify\/Product\/7, which did not appear/,
    ],
    ["a duplicate product", [product(1), product(1)], 2, "malformed", /appears twice/],
    [
      "an object the queries do not produce",
      [product(1), '{"id":"gid://shopify/Order/1"}'],
      2,
      "unexpected",
      /Order without __parentId/,
    ],
    [
      "a child of the wrong kind",
      [
        product(1),
        JSON.stringify({
          id: "gid://shopify/InventoryLevel/1",
          __parentId: "gid://shopify/Product/1",
        }),
      ],
      2,
      "unexpected",
      /InventoryLevel under a product/,
    ],
    ["no GID", [product(1), '{"id":7}'], 2, "malformed", /no Shopify GID/],
  ])("%s fails on its line", async (_name, lines, line, kind, message) => {
    const error = await jsonlError(read(lines));
    expect({ line: error.line, kind: error.kind }).toEqual({ line, kind });
    expect(error.message).toMatch(message);
  });

  it("fewer objects than the operation reported is a truncated file", async () => {
    const error = await jsonlError(read([product(1), media(5, 1)], 3));
    expect(error).toMatchObject({ kind: "truncated", line: 2 });
  });
});
