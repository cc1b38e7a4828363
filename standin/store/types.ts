/**
 * The stand-in's store state: a plain, serialisable model of one Shopify shop.
 *
 * This is NOT the app's domain model (that is `StoreSnapshot` in app/domain). It is the
 * seed data the offline Shopify stand-in serves through the official Admin and Storefront
 * GraphQL schemas. The demo-store generator and the CSV loader produce it; the stand-in's
 * resolvers turn it into Shopify's API shapes.
 *
 * Conventions:
 * - ids are Shopify GIDs (`gid://shopify/Product/1001`); `legacyId` is the numeric part.
 * - money amounts are decimal strings in the shop currency ("19.95"), as Shopify returns them.
 * - timestamps are ISO-8601 strings in UTC.
 * - `null` means "not set in Shopify", never "unknown".
 */

export type ProductStatus = "ACTIVE" | "DRAFT" | "ARCHIVED" | "UNLISTED";
export type WeightUnit = "GRAMS" | "KILOGRAMS" | "OUNCES" | "POUNDS";
export type InventoryPolicy = "DENY" | "CONTINUE";
export type ShopPolicyType =
  | "CONTACT_INFORMATION"
  | "LEGAL_NOTICE"
  | "PRIVACY_POLICY"
  | "REFUND_POLICY"
  | "SHIPPING_POLICY"
  | "SUBSCRIPTION_POLICY"
  | "TERMS_OF_SALE"
  | "TERMS_OF_SERVICE";

export interface StandinShop {
  id: string; // gid://shopify/Shop/1
  name: string;
  myshopifyDomain: string; // demo-bikes.myshopify.com
  primaryDomainHost: string; // www.demo-bikes.example or the myshopify domain
  email: string;
  contactEmail: string;
  currencyCode: string; // ISO 4217, e.g. "DKK"
  enabledPresentmentCurrencies: string[];
  ianaTimezone: string; // "Europe/Copenhagen"
  primaryLocale: string; // "da" / "en"
  weightUnit: WeightUnit;
  countryCode: string; // billing address country, ISO 3166-1 alpha-2
  planDisplayName: string; // "Basic", "Shopify", "Advanced", "Shopify Plus", "Development"
  partnerDevelopment: boolean;
  shopifyPlus: boolean;
  taxesIncluded: boolean;
  /** Online Store password protection (every development store has it on). */
  passwordProtected: boolean;
  /** The storefront password, when protected (the merchant gives it to the app in settings). */
  storefrontPassword: string | null;
  /** Whether Shopify Payments is activated; the Admin API exposes little more than this. */
  shopifyPaymentsActivated: boolean;
  createdAt: string;
}

export interface StandinLocation {
  id: string; // gid://shopify/Location/1
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  countryCode: string;
  city: string;
}

export interface StandinInventoryLevel {
  locationId: string;
  /** "available" quantity name in Shopify's inventory model. */
  available: number;
  onHand: number;
  committed: number;
}

export interface StandinInventoryItem {
  id: string; // gid://shopify/InventoryItem/…
  tracked: boolean;
  requiresShipping: boolean;
  weight: { value: number; unit: WeightUnit };
  unitCost: string | null;
  countryCodeOfOrigin: string | null;
  harmonizedSystemCode: string | null;
  levels: StandinInventoryLevel[];
}

export interface StandinVariant {
  id: string; // gid://shopify/ProductVariant/…
  legacyId: number;
  title: string; // "Red / M" or "Default Title"
  position: number; // 1-based
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  taxable: boolean;
  inventoryPolicy: InventoryPolicy;
  selectedOptions: { name: string; value: string }[];
  /** id of one of the product's media, or null. */
  imageMediaId: string | null;
  inventoryItem: StandinInventoryItem;
  createdAt: string;
  updatedAt: string;
}

