/**
 * Every product CSV export Shopify has produced (tests/fixtures/product-csv, headers from the
 * sources in its README), and a copy a merchant edited: the reader finds the same products
 * under every header, and what a file holds is decided per column, never from its generation.
 * A rule whose data the file does not have is skipped with the reason, never fired.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseProductCsv } from "~/snapshot/domain/csv/product-csv";
import type { CsvProduct } from "~/snapshot/domain/csv/product-csv-types";
import { PRODUCT_QA_RULES } from "~/product-qa/domain/catalog";
import { exemptionCaveats } from "~/product-qa/domain/context";
import { runProductQa } from "~/product-qa/domain/run";
import { snapshotFromCsv } from "~/snapshot/domain/from-csv";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import { csvCell } from "./support/product-csv-writer";

const FIXTURES = new URL("../../fixtures/product-csv/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");

async function snapshotOf(text: string): Promise<StoreSnapshot> {
  const { columns, products } = parseProductCsv(text);
  return snapshotFromCsv(
    products,
    {
      kind: "csv",
      name: "fjeldgrej.myshopify.com.csv",
      collectedAt: "2026-01-05T00:00:00Z",
      strategy: null,
    },
    { columns: () => columns },
  );
}

/** A plain RFC 4180 split (the fixtures have no line breaks inside cells), for the tests' own view. */
function table(text: string): string[][] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => {
      const cells: string[] = [];
      let cell = "";
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted && c === '"' && line[i + 1] === '"') [cell, i] = [`${cell}"`, i + 1];
        else if (c === '"') quoted = !quoted;
        else if (c === "," && !quoted) [cells[cells.length], cell] = [cell, ""];
        else cell += c;
      }
      cells.push(cell);
      return cells;
    });
}

const ruleIds = (ids: { ruleId: string }[]) => [...new Set(ids.map((x) => x.ruleId))];

describe("a 2021 export: Status, but no Product Category column", () => {
  it("reads the statuses, holds no categories, and skips product.missing-category instead of firing it on every product", async () => {
    const snapshot = await snapshotOf(fixture("2021-export.csv"));
    expect(snapshot.products.map((p) => [p.handle, p.status])).toEqual([
      ["trail-tent", "ACTIVE"],
      ["gift-card", "ACTIVE"],
      ["wool-beanie", "DRAFT"],
    ]);
    const result = runProductQa(snapshot);
    expect(result.findings.filter((f) => f.ruleId === "product.missing-category")).toEqual([]);
    expect(result.skipped).toContainEqual({
      ruleId: "product.missing-category",
      reason: 'Product categories are not in this file: it has no "Product Category" column.',
    });
    // Status is there, so the rules about active products run: the sand tent is sold out.
    expect(result.ran).toContain("variant.out-of-stock-active");
    expect(
      result.findings
        .filter((f) => f.ruleId === "variant.out-of-stock-active")
        .map((f) => f.resource.type === "variant" && f.resource.variantSku),
    ).toEqual(["TT-SND"]);
  });
});

/** What each file lacks, from the README's table (the Collection column is import-only). */
const GENERATIONS: [file: string, format: "legacy" | "current", lacks: string[]][] = [
  ["2020-export.csv", "legacy", ["category", "status", "collections"]],
  ["2021-export.csv", "current", ["category", "collections"]],
  ["2022-standardized-type.csv", "current", ["collections"]],
  ["2023-export.csv", "current", ["collections"]],
  ["2024-template.csv", "current", ["collections"]],
  [
    "merchant-edited.csv",
    "legacy",
    [
      "category",
      "status",
      "publication",
      "giftCard",
      "seoTitle",
      "seoDescription",
      "imageAlt",
      "barcode",
      "weight",
      "collections",
    ],
  ],
];

/** The fields every generation has, as the 2023 export reads them. */
function core(products: CsvProduct[]) {
  return products.map((p) => ({
    handle: p.handle,
    title: p.title,
    bodyHtml: p.bodyHtml,
    vendor: p.vendor,
    productType: p.productType,
    tags: p.tags,
    options: p.options,
    images: p.images.map((i) => i.src),
    variants: p.variants.map((v) => [v.optionValues, v.sku, v.price, v.inventoryQty]),
  }));
}

