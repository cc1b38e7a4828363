/**
 * StoreSnapshot: one normalised, versioned picture of a shop, whatever it was read from
 * (a live shop through the Admin API, a product CSV export, a bulk-operation JSONL file).
 * Every audit reads this type and nothing else; every audit run keeps the snapshot it read,
 * so a report can be rebuilt from exactly what was seen.
 *
 * Conventions:
 * - ids are Shopify GIDs (`legacyIdOf` in ids.ts gives the numeric id admin URLs use; CSV input,
 *   which has no ids — there `id` is a stable synthetic `csv://product/<handle>` id).
 * - money is a decimal string in the shop currency, as Shopify returns it.
 * - A section that the source cannot provide is `null` (not collected), never `[]`:
 *   an empty list means "collected, and there are none".
 */

export const SNAPSHOT_VERSION = 1 as const;

export type SnapshotSourceKind = "shop" | "csv" | "jsonl";

export interface SnapshotSource {
  kind: SnapshotSourceKind;
  /** Shop domain or file name. */
  name: string;
  collectedAt: string;
  /** How products were read from a live shop. */
  strategy: "paged" | "bulk" | null;
  /** CSV only: "legacy" (no Status, no Product Category column) or "current"; a label only. */
  csvFormat?: "legacy" | "current";
  /**
   * Product data the source does not hold at all, whatever the values say: a CSV without the
   * column. Each names what is missing as its user knows it (`"Product Category" column`).
   * Absent for live shops, bulk JSONL and CSV snapshots stored before columns were judged one by
   * one: there, what was collected is judged from the values.
   */
  notCollected?: Partial<Record<ProductDataField, string>>;
}

/** Product data a source may lack as a whole (a CSV export without the column). */
export type ProductDataField =
  | "description"
  | "vendor"
  | "productType"
  | "category"
  | "tags"
  | "status"
  | "publication"
  | "giftCard"
  | "seoTitle"
  | "seoDescription"
  | "images"
  | "imageAlt"
  | "sku"
  | "barcode"
  | "price"
  | "compareAtPrice"
  | "weight"
  | "inventory"
  | "collections";

export interface SnapshotShop {
  domain: string;
  name: string | null;
  currencyCode: string | null;
  ianaTimezone: string | null;
  primaryLocale: string | null;
  weightUnit: WeightUnit | null;
  countryCode: string | null;
  planName: string | null;
  developmentStore: boolean | null;
  /** Online Store password protection. */
  passwordProtected: boolean | null;
  /**
   * Admin API `shop.paymentSettings.supportedDigitalWallets` (Shop Pay, Apple Pay, Google Pay…):
   * the payment readiness the Admin API shows without an approval scope. Optional: snapshots
   * collected before it existed lack it (read it as `?? null`). The former
   * `shopifyPaymentsActivated` needed `read_shopify_payments` and is no longer collected.
   */
  digitalWallets?: string[] | null;
  shipsToCountries: string[] | null;
  onlineStorePublicationId: string | null;
}

export type ProductStatus = "ACTIVE" | "DRAFT" | "ARCHIVED" | "UNLISTED";
export type WeightUnit = "GRAMS" | "KILOGRAMS" | "OUNCES" | "POUNDS";

/**
 * One image, video or 3D model. Its URL is not kept: the audits read presence, order and alt
 * text, and at 300,000 media the URLs alone cost ~35 MB of a snapshot's memory
 * (docs/decisions/006-snapshot-storage.md). The product keeps its first image's URL.
 */
export interface SnapshotMedia {
  id: string;
  alt: string | null;
  /** CSV: physical line of the image row. */
  line?: number;
}

export interface SnapshotInventoryLevel {
  locationId: string;
  available: number;
}

export interface SnapshotVariant {
  id: string;
  title: string;
  position: number;
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  inventoryPolicy: "DENY" | "CONTINUE";
  tracked: boolean;
  requiresShipping: boolean;
  /** null when the source does not say. */
  weight: { value: number; unit: WeightUnit } | null;
  /** Sum of `available` over locations (Shopify's inventoryQuantity); null when unknown. */
  inventoryQuantity: number | null;
  /** Per location; null when the source has no per-location data. */
  inventoryLevels: SnapshotInventoryLevel[] | null;
  selectedOptions: { name: string; value: string }[];
  /** CSV: physical line of the variant row. */
  line?: number;
}

export interface SnapshotProduct {
  id: string;
  handle: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  status: ProductStatus;
  tags: string[];
  isGiftCard: boolean;
  category: { id: string | null; fullName: string } | null;
  seo: { title: string | null; description: string | null };
  /** Published to the Online Store sales channel; null when the source does not say. */
  publishedOnlineStore: boolean | null;
  onlineStoreUrl: string | null;
  options: { name: string; values: string[] }[];
  media: SnapshotMedia[];
  /** URL of the first media's image (a thumbnail for the UI), or null. */
  featuredImageUrl: string | null;
  variants: SnapshotVariant[];
  /** null when the source has no collection data. */
  collectionIds: string[] | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** CSV: first and last physical line of the product's rows. */
  lines?: { first: number; last: number };
}