export interface StandinMedia {
  id: string; // gid://shopify/MediaImage/…
  alt: string | null;
  url: string; // https://cdn.shopify.com/… (never fetched by tests)
  width: number;
  height: number;
}

export interface StandinProduct {
  id: string; // gid://shopify/Product/…
  legacyId: number;
  handle: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  status: ProductStatus;
  tags: string[];
  isGiftCard: boolean;
  /** Shopify Standard Product Taxonomy category, or null when not categorised. */
  category: { id: string; name: string; fullName: string } | null;
  seo: { title: string | null; description: string | null };
  templateSuffix: string | null;
  options: { name: string; values: string[] }[];
  media: StandinMedia[];
  variants: StandinVariant[];
  collectionIds: string[];
  /** Published to the Online Store sales channel at this time, or null if not published. */
  onlineStorePublishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StandinCollection {
  id: string; // gid://shopify/Collection/…
  legacyId: number;
  handle: string;
  title: string;
  descriptionHtml: string;
  /** Smart collections carry rules; product membership is still listed in `StandinProduct.collectionIds`. */
  smart: boolean;
  sortOrder:
    | "BEST_SELLING"
    | "ALPHA_ASC"
    | "ALPHA_DESC"
    | "PRICE_ASC"
    | "PRICE_DESC"
    | "CREATED"
    | "CREATED_DESC"
    | "MANUAL";
  seo: { title: string | null; description: string | null };
  onlineStorePublishedAt: string | null;
  updatedAt: string;
}

export interface StandinMarket {
  id: string; // gid://shopify/Market/…
  handle: string;
  name: string;
  status: "ACTIVE" | "DRAFT";
  type: "REGION";
  /** The primary market (the shop's home market). */
  primary: boolean;
  /** Countries in the market's regions condition, ISO 3166-1 alpha-2. */
  countries: string[];
  currencyCode: string;
  /** Typical buyer address used by the synthetic cart check (zip, city, province code if any). */
  sampleAddress?: {
    countryCode: string;
    city: string;
    zip: string;
    provinceCode?: string;
    address1: string;
  };
}

export interface StandinDeliveryRate {
  id: string; // gid://shopify/DeliveryMethodDefinition/…
  name: string; // "Standard"
  active: boolean;
  amount: string; // price in shop currency (ignored for a carrier-calculated rate)
  /** Free above this order subtotal, if set. */
  freeAbove: string | null;
  /**
   * Carrier-calculated: the rates come from this carrier service (`StandinStore.carrierServices`)
   * at checkout, not from `amount` (Admin API: a `DeliveryParticipant` rate provider).
   */
  carrierServiceId?: string;
}

/**
 * A carrier service (shopify.dev: DeliveryCarrierService): an app Shopify calls at checkout for
 * real-time rates. The stand-in plays the carrier too: `rates` are what it answers, after
 * `responseMs` (Shopify stops waiting after 10 s: CarrierService read timeout).
 */
export interface StandinCarrierService {
  id: string; // gid://shopify/DeliveryCarrierService/…
  name: string; // "Nordic Freight"
  active: boolean;
  /** Milliseconds (real time) the carrier takes to answer a rate request. */
  responseMs: number;
  /** Services the carrier quotes; `countries` limits a service to destinations (all if absent). */
  rates: { serviceName: string; serviceCode: string; price: string; countries?: string[] }[];
}

export interface StandinDeliveryZone {
  id: string; // gid://shopify/DeliveryZone/…
  name: string;
  countries: string[]; // ISO codes; "*" = rest of world
  rates: StandinDeliveryRate[];
}

export interface StandinDeliveryProfile {
  id: string; // gid://shopify/DeliveryProfile/…
  name: string;
  /** The general profile holds every variant that no custom profile holds. */
  isDefault: boolean;
  /** Variants assigned to this (custom) profile. Empty for the default profile. */
  variantIds: string[];
  locationGroups: { id: string; locationIds: string[]; zones: StandinDeliveryZone[] }[];
}

export interface StandinPolicy {
  type: ShopPolicyType;
  title: string;
  body: string; // HTML
  handle: string; // refund-policy …
  updatedAt: string;
}

export interface StandinDiscount {
  id: string; // gid://shopify/DiscountCodeNode/… or DiscountAutomaticNode/…
  kind: "CODE" | "AUTOMATIC";
  /** Which Shopify discount class it is. */
  type: "BASIC" | "BXGY" | "FREE_SHIPPING";
  title: string;
  code: string | null; // CODE only
  /** Shopify's own status: ACTIVE / EXPIRED / SCHEDULED. */
  status: "ACTIVE" | "EXPIRED" | "SCHEDULED";
  startsAt: string;
  endsAt: string | null;
  usageLimit: number | null;
  usageCount: number;
  /** Percentage (0.15) or fixed amount ("10.00") for BASIC; null otherwise. */
  percentage: number | null;
  amount: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StandinOrderLine {
  productId: string | null;
  variantId: string | null;
  title: string;
  sku: string | null;
  quantity: number;
  /** Unit price before discounts (tax included when the order's `taxesIncluded`). */
  unitPrice: string;
  /** The line's discounts (line and allocated order discounts; tax included likewise). */
  totalDiscount: string;
  /** The line's tax rate (0.25 = 25 %); 0 for an untaxed line (gift cards). */
  taxRate: number;
  /** Tax on the line after discounts (`TaxLine.priceSet`; within the prices when taxes are included). */
  tax: string;
  /** A gift card: a liability, not a sale (Shopify's sales reports leave it out). */
  isGiftCard: boolean;
}

/** One refund of an order (`Order.refunds`): returned or cancelled units and refunded shipping. */
export interface StandinRefund {
  id: string; // gid://shopify/Refund/…
  legacyId: number;
  /** When it happened: Shopify's sales reports date the return on this day. */
  createdAt: string;
  note: string | null;
  /**
   * Refunded units: `subtotal` is what was paid for them (after discounts; tax included when the
   * order's `taxesIncluded`), `tax` the tax on them.
   */
  lines: { lineIndex: number; quantity: number; subtotal: string; tax: string }[];
  /** Refunded shipping (tax included when `taxesIncluded`) and its tax. */
  shipping: { amount: string; tax: string } | null;
}

export interface StandinOrder {
  id: string; // gid://shopify/Order/…
  legacyId: number;
  name: string; // "#1001"
  createdAt: string;
  processedAt: string;
  cancelledAt: string | null;
  currencyCode: string;
  /** Market/country the order was placed from. */
  countryCode: string;
  customerId: string | null;
  sourceName: string; // "web", "pos", "shopify_draft_order"
  /** A test order (Bogus Gateway): left out of Shopify's sales reports. Absent: false. */
  test?: boolean;
  financialStatus: "PAID" | "PENDING" | "REFUNDED" | "PARTIALLY_REFUNDED";
  fulfillmentStatus: "FULFILLED" | "UNFULFILLED" | "PARTIALLY_FULFILLED";
  /** Whether the prices (lines, discounts, shipping) include tax (`Order.taxesIncluded`). */
  taxesIncluded: boolean;
  subtotal: string; // after line discounts, before shipping (tax included when taxesIncluded)
  totalDiscounts: string;
  totalShipping: string;
  /** Tax on shipping (within totalShipping when taxesIncluded). */
  shippingTax: string;
  /** Σ line tax + shipping tax, before refunds. */
  totalTax: string;
  total: string;
  /** Σ of the refunds (kept equal to `refunds` by whoever writes them). */
  totalRefunded: string;
  refunds: StandinRefund[];
  lines: StandinOrderLine[];
}

export interface StandinCustomer {
  id: string; // gid://shopify/Customer/…
  legacyId: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  createdAt: string;
  countryCode: string;
}

export interface StandinThemeFile {
  filename: string; // "config/settings_data.json", "layout/theme.liquid", "templates/product.json"
  body: string;
}

export interface StandinTheme {
  id: string; // gid://shopify/OnlineStoreTheme/…
  name: string;
  role: "MAIN" | "UNPUBLISHED" | "DEVELOPMENT";
  themeStoreId: number | null;
  files: StandinThemeFile[];
  createdAt: string;
  updatedAt: string;
}

export interface StandinScriptTag {
  id: string;
  src: string;
  displayScope: "ALL" | "ONLINE_STORE" | "ORDER_STATUS";
  createdAt: string;
}

/**
 * A URL redirect of the online store (Admin `UrlRedirect`: `path` → `target`, a path or a full
 * URL, "an existing URL in your store or an external destination"). Shopify applies it to a
 * storefront path that has no page (404), with a 301.
 */
export interface StandinUrlRedirect {
  path: string;
  target: string;
}

export interface StandinStore {
  shop: StandinShop;
  /** The Online Store sales channel's publication id. */
  onlineStorePublicationId: string;
  locations: StandinLocation[];
  products: StandinProduct[];
  collections: StandinCollection[];
  markets: StandinMarket[];
  deliveryProfiles: StandinDeliveryProfile[];
  /** Carrier services the shop's carrier-calculated rates call; absent = none. */
  carrierServices?: StandinCarrierService[];
  policies: StandinPolicy[];
  discounts: StandinDiscount[];
  orders: StandinOrder[];
  customers: StandinCustomer[];
  themes: StandinTheme[];
  /** Script tags owned by this app (Shopify shows an app only its own). */
  scriptTags: StandinScriptTag[];
  /** Online Store → Navigation → URL redirects; absent = none. */
  urlRedirects?: StandinUrlRedirect[];
  /**
   * The protected customer data Shopify approved this app for (Partner Dashboard → API access
   * requests → Protected customer data access), as it applies on this shop: 0 none, 1 customer
   * data without name, address, phone and email, 2 with them. Absent: 2, the level the app
   * requests (docs/decisions/013-kpi-definitions-and-access.md). See standin/admin/access.ts.
   */
  protectedCustomerData?: ProtectedCustomerDataLevel;
  /**
   * What Shopify's analytics (ShopifyQL, `read_reports`) hold beyond the orders: the first local
   * day of the seeded history and the online store's sessions per local day. Absent: the shop
   * has no analytics in the stand-in, and `shopifyqlQuery` says so.
   */
  analytics?: StandinAnalytics;
}

export type ProtectedCustomerDataLevel = 0 | 1 | 2;

export interface StandinAnalytics {
  /** First local date (yyyy-mm-dd, shop time zone) the analytics cover. */
  since: string;
  /** Online store sessions per local date; absent: the shop has no sessions in the stand-in. */
  sessions?: { date: string; sessions: number }[];
}

/** One planted defect the audits must find. Rule ids are the audits' stable ids. */
export interface PlantedDefect {
  ruleId: string; // e.g. "product.missing-image", "variant.invalid-barcode"
  /** GID of the resource the finding is about (product, variant, media, market, policy type…). */
  resourceId: string;
  /** Product handle, for readability in tests and docs (when the resource belongs to a product). */
  handle?: string;
  note: string;
}

/** A product deliberately left outside some product rules (gift cards, archived products). */
export interface ExemptProduct {
  productId: string;
  handle: string;
  reason: string;
  /** Rule ids that must NOT flag this product, although its data may match them. */
  ruleIds: string[];
}

export interface DemoManifest {
  seed: number;
  shop: string;
  defects: PlantedDefect[];
  /** Products that are clean: no product-data rule may flag them. */
  cleanProductIds: string[];
  /** Products the product rules must skip (optional: stores seeded from a CSV have none). */
  exemptions?: ExemptProduct[];
}