describe.each(GENERATIONS)("%s", (file, format, lacks) => {
  const text = fixture(file);

  it("reads the same products as the 2023 export, whatever the header's names and order", () => {
    const { format: read, products } = parseProductCsv(text);
    expect(read).toBe(format);
    expect(core(products)).toEqual(core(parseProductCsv(fixture("2023-export.csv")).products));
  });

  it("lacks exactly the data it has no column for", async () => {
    const snapshot = await snapshotOf(text);
    expect(Object.keys(snapshot.source.notCollected ?? {}).sort()).toEqual([...lacks].sort());
    expect(snapshot.source.csvFormat).toBe(format);
  });
});

describe("what each generation holds", () => {
  it("2021–2022: the Standardized Product Type is the category, the Custom Product Type the type", () => {
    const { products } = parseProductCsv(fixture("2022-standardized-type.csv"));
    expect(products.map((p) => [p.category, p.productType])).toEqual([
      ["Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents", "Tents"],
      ["Arts & Entertainment > Party & Celebration > Gift Giving > Gift Cards", "Gift card"],
      [null, "Hats"],
    ]);
  });

  it("2022–2023: market prices per market, from the price columns a row fills in", () => {
    const [tent] = parseProductCsv(fixture("2023-export.csv")).products;
    expect(tent?.variants.map((v) => v.marketPrices)).toEqual([
      [
        { market: "United States", price: "299.00", compareAtPrice: null },
        { market: "International", price: "279.00", compareAtPrice: "319.00" },
      ],
      [{ market: "International", price: "279.00", compareAtPrice: null }],
    ]);
  });

  it("a market price that is not a price fails on its line, naming the market's column", () => {
    const broken = fixture("2023-export.csv").replace(",279.00,319.00,", ",free,319.00,");
    expect(() => parseProductCsv(broken)).toThrow(
      'line 2: Price / International "free" is not a price (a number, not negative)',
    );
  });

  it("2024+: 'Continue selling when out of stock' as DENY/CONTINUE, and every renamed column", async () => {
    const snapshot = await snapshotOf(fixture("2024-template.csv"));
    const variants = snapshot.products.flatMap((p) => p.variants);
    expect(variants.map((v) => [v.sku, v.inventoryPolicy, v.weight])).toEqual([
      ["TT-GRN", "DENY", { value: 2.1, unit: "KILOGRAMS" }],
      ["TT-SND", "DENY", { value: 2.1, unit: "KILOGRAMS" }],
      [null, "DENY", { value: 0, unit: "KILOGRAMS" }],
      [null, "DENY", { value: 0, unit: "KILOGRAMS" }],
      ["WB-1", "CONTINUE", { value: 0, unit: "GRAMS" }],
    ]);
    const [tent, giftCard] = snapshot.products;
    expect(tent).toMatchObject({
      seo: { title: "Trail Tent 2P – light three-season tent" },
      publishedOnlineStore: true,
      category: { fullName: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents" },
    });
    expect(tent?.media.map((m) => m.alt)).toEqual(["Green tent pitched on a meadow", null]);
    expect(giftCard?.isGiftCard).toBe(true);
  });
});

describe("a missing column is named as the file's generation names it", () => {
  it("2024+ template without Product category and Barcode", async () => {
    const [header = [], ...rows] = table(fixture("2024-template.csv"));
    const drop = new Set(["Product category", "Barcode"].map((name) => header.indexOf(name)));
    const text = [header, ...rows]
      .map((cells) =>
        cells
          .filter((_, i) => !drop.has(i))
          .map(csvCell)
          .join(","),
      )
      .join("\n");
    const snapshot = await snapshotOf(text);
    expect(snapshot.source.notCollected).toMatchObject({
      category: '"Product category" column',
      barcode: '"Barcode" column',
    });
  });
});

describe("a merchant-edited export: columns removed and reordered", () => {
  it("skips every rule whose column was removed, fires none of them, and says which exemptions it could not apply", async () => {
    const snapshot = await snapshotOf(fixture("merchant-edited.csv"));
    const result = runProductQa(snapshot);
    const skipped = ruleIds(result.skipped);
    expect(skipped.sort()).toEqual(
      [
        "image.missing-alt",
        "product.missing-category",
        "product.not-in-collection",
        "product.unpublished-online-store",
        "seo.description-length",
        "seo.missing-description",
        "seo.missing-title",
        "seo.title-length",
        "variant.duplicate-barcode",
        "variant.invalid-barcode",
        "variant.missing-barcode",
        "variant.out-of-stock-active",
        "variant.zero-weight",
      ].sort(),
    );
    for (const id of skipped) expect(ruleIds(result.findings)).not.toContain(id);
    expect(result.skipped.find((s) => s.ruleId === "seo.missing-title")?.reason).toBe(
      'SEO titles are not in this file: it has no "SEO Title" column.',
    );
    // Still read: the negative stock of the beanie, from its moved quantity column.
    expect(
      result.findings
        .filter((f) => f.ruleId === "variant.negative-inventory")
        .map((f) => f.message),
    ).toEqual(["-2 available in total."]);
    expect(exemptionCaveats(snapshot)).toEqual([
      expect.stringMatching(/^The file has no "Status" column: archived, draft and unlisted/),
      expect.stringMatching(/^The file has no "Gift Card" column: gift cards cannot be told apart/),
    ]);
  });
});

/** The columns of the 2023 export each rule reads, written out here rather than taken from the code. */
const RULE_COLUMNS: Record<string, string[]> = {
  "product.missing-image": ["Image Src"],
  "product.few-images": ["Image Src"],
  "image.missing-alt": ["Image Src", "Image Alt Text"],
  "product.missing-description": ["Body (HTML)"],
  "product.short-description": ["Body (HTML)"],
  "product.placeholder-copy": [],
  "product.duplicate-title": [],
  "product.missing-vendor": ["Vendor"],
  "product.missing-type": ["Type"],
  "product.missing-category": ["Product Category"],
  "product.not-in-collection": ["Collection"],
  "product.unpublished-online-store": ["Published", "Status"],
  "seo.missing-title": ["SEO Title"],
  "seo.missing-description": ["SEO Description"],
  "seo.title-length": ["SEO Title"],
  "seo.description-length": ["SEO Description"],
  "variant.zero-price": ["Variant Price"],
  "variant.compare-at-below-price": ["Variant Price", "Variant Compare At Price"],
  "variant.missing-sku": ["Variant SKU"],
  "variant.duplicate-sku": ["Variant SKU"],
  "variant.missing-barcode": ["Variant Barcode"],
  "variant.invalid-barcode": ["Variant Barcode"],
  "variant.duplicate-barcode": ["Variant Barcode"],
  "variant.zero-weight": ["Variant Grams"],
  "variant.out-of-stock-active": ["Variant Inventory Qty", "Variant Inventory Tracker", "Status"],
  "variant.negative-inventory": ["Variant Inventory Qty", "Variant Inventory Tracker"],
};

describe("any subset of the columns, in any order", () => {
  const [header = [], ...rows] = table(fixture("2023-export.csv"));
  // Handle and Title identify a product; the option columns shape the variants (without them a
  // file cannot be read at all, which is not the question here).
  const kept = new Set(["Handle", "Title", "Option1 Name", "Option1 Value", "Variant Price"]);
  const optional = header.map((_, i) => i).filter((i) => !kept.has(header[i] ?? ""));

  it("skips exactly the rules whose columns are gone, and reports nothing for them", async () => {
    expect(PRODUCT_QA_RULES.map((r) => r.id).sort()).toEqual(Object.keys(RULE_COLUMNS).sort());
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(optional),
        fc.array(fc.nat(), { minLength: header.length, maxLength: header.length }),
        async (dropped, order) => {
          const keep = header
            .map((_, i) => i)
            .filter((i) => !dropped.includes(i))
            .sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0) || a - b);
          const text = [header, ...rows]
            .map((cells) => keep.map((i) => csvCell(cells[i] ?? "")).join(","))
            .join("\n");
          const present = new Set(keep.map((i) => header[i]));
          const result = runProductQa(await snapshotOf(text));
          const skipped = new Set(ruleIds(result.skipped));
          for (const [ruleId, columns] of Object.entries(RULE_COLUMNS)) {
            const complete = columns.every((c) => present.has(c));
            expect(skipped.has(ruleId), `${ruleId} with ${[...present].join("|")}`).toBe(!complete);
            if (!complete) expect(ruleIds(result.findings)).not.toContain(ruleId);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
