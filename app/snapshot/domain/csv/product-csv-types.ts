/**
 * Neutral records read from a Shopify product CSV export.
 *
 * They keep what the file says, not what Shopify would make of it: an empty cell is `null`
 * (or "" for free text Shopify stores as empty), numbers are parsed and checked, money stays a
 * decimal string. Deciding defaults (a missing price becomes 0.00, an unpublished legacy product
 * stays ACTIVE, …) is the consumer's job: the stand-in loader and the app's snapshot builder
 * may decide differently. Line numbers point back into the file for findings and errors.
 */

/**
 * A label for people: `legacy` is a header with neither Status nor Product Category (exports
 * before 2021), `current` anything newer. What a file holds is decided per column
 * (`ColumnMap.has`), never by this label.
 */
export type ProductCsvFormat = "legacy" | "current";

export type CsvProductStatus = "active" | "draft" | "archived" | "unlisted";
export type CsvInventoryPolicy = "deny" | "continue";
/** Shopify's display unit for a variant weight; the weight itself is always in grams. */
export type CsvWeightUnit = "g" | "kg" | "lb" | "oz";

export interface CsvOption {
  name: string;
  /** Distinct values in order of first use by the product's variants. */
  values: string[];
}

export interface CsvVariant {
  line: number;
  /** One value per product option, in option order (empty when the product has no options). */
  optionValues: string[];
  /** Apostrophe guard removed (`'0123` → `0123`). */
  sku: string | null;
  /** Apostrophe guard removed. Not validated as a GTIN: that is an audit, not a parse error. */
  barcode: string | null;
  /** Decimal string as written ("19.95"). */
  price: string | null;
  compareAtPrice: string | null;
  costPerItem: string | null;
  grams: number | null;
  weightUnit: CsvWeightUnit | null;
  /** "shopify" when Shopify tracks the quantity; null when not tracked. */
  inventoryTracker: string | null;
  /** Quantity at the shop's single location; null when the column is absent or empty. */
  inventoryQty: number | null;
  inventoryPolicy: CsvInventoryPolicy | null;
  fulfillmentService: string | null;
  requiresShipping: boolean | null;
  taxable: boolean | null;
  /** URL of the variant's image (Variant Image). */
  imageSrc: string | null;
  /**
   * Prices the row sets in markets ("Price / International"); markets whose cells are empty
   * are left out.
   */
  marketPrices: CsvMarketPrice[];
}

export interface CsvMarketPrice {
  /** The market's name as the header spells it. */
  market: string;
  /** Decimal string; null when the cell is empty or the file has no such column. */
  price: string | null;
  compareAtPrice: string | null;
}

export interface CsvImage {
  line: number;
  src: string;
  /** Image Position when the file has one. */
  position: number | null;
  alt: string | null;
}

export interface CsvProduct {
  handle: string;
  title: string;
  bodyHtml: string;
  vendor: string;
  productType: string;
  /**
   * Product Category as written: a taxonomy path ("A > B > C") or a taxonomy GID. 2021–2022
   * exports have a Standardized Product Type instead, which Shopify migrated to the category.
   */
  category: string | null;
  tags: string[];
  /** Published (on online store); null when the column is absent or empty. */
  published: boolean | null;
  /** Status; null in the legacy format. */
  status: CsvProductStatus | null;
  giftCard: boolean;
  seo: { title: string | null; description: string | null };
  /** Title of a custom collection, from a Collection column (older exports and import files). */
  collection: string | null;
  options: CsvOption[];
  variants: CsvVariant[];
  images: CsvImage[];
  /** First and last physical line of the product's rows. */
  firstLine: number;
  lastLine: number;
}
