/**
 * Test-only writer: serialises `CsvProduct`s the way Shopify's export lays them out (product
 * fields on the first row, variant i and image i side by side on row i, then image-only rows),
 * in one of three header styles. Used for round-trip and fuzz tests of the reader.
 */
import type { CsvProduct } from "~/snapshot/domain/csv/product-csv-types";

export type HeaderStyle = "legacy" | "current" | "template2025";

type Field =
  | "handle"
  | "title"
  | "body"
  | "vendor"
  | "category"
  | "type"
  | "tags"
  | "published"
  | "status"
  | "o1n"
  | "o1v"
  | "o2n"
  | "o2v"
  | "o3n"
  | "o3v"
  | "sku"
  | "grams"
  | "tracker"
  | "qty"
  | "policy"
  | "continueSelling"
  | "fulfillment"
  | "price"
  | "compareAt"
  | "cost"
  | "requiresShipping"
  | "taxable"
  | "barcode"
  | "imageSrc"
  | "imagePosition"
  | "imageAlt"
  | "giftCard"
  | "seoTitle"
  | "seoDescription"
  | "variantImage"
  | "weightUnit"
  | "collection";

const GOOGLE = [
  "Google Shopping / Google Product Category",
  "Google Shopping / Gender",
  "Google Shopping / Age Group",
  "Google Shopping / MPN",
  "Google Shopping / AdWords Grouping",
  "Google Shopping / AdWords Labels",
  "Google Shopping / Condition",
  "Google Shopping / Custom Product",
  "Google Shopping / Custom Label 0",
  "Google Shopping / Custom Label 1",
  "Google Shopping / Custom Label 2",
  "Google Shopping / Custom Label 3",
  "Google Shopping / Custom Label 4",
];

/** [header, field or null for a column the reader must ignore]. */
const HEADERS: Record<HeaderStyle, [string, Field | null][]> = {
  // The 44 columns of the pre-2021 export, in its order.
  legacy: [
    ["Handle", "handle"],
    ["Title", "title"],
    ["Body (HTML)", "body"],
    ["Vendor", "vendor"],
    ["Type", "type"],
    ["Tags", "tags"],
    ["Published", "published"],
    ["Option1 Name", "o1n"],
    ["Option1 Value", "o1v"],
    ["Option2 Name", "o2n"],
    ["Option2 Value", "o2v"],
    ["Option3 Name", "o3n"],
    ["Option3 Value", "o3v"],
    ["Variant SKU", "sku"],
    ["Variant Grams", "grams"],
    ["Variant Inventory Tracker", "tracker"],
    ["Variant Inventory Qty", "qty"],
    ["Variant Inventory Policy", "policy"],
    ["Variant Fulfillment Service", "fulfillment"],
    ["Variant Price", "price"],
    ["Variant Compare At Price", "compareAt"],
    ["Variant Requires Shipping", "requiresShipping"],
    ["Variant Taxable", "taxable"],
    ["Variant Barcode", "barcode"],
    ["Image Src", "imageSrc"],
    ["Image Alt Text", "imageAlt"],
    ["Gift Card", "giftCard"],
    ["SEO Title", "seoTitle"],
    ["SEO Description", "seoDescription"],
    ...GOOGLE.map((g): [string, null] => [g, null]),
    ["Variant Image", "variantImage"],
    ["Variant Weight Unit", "weightUnit"],
  ],
  // The 2021–2024 export: adds Product Category, Image Position, Cost per item, market columns and Status.
  current: [
    ["Handle", "handle"],
    ["Title", "title"],
    ["Body (HTML)", "body"],
    ["Vendor", "vendor"],
    ["Product Category", "category"],
    ["Type", "type"],
    ["Tags", "tags"],
    ["Published", "published"],
    ["Option1 Name", "o1n"],
    ["Option1 Value", "o1v"],
    ["Option2 Name", "o2n"],
    ["Option2 Value", "o2v"],
    ["Option3 Name", "o3n"],
    ["Option3 Value", "o3v"],
    ["Variant SKU", "sku"],
    ["Variant Grams", "grams"],
    ["Variant Inventory Tracker", "tracker"],
    ["Variant Inventory Qty", "qty"],
    ["Variant Inventory Policy", "policy"],
    ["Variant Fulfillment Service", "fulfillment"],
    ["Variant Price", "price"],
    ["Variant Compare At Price", "compareAt"],
    ["Variant Requires Shipping", "requiresShipping"],
    ["Variant Taxable", "taxable"],
    ["Variant Barcode", "barcode"],
    ["Image Src", "imageSrc"],
    ["Image Position", "imagePosition"],
    ["Image Alt Text", "imageAlt"],
    ["Gift Card", "giftCard"],
    ["SEO Title", "seoTitle"],
    ["SEO Description", "seoDescription"],
    ...GOOGLE.map((g): [string, null] => [g, null]),
    ["Variant Image", "variantImage"],
    ["Variant Weight Unit", "weightUnit"],
    ["Variant Tax Code", null],
    ["Cost per item", "cost"],
    ["Included / Denmark", null],
    ["Price / International", null],
    ["Compare At Price / International", null],
    ["Collection", "collection"],
    ["Status", "status"],
  ],
  // Shopify's 2025 template: new names, new order, Title first.
  template2025: [
    ["Title", "title"],
    ["URL handle", "handle"],
    ["Description", "body"],
    ["Vendor", "vendor"],
    ["Product category", "category"],
    ["Type", "type"],
    ["Tags", "tags"],
    ["Published on online store", "published"],
    ["Status", "status"],
    ["SKU", "sku"],
    ["Barcode", "barcode"],
    ["Option1 name", "o1n"],
    ["Option1 value", "o1v"],
    ["Option1 Linked To", null],
    ["Option2 name", "o2n"],
    ["Option2 value", "o2v"],
    ["Option2 Linked To", null],
    ["Option3 name", "o3n"],
    ["Option3 value", "o3v"],
    ["Option3 Linked To", null],
    ["Price", "price"],
    ["Compare-at price", "compareAt"],
    ["Cost per item", "cost"],
    ["Charge tax", "taxable"],
    ["Tax code", null],
    ["Inventory tracker", "tracker"],
    ["Inventory quantity", "qty"],
    ["Continue selling when out of stock", "continueSelling"],
    ["Weight value (grams)", "grams"],
    ["Weight unit for display", "weightUnit"],
    ["Requires shipping", "requiresShipping"],
    ["Fulfillment service", "fulfillment"],
    ["Product image URL", "imageSrc"],
    ["Image position", "imagePosition"],
    ["Image alt text", "imageAlt"],
    ["Variant image URL", "variantImage"],
    ["Gift card", "giftCard"],
    ["SEO title", "seoTitle"],
    ["SEO description", "seoDescription"],
    ["Color (product.metafields.shopify.color-pattern)", null],
  ],
};

