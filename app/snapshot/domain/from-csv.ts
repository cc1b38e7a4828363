/**
 * Shopify product CSV export → StoreSnapshot (pure: `CsvProduct`s in, snapshot out).
 *
 * A CSV holds products only, so every other section is `null` (not collected), and it has no
 * ids: products, variants, media and collections get stable synthetic ids built from the handle
 * (`csv://product/<handle>`, `csv://variant/<handle>/<position>`, `csv://media/<handle>/<n>`,
 * `csv://collection/<title>`; handle and title URI-encoded, which leaves Shopify-style handles
 * as they are). Running the same file twice gives the same ids, so findings can be compared.
 * `line` / `lines` point findings back at the file.
 *
 * The snapshot mirrors what Shopify would hold after importing the file, so audits behave the
 * same on every source:
 * - Status: the Status column. The legacy export has none; there `Published` FALSE meant
 *   "hidden from the Online Store", and Shopify kept such products ACTIVE when statuses
 *   arrived. So a legacy product is ACTIVE, and `publishedOnlineStore` is the Published cell
 *   (null when the file leaves it empty: the file does not say).
 * - A product without options has Shopify's single option "Title" / "Default Title"; a product
 *   without variant rows gets the one "Default Title" variant Shopify creates, priced 0.00 and
 *   pointing at the product's first line. An empty price is 0.00, as Shopify imports it.
 * - Inventory: `Variant Inventory Qty` is the quantity (null when empty); it is per location in
 *   Shopify but the file does not name the location, so `inventoryLevels` is null. Tracked when
 *   the tracker is "shopify"; policy DENY and shipping required unless the file says otherwise.
 * - Weight: `Variant Grams` in the variant's display unit (grams when none); null when empty.
 * - Media: images by Image Position (file order without one), one per distinct URL, plus any
 *   Variant Image not among them, as Shopify adds it.
 * - Collections: one custom collection per distinct Collection cell. `CsvProduct` cannot tell an
 *   absent Collection column from an empty one, so a file that names no collection at all has
 *   no collection data (`null`), which keeps collection audits from flagging every product.
 * Text (titles, HTML, tags) passes through exactly as the file has it.
 *
 * What the file does not say is decided per column (`source.notCollected`): a file without a
 * Product Category column holds no categories, whatever else it has (a 2021 export has Status
 * but no Product Category). The snapshot still carries Shopify's defaults for such fields
 * (status ACTIVE, no SEO title, …) so that every consumer sees the usual shape; the audit reads
 * `notCollected` and skips the rules whose data is missing instead of reporting it as missing.
 */
import type { ColumnKey, ColumnMap } from "./csv/product-csv-columns";
import { unknownShop } from "./normalise";
import type {
  CsvProduct,
  CsvProductStatus,
  CsvVariant,
  CsvWeightUnit,
} from "./csv/product-csv-types";
import {
  SNAPSHOT_VERSION,
  type ProductDataField,
  type ProductStatus,
  type SnapshotCollection,
  type SnapshotMedia,
  type SnapshotProduct,
  type SnapshotSource,
  type SnapshotVariant,
  type StoreSnapshot,
  type WeightUnit,
} from "./types";

export interface CsvSnapshotOptions {
  /** The shop the file was exported from; default: the file name without its extension. */
  shopDomain?: string;
  /**
   * The file's header (`ProductCsvReader.columns`), asked once every product has been read.
   * With it the source says which data the file lacks and its format; without it, consumers
   * judge from the values.
   */
  columns?: () => ColumnMap | null;
}

/**
 * The columns each snapshot field is read from. Every inner list is one column under the names
 * it has had (Product Category, or the Standardized Product Type of 2021–2022); a field needs
 * all of its columns (inventory: the quantity and whether Shopify tracks it).
 */
