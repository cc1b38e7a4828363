/**
 * Header recognition for Shopify product CSVs.
 *
 * Columns are found by name, never by position: Shopify has reordered and renamed them over
 * the years, spreadsheet users move them around, and market/metafield columns
 * ("Price / International", "Color (product.metafields…)") vary per shop. Names compare
 * case-insensitively with whitespace collapsed. Each field lists the names Shopify's exports
 * have used for it: the classic name first ("Handle", "Variant SKU"), then the name of the
 * 2024+ template ("URL handle", "SKU"). Unknown columns are ignored.
 *
 * What a file holds is decided per column, never from its generation: a 2021 export with Status
 * but no Product Category has statuses and no categories; a merchant's copy without SEO Title
 * has no SEO titles, whatever else it has. `has(key)` is the only answer to "does the file say".
 * The generations and their headers are in tests/fixtures/product-csv/README.md.
 */
import { CsvError } from "./csv-error";
import type { ProductCsvFormat } from "./product-csv-types";

const COLUMN_NAMES = {
  handle: ["Handle", "URL handle"],
  title: ["Title"],
  bodyHtml: ["Body (HTML)", "Description"],
  vendor: ["Vendor"],
  category: ["Product Category"],
  /** 2021–2022: the taxonomy field `productCategory` replaced in October 2022. */
  standardizedType: ["Standardized Product Type", "Standard Product Type"],
  productType: ["Type"],
  /** 2021–2022: the merchant's own type, next to the standardized one; `productType` since. */
  customType: ["Custom Product Type"],
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

/**
 * How the 2024+ template spells a column whose name differs from the classic one beyond case
 * (for messages about a column a file of that generation lacks).
 */
const TEMPLATE_2024_NAMES: Partial<Record<ColumnKey, string>> = {
  handle: "URL handle",
  bodyHtml: "Description",
  category: "Product category",
  published: "Published on online store",
  option1Name: "Option1 name",
  option1Value: "Option1 value",
  sku: "SKU",
  grams: "Weight value (grams)",
  inventoryTracker: "Inventory tracker",
  inventoryQty: "Inventory quantity",
  price: "Price",
  compareAtPrice: "Compare-at price",
  barcode: "Barcode",
  imageSrc: "Product image URL",
  imagePosition: "Image position",
  imageAlt: "Image alt text",
  variantImage: "Variant image URL",
  weightUnit: "Weight unit for display",
  giftCard: "Gift card",
  seoTitle: "SEO title",
  seoDescription: "SEO description",
};

/** Prices of one market: "Price / International", "Compare At Price / International". */
export interface MarketColumns {
  /** The market's name as the header spells it. */
  market: string;
  price: number | undefined;
  compareAtPrice: number | undefined;
}

/** Where a known field sits in the file, and its header as the file spells it (for messages). */
export interface ColumnMap {
  readonly format: ProductCsvFormat;
  /** True when the file has the column: only then does it say anything about that field. */
  has(key: ColumnKey): boolean;
  index(key: ColumnKey): number | undefined;
  /** The column's header as the file spells it, or as the file's generation would. */
  header(key: ColumnKey): string;
  /** Market price columns, in header order of their first column. */
  readonly markets: readonly MarketColumns[];
}

function normalise(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

const KEY_BY_NAME = new Map<string, ColumnKey>(
  (Object.entries(COLUMN_NAMES) as [ColumnKey, readonly string[]][]).flatMap(([key, names]) =>
    names.map((name) => [normalise(name), key] as const),
  ),
);

/**
 * "Price / International", "Compare At Price / Europe", "Compare-at price / Denmark" (the
 * market part is the merchant's market name). "Included / <market>" says whether the product
 * is sold there; no rule reads it.
 */
const MARKET_COLUMN = /^(price|compare at price|compare-at price) \/ (.+)$/;

/** The known names a cut-off header field could be the beginning of. */
function completions(field: string): string[] {
  const start = normalise(field);
  if (start === "") return [];
  return Object.values(COLUMN_NAMES)
    .flat()
    .filter((name) => normalise(name).startsWith(start) && normalise(name) !== start);
}

/**
 * Reads the header record; `line` is where it starts in the file. `complete` is false when the
 * file ended inside the header (no line break after it): a header cut off mid-name must not read
 * as a header without that column.
 */
export function mapColumns(header: string[], line: number, complete = true): ColumnMap {
  if (!complete) {
    const last = header[header.length - 1] ?? "";
    const meant = completions(last);
    throw new CsvError(
      line,
      "truncated-header",
      `the file ends inside the header row, after "${last.trim()}"${meant.length > 0 ? ` (the start of "${meant[0]}"?)` : ""}, without a product row: it was cut off (a Shopify export ends every row with a line break)`,
    );
  }
  const indexByKey = new Map<ColumnKey, number>();
  const markets = new Map<string, MarketColumns>();
  header.forEach((name, index) => {
    const normalised = normalise(name);
    const key = KEY_BY_NAME.get(normalised);
    if (key === undefined) {
      const market = MARKET_COLUMN.exec(normalised);
      if (market === null) return;
      const marketName = name
        .trim()
        .slice(name.trim().indexOf("/") + 1)
        .trim();
      const id = normalise(marketName);
      const columns = markets.get(id) ?? {
        market: marketName,
        price: undefined,
        compareAtPrice: undefined,
      };
      const which = market[1] === "price" ? "price" : "compareAtPrice";
      if (columns[which] !== undefined)
        throw new CsvError(
          line,
          "duplicate-column",
          `columns "${header[columns[which]]}" and "${name}" both hold ${which === "price" ? "the price" : "the compare-at price"} in ${marketName}`,
        );
      columns[which] = index;
      markets.set(id, columns);
      return;
    }
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
  // A label for people ("legacy format"): exports before 2021 have neither Status nor Product
  // Category. Nothing is decided by it; `has` answers per column.
  const format: ProductCsvFormat =
    indexByKey.has("status") || indexByKey.has("category") ? "current" : "legacy";
  // The 2024+ template names the handle "URL handle"; a file of that generation would name a
  // column it lacks the same way.
  const template2024 = normalise(header[indexByKey.get("handle") ?? 0] ?? "") === "url handle";
  return {
    format,
    has: (key) => indexByKey.has(key),
    index: (key) => indexByKey.get(key),
    header: (key) => {
      const index = indexByKey.get(key);
      if (index !== undefined) return (header[index] ?? COLUMN_NAMES[key][0]).trim();
      return (template2024 ? TEMPLATE_2024_NAMES[key] : undefined) ?? COLUMN_NAMES[key][0];
    },
    markets: [...markets.values()],
  };
}
