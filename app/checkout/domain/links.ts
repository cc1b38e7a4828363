/**
 * Shopify admin pages where checkout findings are fixed. Same origin and store handle as the
 * product links (audit/admin-links.ts); null without a myshopify domain to link into.
 */
import { storeHandle } from "~/findings/admin-links";
import { legacyIdOf } from "~/snapshot/domain/ids";

const ADMIN_ORIGIN = "https://admin.shopify.com";

export const ADMIN_PAGES = {
  /** Settings → Shipping and delivery. */
  shipping: "settings/shipping",
  /** Settings → Policies. */
  policies: "settings/legal",
  /** Settings → Payments. */
  payments: "settings/payments",
  /** Settings → Checkout. */
  checkout: "settings/checkout",
  /** Online Store → Preferences (the storefront password). */
  onlineStorePreferences: "online_store/preferences",
  /** Products, active ones. */
  activeProducts: "products?status=active",
  /** Markets. */
  markets: "markets",
} as const;

export function adminPageUrl(shopDomain: string, path: string): string | null {
  const store = storeHandle(shopDomain);
  return store === null ? null : `${ADMIN_ORIGIN}/store/${store}/${path}`;
}

/** A delivery profile's page; the shipping settings when the id has no numeric part. */
export function deliveryProfileUrl(shopDomain: string, profileId: string): string | null {
  const id = legacyIdOf(profileId);
  return adminPageUrl(
    shopDomain,
    id ? `${ADMIN_PAGES.shipping}/profiles/${id}` : ADMIN_PAGES.shipping,
  );
}

export function discountUrl(shopDomain: string, discountId: string): string | null {
  const id = legacyIdOf(discountId);
  return adminPageUrl(shopDomain, id ? `discounts/${id}` : "discounts");
}