const FIELD_COLUMNS: Record<ProductDataField, ColumnKey[][]> = {
  description: [["bodyHtml"]],
  vendor: [["vendor"]],
  productType: [["productType", "customType"]],
  category: [["category", "standardizedType"]],
  tags: [["tags"]],
  status: [["status"]],
  publication: [["published"]],
  giftCard: [["giftCard"]],
  seoTitle: [["seoTitle"]],
  seoDescription: [["seoDescription"]],
  images: [["imageSrc"]],
  imageAlt: [["imageAlt"]],
  sku: [["sku"]],
  barcode: [["barcode"]],
  price: [["price"]],
  compareAtPrice: [["compareAtPrice"]],
  weight: [["grams"]],
  inventory: [["inventoryQty"], ["inventoryTracker"]],
  collections: [["collection"]],
};

/** The fields the header has no column for, each with the column(s) it lacks. */
export function notCollectedFrom(columns: ColumnMap): Partial<Record<ProductDataField, string>> {
  const missing: Partial<Record<ProductDataField, string>> = {};
  for (const [field, groups] of Object.entries(FIELD_COLUMNS) as [
    ProductDataField,
    ColumnKey[][],
  ][]) {
    const absent = groups.filter((names) => !names.some((key) => columns.has(key)));
    if (absent.length === 0) continue;
    const named = absent.map((names) => `"${columns.header(names[0] as ColumnKey)}"`);
    missing[field] = `${named.join(" and ")} column${named.length > 1 ? "s" : ""}`;
  }
  return missing;
}

const WEIGHT: Record<CsvWeightUnit, { unit: WeightUnit; grams: number }> = {
  g: { unit: "GRAMS", grams: 1 },
  kg: { unit: "KILOGRAMS", grams: 1000 },
  lb: { unit: "POUNDS", grams: 453.59237 },
  oz: { unit: "OUNCES", grams: 28.349523125 },
};

const STATUS: Record<CsvProductStatus, ProductStatus> = {
  active: "ACTIVE",
  draft: "DRAFT",
  archived: "ARCHIVED",
  unlisted: "UNLISTED",
};

const DEFAULT_OPTION = { name: "Title", value: "Default Title" } as const;

const id = (kind: string, ...parts: (string | number)[]): string =>
  `csv://${kind}/${parts.map((p) => encodeURIComponent(String(p))).join("/")}`;

function weight(v: CsvVariant): SnapshotVariant["weight"] {
  if (v.grams === null) return null;
  const { unit, grams } = WEIGHT[v.weightUnit ?? "g"];
  return { value: Math.round((v.grams / grams) * 1000) / 1000, unit };
}

/** The product's media in Image Position order, one per URL, and the first one's URL. */
function media(csv: CsvProduct): { media: SnapshotMedia[]; featuredImageUrl: string | null } {
  const byUrl = new Map<string, Omit<SnapshotMedia, "id">>();
  const ordered = csv.images
    .map((image, order) => ({ image, order }))
    .sort(
      (a, b) =>
        (a.image.position ?? Infinity) - (b.image.position ?? Infinity) || a.order - b.order,
    );
  for (const { image } of ordered)
    if (!byUrl.has(image.src)) byUrl.set(image.src, { alt: image.alt, line: image.line });
  for (const v of csv.variants)
    if (v.imageSrc !== null && !byUrl.has(v.imageSrc))
      byUrl.set(v.imageSrc, { alt: null, line: v.line });
  return {
    media: [...byUrl.values()].map((m, i) => ({ id: id("media", csv.handle, i + 1), ...m })),
    featuredImageUrl: byUrl.keys().next().value ?? null,
  };
}

/** The variant Shopify creates for a product imported without variant rows. */
function defaultVariantRow(line: number): CsvVariant {
  return {
    line,
    optionValues: [],
    sku: null,
    barcode: null,
    price: null,
    compareAtPrice: null,
    costPerItem: null,
    grams: null,
    weightUnit: null,
    inventoryTracker: null,
    inventoryQty: null,
    inventoryPolicy: null,
    fulfillmentService: null,
    requiresShipping: null,
    taxable: null,
    imageSrc: null,
    marketPrices: [],
  };
}