export interface SnapshotCollection {
  id: string;
  handle: string;
  title: string;
  smart: boolean;
  publishedOnlineStore: boolean | null;
}

export interface SnapshotLocation {
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  countryCode: string | null;
}

export interface SnapshotMarket {
  id: string;
  handle: string;
  name: string;
  status: "ACTIVE" | "DRAFT";
  /** Countries of the market's regions condition. */
  countries: string[];
  currencyCode: string | null;
}

export interface SnapshotDeliveryMethod {
  name: string;
  active: boolean;
  /** Flat rate; null for carrier-calculated or unknown. */
  price: string | null;
}

export interface SnapshotDeliveryZone {
  name: string;
  countries: string[];
  restOfWorld: boolean;
  methods: SnapshotDeliveryMethod[];
}

export interface SnapshotDeliveryProfile {
  id: string;
  name: string;
  isDefault: boolean;
  /** Variants assigned to this profile (empty for the general profile: it holds all others). */
  variantIds: string[];
  locationGroups: { locationIds: string[]; zones: SnapshotDeliveryZone[] }[];
}

export type PolicyType =
  | "CONTACT_INFORMATION"
  | "LEGAL_NOTICE"
  | "PRIVACY_POLICY"
  | "REFUND_POLICY"
  | "SHIPPING_POLICY"
  | "SUBSCRIPTION_POLICY"
  | "TERMS_OF_SALE"
  | "TERMS_OF_SERVICE";

export interface SnapshotPolicy {
  type: PolicyType;
  title: string;
  /** Body text length (characters of visible text); the body itself is not kept. */
  bodyLength: number;
  url: string | null;
}

export interface SnapshotDiscount {
  id: string;
  title: string;
  kind: "CODE" | "AUTOMATIC";
  status: "ACTIVE" | "EXPIRED" | "SCHEDULED";
  codes: string[];
  startsAt: string | null;
  endsAt: string | null;
  usageLimit: number | null;
  usageCount: number | null;
  /** How many codes the discount has; `codes` lists at most the first 20 (bulk-generated
   * discounts carry thousands). Absent when the source does not say. */
  codesCount?: number | null;
}

export interface SnapshotThemeFile {
  filename: string;
  body: string;
}

export interface SnapshotTheme {
  id: string;
  name: string;
  role: string;
  /** The theme files the app audits read (settings_data.json, layout, templates). */
  files: SnapshotThemeFile[];
}

/** One calendar month (shop time zone) of order figures, in shop currency. */
export interface SnapshotMonthlyKpis {
  month: string; // YYYY-MM
  /**
   * The definitions the figures follow: "sales-report", Shopify's sales reports (tax out, returns
   * in the month they happened; docs/decisions/013). Absent: an older basis (VAT included,
   * returns in the order's month) that reports no longer use.
   */
  basis?: "sales-report";
  orders: number;
  grossSales: string;
  discounts: string;
  returns: string;
  netSales: string;
  averageOrderValue: string | null;
  /** Older snapshots only: the fallback no longer reads customer data. */
  customers?: number;
  returningCustomers?: number;
  topProducts: { productId: string | null; title: string; quantity: number; netSales: string }[];
  /** false when the month reaches beyond what the source could read (e.g. read_orders' 60 days). */
  complete: boolean;
}

export interface StoreSnapshot {
  version: typeof SNAPSHOT_VERSION;
  source: SnapshotSource;
  shop: SnapshotShop;
  products: SnapshotProduct[];
  collections: SnapshotCollection[] | null;
  locations: SnapshotLocation[] | null;
  markets: SnapshotMarket[] | null;
  deliveryProfiles: SnapshotDeliveryProfile[] | null;
  policies: SnapshotPolicy[] | null;
  discounts: SnapshotDiscount[] | null;
  theme: SnapshotTheme | null;
  orderKpis: SnapshotMonthlyKpis[] | null;
  /**
   * What a live collection could not read, and why: a section the shop denied (missing access
   * scope) is `null` above and listed here; a section read only in part says so here too.
   * Absent when nothing is missing.
   */
  gaps?: SnapshotGap[];
}

/** A part of the snapshot that is missing or incomplete. */
export interface SnapshotGap {
  /** The snapshot field concerned (`markets`, `theme`, `shop.passwordProtected`, …). */
  section: string;
  reason: "ACCESS_DENIED" | "NOT_AVAILABLE" | "PARTIAL";
  message: string;
}

/** Counts per resource, as the CLI and run history show them. */
export interface SnapshotSummary {
  source: SnapshotSource;
  shop: string;
  products: number;
  variants: number;
  media: number;
  collections: number | null;
  locations: number | null;
  inventoryLevels: number | null;
  markets: number | null;
  deliveryProfiles: number | null;
  policies: number | null;
  discounts: number | null;
  themeFiles: number | null;
  orderMonths: number | null;
}