/** Which optional fields each style can carry (the others must be null in a round trip). */
export const STYLE_SUPPORTS: Record<
  HeaderStyle,
  { status: boolean; category: boolean; imagePosition: boolean; cost: boolean; collection: boolean }
> = {
  legacy: { status: false, category: false, imagePosition: false, cost: false, collection: false },
  current: { status: true, category: true, imagePosition: true, cost: true, collection: true },
  template2025: {
    status: true,
    category: true,
    imagePosition: true,
    cost: true,
    collection: false,
  },
};

export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const bool = (b: boolean | null): string => (b === null ? "" : b ? "TRUE" : "FALSE");
/** Shopify's apostrophe guard, so a spreadsheet keeps leading zeros and long digit strings. */
const guard = (v: string | null): string =>
  v === null ? "" : /^\d+$/.test(v) || v.startsWith("'") ? `'${v}` : v;

function rows(p: CsvProduct): Partial<Record<Field, string>>[] {
  const count = Math.max(1, p.variants.length, p.images.length);
  return Array.from({ length: count }, (_, i) => {
    const row: Partial<Record<Field, string>> = { handle: p.handle };
    if (i === 0) {
      Object.assign(row, {
        title: p.title,
        body: p.bodyHtml,
        vendor: p.vendor,
        category: p.category ?? "",
        type: p.productType,
        tags: p.tags.join(", "),
        published: bool(p.published),
        status: p.status ?? "",
        giftCard: bool(p.giftCard),
        seoTitle: p.seo.title ?? "",
        seoDescription: p.seo.description ?? "",
        collection: p.collection ?? "",
        o1n: p.options[0]?.name ?? "",
        o2n: p.options[1]?.name ?? "",
        o3n: p.options[2]?.name ?? "",
      });
    }
    const v = p.variants[i];
    if (v) {
      Object.assign(row, {
        o1v: v.optionValues[0] ?? "",
        o2v: v.optionValues[1] ?? "",
        o3v: v.optionValues[2] ?? "",
        sku: guard(v.sku),
        barcode: guard(v.barcode),
        grams: v.grams === null ? "" : String(v.grams),
        tracker: v.inventoryTracker ?? "",
        qty: v.inventoryQty === null ? "" : String(v.inventoryQty),
        policy: v.inventoryPolicy ?? "",
        continueSelling: v.inventoryPolicy === null ? "" : bool(v.inventoryPolicy === "continue"),
        fulfillment: v.fulfillmentService ?? "",
        price: v.price ?? "",
        compareAt: v.compareAtPrice ?? "",
        cost: v.costPerItem ?? "",
        requiresShipping: bool(v.requiresShipping),
        taxable: bool(v.taxable),
        variantImage: v.imageSrc ?? "",
        weightUnit: v.weightUnit ?? "",
      });
    }
    const image = p.images[i];
    if (image) {
      Object.assign(row, {
        imageSrc: image.src,
        imagePosition: image.position === null ? "" : String(image.position),
        imageAlt: image.alt ?? "",
      });
    }
    return row;
  });
}

export function writeProductCsv(products: CsvProduct[], style: HeaderStyle, eol = "\n"): string {
  const header = HEADERS[style];
  const lines = [header.map(([name]) => csvCell(name)).join(",")];
  for (const p of products) {
    for (const row of rows(p))
      lines.push(
        header.map(([, field]) => csvCell(field === null ? "" : (row[field] ?? ""))).join(","),
      );
  }
  return lines.join(eol) + eol;
}