function variants(csv: CsvProduct, options: SnapshotProduct["options"]): SnapshotVariant[] {
  const rows = csv.variants.length > 0 ? csv.variants : [defaultVariantRow(csv.firstLine)];
  return rows.map((v, i) => {
    const values = csv.options.length > 0 ? v.optionValues : [DEFAULT_OPTION.value];
    return {
      id: id("variant", csv.handle, i + 1),
      title: values.join(" / "),
      position: i + 1,
      sku: v.sku,
      barcode: v.barcode,
      price: v.price ?? "0.00",
      compareAtPrice: v.compareAtPrice,
      inventoryPolicy: v.inventoryPolicy === "continue" ? "CONTINUE" : "DENY",
      tracked: v.inventoryTracker?.toLowerCase() === "shopify",
      requiresShipping: v.requiresShipping ?? true,
      weight: weight(v),
      inventoryQuantity: v.inventoryQty,
      inventoryLevels: null,
      selectedOptions: options.map((o, k) => ({ name: o.name, value: values[k] ?? "" })),
      line: v.line,
    };
  });
}

function category(value: string | null): SnapshotProduct["category"] {
  if (value === null) return null;
  // A GID names the category without its path; the file gives nothing better to show.
  if (value.startsWith("gid://")) return { id: value, fullName: value };
  return { id: null, fullName: value };
}

function product(csv: CsvProduct): SnapshotProduct {
  const options =
    csv.options.length > 0
      ? csv.options.map((o) => ({ name: o.name, values: [...o.values] }))
      : [{ name: DEFAULT_OPTION.name, values: [DEFAULT_OPTION.value] }];
  return {
    id: id("product", csv.handle),
    handle: csv.handle,
    title: csv.title,
    descriptionHtml: csv.bodyHtml,
    vendor: csv.vendor,
    productType: csv.productType,
    status: csv.status === null ? "ACTIVE" : STATUS[csv.status],
    tags: csv.tags,
    isGiftCard: csv.giftCard,
    category: category(csv.category),
    seo: { title: csv.seo.title, description: csv.seo.description },
    publishedOnlineStore: csv.published,
    onlineStoreUrl: null,
    options,
    ...media(csv),
    variants: variants(csv, options),
    collectionIds: csv.collection === null ? [] : [id("collection", csv.collection)],
    createdAt: null,
    updatedAt: null,
    lines: { first: csv.firstLine, last: csv.lastLine },
  };
}

function collection(title: string): SnapshotCollection {
  return {
    id: id("collection", title),
    handle: title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, ""),
    title,
    smart: false,
    publishedOnlineStore: null,
  };
}

/** "exports/acme.myshopify.com.csv" → "acme.myshopify.com". */
function domainFromFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.csv$/i, "");
}

export async function snapshotFromCsv(
  products: AsyncIterable<CsvProduct> | Iterable<CsvProduct>,
  source: SnapshotSource,
  options: CsvSnapshotOptions = {},
): Promise<StoreSnapshot> {
  const mapped: SnapshotProduct[] = [];
  const collections = new Map<string, SnapshotCollection>();
  for await (const csv of products) {
    mapped.push(product(csv));
    if (csv.collection !== null && !collections.has(csv.collection))
      collections.set(csv.collection, collection(csv.collection));
  }
  const hasCollections = collections.size > 0;
  if (!hasCollections) for (const p of mapped) p.collectionIds = null;
  const header = options.columns?.() ?? null;
  return {
    version: SNAPSHOT_VERSION,
    source:
      header === null
        ? source
        : { ...source, csvFormat: header.format, notCollected: notCollectedFrom(header) },
    shop: unknownShop(options.shopDomain ?? domainFromFileName(source.name)),
    products: mapped,
    collections: hasCollections ? [...collections.values()] : null,
    locations: null,
    markets: null,
    deliveryProfiles: null,
    policies: null,
    discounts: null,
    theme: null,
    orderKpis: null,
  };
}
