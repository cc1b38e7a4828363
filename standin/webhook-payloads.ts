/**
 * Webhook bodies in the shapes shopify.dev documents, built from the stand-in's store:
 * - `app/uninstalled`: the Shop resource (REST shape) of the webhook reference
 *   (shopify.dev/docs/api/admin-rest/latest/resources/webhook#event-topics-app-uninstalled);
 * - `products/update` (and `products/create`): the Product resource with its variants,
 *   `variant_gids` and `admin_graphql_api_id`; `products/delete`: `{ id }` (same page);
 * - `customers/data_request`, `customers/redact`, `shop/redact`: the compliance payloads of
 *   shopify.dev/docs/apps/build/compliance/privacy-law-compliance.
 * The contract test (tests/standin/webhook-payloads.test.ts) checks each against shopify.dev's
 * example payload kept in tests/fixtures/shopify-dev/webhooks/: same keys, same JSON types.
 * Simplified: the values are the stand-in's (a shop without an address has null address lines;
 * `category`, `images` and `media` are always empty), and only the topics above are built.
 */
import type { StandinProduct, StandinStore } from "./store/types";
import { legacyId } from "./admin/common";

/** "2026-01-01T00:00:00Z" → "2026-01-01T01:00:00+01:00" in the shop's time zone, as REST writes. */
export function restTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "longOffset",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = /GMT([+-]\d{2}:\d{2})/.exec(parts.timeZoneName ?? "")?.[1] ?? "+00:00";
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

function timezoneLabel(timeZone: string): string {
  const offset =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value ?? "GMT+00:00";
  return `(${offset.replace(/^GMT$/, "GMT+00:00")}) ${timeZone.split("/").pop()?.replace(/_/g, " ")}`;
}

