/**
 * Header recognition for Shopify product CSVs.
 *
 * Columns are found by name, never by position: Shopify has reordered and renamed them over
 * the years, spreadsheet users move them around, and market/metafield columns
 * ("Price / International", "Color (product.metafields…)") vary per shop. Names compare
 * case-insensitively with whitespace collapsed. Each field lists the legacy name first, then the
 * names of the 2024+ template ("URL handle", "Description", "Price", …). Unknown columns are
 * ignored.
 */
import { CsvError } from "./csv-error";
import type { ProductCsvFormat } from "./product-csv-types";

const COLUMN_NAMES = {
  handle: ["Handle", "URL handle"],
  title: ["Title"],
  bodyHtml: ["Body (HTML)", "Description"],
  vendor: ["Vendor"],
  category: ["Product Category"],
  productType: ["Type"],
  tags: ["Tags"],
  published: ["Published", "Published on online store"],
  status: ["Status"],
  option1Name: ["Option1 Name"],
  option1Value: ["Option1 Value"],
  option2Name: ["Option2 Name"],
  option2Value: ["Option2 Value"],
  option3Name: ["Option3 Name"],
  option3Value: ["Option3 Value"],
  sku: ["Variant SKU", "SKU"],
  grams: ["Variant Grams", "Weight value (grams)"],
  inventoryTracker: ["Variant Inventory Tracker", "Inventory tracker"],
  inventoryQty: ["Variant Inventory Qty", "Inventory quantity"],
  inventoryPolicy: ["Variant Inventory Policy"],
  continueSelling: ["Continue selling when out of stock"],
  fulfillmentService: ["Variant Fulfillment Service", "Fulfillment service"],
  price: ["Variant Price", "Price"],
  compareAtPrice: ["Variant Compare At Price", "Compare-at price"],
  costPerItem: ["Cost per item"],
  requiresShipping: ["Variant Requires Shipping", "Requires shipping"],
  taxable: ["Variant Taxable", "Charge tax"],
  barcode: ["Variant Barcode", "Barcode"],
  imageSrc: ["Image Src", "Product image URL"],
  imagePosition: ["Image Position"],
  imageAlt: ["Image Alt Text"],
  variantImage: ["Variant Image", "Variant image URL"],
  weightUnit: ["Variant Weight Unit", "Weight unit for display"],
  giftCard: ["Gift Card"],
  seoTitle: ["SEO Title"],
  seoDescription: ["SEO Description"],
  collection: ["Collection"],
} as const satisfies Record<string, readonly string[]>;

export type ColumnKey = keyof typeof COLUMN_NAMES;

/** Where a known field sits in the file, and its header as the file spells it (for messages). */
export interface ColumnMap {
  readonly format: ProductCsvFormat;
  index(key: ColumnKey): number | undefined;
  header(key: ColumnKey): string;
}

function normalise(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

const KEY_BY_NAME = new Map<string, ColumnKey>(
  (Object.entries(COLUMN_NAMES) as [ColumnKey, readonly string[]][]).flatMap(([key, names]) =>
    names.map((name) => [normalise(name), key] as const),
  ),
);

/** Reads the header record; `line` is where it starts in the file. */
export function mapColumns(header: string[], line: number): ColumnMap {
  const indexByKey = new Map<ColumnKey, number>();
  header.forEach((name, index) => {
    const key = KEY_BY_NAME.get(normalise(name));
    if (key === undefined) return;
    const previous = indexByKey.get(key);
    if (previous !== undefined) {
      throw new CsvError(
        line,
        "duplicate-column",
        `columns "${header[previous]}" and "${name}" both hold ${COLUMN_NAMES[key][0]}`,
      );
    }
    indexByKey.set(key, index);
  });
  for (const required of ["handle", "title"] as const) {
    if (!indexByKey.has(required)) {
      const names = COLUMN_NAMES[required].map((n) => `"${n}"`).join(" or ");
      throw new CsvError(
        line,
        "missing-column",
        `the header has no ${names} column; is this a Shopify product CSV?`,
      );
    }
  }
  // Status and Product Category arrived together with product statuses (2021); the legacy
  // export has neither, and its Published column is the only visibility signal.
  const format: ProductCsvFormat =
    indexByKey.has("status") || indexByKey.has("category") ? "current" : "legacy";
  return {
    format,
    index: (key) => indexByKey.get(key),
    header: (key) => {
      const index = indexByKey.get(key);
      return index === undefined
        ? COLUMN_NAMES[key][0]
        : (header[index] ?? COLUMN_NAMES[key][0]).trim();
    },
  };
}
