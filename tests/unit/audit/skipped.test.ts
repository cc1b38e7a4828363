/**
 * Data a source did not provide is `null` in the snapshot. A rule that needs it does not run,
 * and says why; it never reports "missing" for "not collected".
 */
import { describe, expect, it } from "vitest";
import { parseProductCsv } from "~/snapshot/domain/csv/product-csv";
import { runProductQa } from "~/product-qa/domain/run";
import { snapshotFromCsv } from "~/snapshot/domain/from-csv";
import type { SnapshotProduct, StoreSnapshot } from "~/snapshot/domain/types";
import { product, snapshot, variant } from "./builders";

/** What a CSV export cannot say: collections, publishing, weights, stock. */
function notCollected(p: SnapshotProduct): SnapshotProduct {
  return {
    ...p,
    collectionIds: null,
    publishedOnlineStore: null,
    variants: p.variants.map((v) => ({
      ...v,
      weight: null,
      inventoryQuantity: null,
      inventoryLevels: null,
    })),
  };
}

const csvSource = (csvFormat: "legacy" | "current"): StoreSnapshot["source"] => ({
  kind: "csv",
  name: "acme.myshopify.com.csv",
  collectedAt: "2026-01-05T00:00:00Z",
  strategy: null,
  csvFormat,
});

describe("rules whose input was not collected", () => {
  it("are skipped with the reason, and report nothing", () => {
    const products = [product(), product()].map(notCollected);
    const result = runProductQa(
      snapshot(products, { source: csvSource("legacy"), collections: null, locations: null }),
    );
    expect(result.skipped).toEqual([
      {
        ruleId: "product.missing-category",
        reason: "Product categories are not in CSV exports of the legacy format (before 2021).",
      },
      {
        ruleId: "product.not-in-collection",
        reason: "Collection membership was not collected from a product CSV export.",
      },
      {
        ruleId: "product.unpublished-online-store",
        reason: "Online Store publishing was not collected from a product CSV export.",
      },
      {
        ruleId: "variant.zero-weight",
        reason: "Variant weights were not collected from a product CSV export.",
      },
      {
        ruleId: "variant.out-of-stock-active",
        reason: "Inventory quantities were not collected from a product CSV export.",
      },
      {
        ruleId: "variant.negative-inventory",
        reason: "Inventory quantities were not collected from a product CSV export.",
      },
    ]);
    expect(result.findings).toEqual([]);
    expect(result.stats.rulesRun).toBe(20);
  });

  it("run when one product has the data, and leave the others' unknowns alone", () => {
    const known = product({ collectionIds: [] });
    const unknown = notCollected(product());
    const result = runProductQa(snapshot([known, unknown]));
    expect(result.skipped).toEqual([]);
    expect(result.findings.map((f) => f.key)).toEqual([`product.not-in-collection:${known.id}`]);
  });

  it("use the total when per-location stock is unknown, and the levels when the total is", () => {
    const totalOnly = variant({ inventoryQuantity: 0, inventoryLevels: null });
    const levelsOnly = variant({
      inventoryQuantity: null,
      inventoryLevels: [{ locationId: "gid://shopify/Location/1", available: 0 }],
    });
    const neither = variant({ inventoryQuantity: null, inventoryLevels: null });
    const result = runProductQa(
      snapshot([product({ variants: [totalOnly, levelsOnly, neither] })]),
    );
    expect(result.findings.map((f) => f.resource.id)).toEqual([totalOnly.id, levelsOnly.id]);
  });

  it("are judged on the products of the snapshot, so an empty catalog skips nothing", () => {
    const result = runProductQa(snapshot([], { source: csvSource("current") }));
    expect(result).toMatchObject({ findings: [], skipped: [], stats: { productsChecked: 0 } });
  });
});

describe("a product CSV export, through the app's CSV snapshot builder", () => {
  const CURRENT = [
    "Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published on online store,Status,Variant SKU,Variant Price,Variant Barcode,Image Src,Image Alt Text",
    `telt,Telt,<p>${"ord ".repeat(60)}</p>,Fjordløber,,Telt,,true,active,T-1,999.00,5701234567899,https://cdn.example/telt.jpg,Telt`,
  ].join("\n");

  it("finds what the file says is missing (here: the category), and skips what it has no column for", async () => {
    const { columns, products } = parseProductCsv(CURRENT);
    const snap = await snapshotFromCsv(products, csvSource("current"), { columns: () => columns });
    const result = runProductQa(snap);
    expect(result.findings.map((f) => f.ruleId)).toEqual([
      "product.few-images",
      "product.missing-category",
    ]);
    // No SEO, weight or inventory columns: skipped, not "every product lacks an SEO title".
    expect(result.skipped.map((s) => s.ruleId)).toEqual([
      "product.not-in-collection",
      "seo.missing-title",
      "seo.missing-description",
      "seo.title-length",
      "seo.description-length",
      "variant.compare-at-below-price",
      "variant.zero-weight",
      "variant.out-of-stock-active",
      "variant.negative-inventory",
    ]);
    expect(result.skipped.find((s) => s.ruleId === "seo.missing-title")?.reason).toBe(
      'SEO titles are not in this file: it has no "SEO Title" column.',
    );
    // No numeric ids in a CSV: the link searches admin for the handle.
    expect(result.findings[0]?.fixUrl).toBe(
      "https://admin.shopify.com/store/acme/products?query=telt",
    );
  });

  it("without the header (snapshots stored before per-column reading), judges from the values", async () => {
    const snap = await snapshotFromCsv(parseProductCsv(CURRENT).products, csvSource("current"));
    const result = runProductQa(snap);
    expect(result.findings.map((f) => f.ruleId)).toContain("seo.missing-title");
    expect(result.skipped.map((s) => s.ruleId)).not.toContain("seo.missing-title");
  });
});