export function appUninstalledPayload(store: StandinStore): Record<string, unknown> {
  const shop = store.shop;
  const country = new Intl.DisplayNames(["en"], { type: "region" }).of(shop.countryCode);
  const money = `{{amount}} ${shop.currencyCode}`;
  return {
    id: legacyId(shop.id),
    name: shop.name,
    email: shop.email,
    domain: shop.primaryDomainHost === shop.myshopifyDomain ? null : shop.primaryDomainHost,
    province: null,
    country: shop.countryCode,
    address1: null,
    zip: null,
    city: null,
    source: null,
    phone: null,
    latitude: null,
    longitude: null,
    primary_locale: shop.primaryLocale,
    address2: null,
    created_at: restTime(shop.createdAt, shop.ianaTimezone),
    updated_at: null,
    country_code: shop.countryCode,
    country_name: country ?? shop.countryCode,
    currency: shop.currencyCode,
    customer_email: shop.contactEmail,
    timezone: timezoneLabel(shop.ianaTimezone),
    iana_timezone: shop.ianaTimezone,
    shop_owner: shop.name,
    money_format: money,
    money_with_currency_format: money,
    weight_unit: { GRAMS: "g", KILOGRAMS: "kg", OUNCES: "oz", POUNDS: "lb" }[shop.weightUnit],
    province_code: null,
    taxes_included: shop.taxesIncluded,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: null,
    plan_display_name: shop.planDisplayName,
    plan_name: shop.partnerDevelopment ? "partner_test" : shop.shopifyPlus ? "enterprise" : "basic",
    has_discounts: store.discounts.length > 0,
    has_gift_cards: store.products.some((p) => p.isGiftCard),
    myshopify_domain: shop.myshopifyDomain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: money,
    money_with_currency_in_emails_format: money,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: shop.passwordProtected,
    has_storefront: true,
    finances: true,
    primary_location_id: store.locations[0] ? legacyId(store.locations[0].id) : null,
    checkout_api_supported: true,
    multi_location_enabled: store.locations.length > 1,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [...shop.enabledPresentmentCurrencies],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

export function productPayload(
  store: StandinStore,
  product: StandinProduct,
): Record<string, unknown> {
  const tz = store.shop.ianaTimezone;
  const variants = [...product.variants].sort((a, b) => a.position - b.position);
  const total = (v: (typeof variants)[number]) =>
    v.inventoryItem.levels.reduce((sum, level) => sum + level.available, 0);
  return {
    admin_graphql_api_id: product.id,
    body_html: product.descriptionHtml,
    created_at: restTime(product.createdAt, tz),
    handle: product.handle,
    id: product.legacyId,
    product_type: product.productType,
    published_at: product.onlineStorePublishedAt && restTime(product.onlineStorePublishedAt, tz),
    template_suffix: product.templateSuffix,
    title: product.title,
    updated_at: restTime(product.updatedAt, tz),
    vendor: product.vendor,
    status: product.status.toLowerCase(),
    published_scope: "web",
    tags: product.tags.join(", "),
    variants: variants.slice(0, 100).map((v) => ({
      admin_graphql_api_id: v.id,
      barcode: v.barcode,
      compare_at_price: v.compareAtPrice,
      created_at: restTime(v.createdAt, tz),
      id: v.legacyId,
      inventory_policy: v.inventoryPolicy.toLowerCase(),
      position: v.position,
      price: v.price,
      product_id: product.legacyId,
      sku: v.sku,
      taxable: v.taxable,
      title: v.title,
      updated_at: restTime(v.updatedAt, tz),
      option1: v.selectedOptions[0]?.value ?? null,
      option2: v.selectedOptions[1]?.value ?? null,
      option3: v.selectedOptions[2]?.value ?? null,
      image_id: null,
      inventory_item_id: legacyId(v.inventoryItem.id),
      inventory_quantity: total(v),
      old_inventory_quantity: total(v),
    })),
    // The REST product option (id, product_id, name, position, values); the store keeps no
    // option ids, so they are derived from the product's.
    options: product.options.map((o, i) => ({
      id: product.legacyId * 100 + i + 1,
      product_id: product.legacyId,
      name: o.name,
      position: i + 1,
      values: [...o.values],
    })),
    images: [],
    image: null,
    media: [],
    variant_gids: [...product.variants]
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((v) => ({ admin_graphql_api_id: v.id, updated_at: v.updatedAt })),
    has_variants_that_requires_components: false,
    // shopify.dev's example shows only `null`; the object's shape is not documented there.
    category: null,
  };
}

export function productDeletePayload(product: StandinProduct): Record<string, unknown> {
  return { id: product.legacyId };
}

export function shopRedactPayload(store: StandinStore): Record<string, unknown> {
  return { shop_id: legacyId(store.shop.id), shop_domain: store.shop.myshopifyDomain };
}

function customerOf(store: StandinStore, customerId: string) {
  const customer = store.customers.find((c) => c.id === customerId);
  if (!customer) throw new Error(`No customer ${customerId} in ${store.shop.myshopifyDomain}`);
  const orders = store.orders.filter((o) => o.customerId === customerId).map((o) => o.legacyId);
  return {
    customer: { id: customer.legacyId, email: customer.email, phone: customer.phone },
    orders,
  };
}

export function customersRedactPayload(
  store: StandinStore,
  customerId: string,
): Record<string, unknown> {
  const { customer, orders } = customerOf(store, customerId);
  return {
    shop_id: legacyId(store.shop.id),
    shop_domain: store.shop.myshopifyDomain,
    customer,
    orders_to_redact: orders,
  };
}

export function customersDataRequestPayload(
  store: StandinStore,
  customerId: string,
  dataRequestId: number,
): Record<string, unknown> {
  const { customer, orders } = customerOf(store, customerId);
  return {
    shop_id: legacyId(store.shop.id),
    shop_domain: store.shop.myshopifyDomain,
    orders_requested: orders,
    customer,
    data_request: { id: dataRequestId },
  };
}
