/**
 * Deep links into Shopify admin, where a finding is fixed.
 *
 * - Product: `https://admin.shopify.com/store/<store>/products/<legacy id>`
 * - Variant: `…/products/<product legacy id>/variants/<variant legacy id>`
 * (legacy ids are the numeric part of the GIDs: snapshot/ids.ts)
 * - `<store>` is the shop's myshopify subdomain (`nordvej-outdoor` for
 *   nordvej-outdoor.myshopify.com).
 * - A snapshot read from a CSV has no numeric ids; its links open admin's product list searched
 *   for the product's handle (one click away, not a direct link). Without a myshopify domain there
 *   is no store to link into, and the link is null.
 *
 * Inside the embedded app the same pages open through App Bridge with `shopify://admin/…`
 * (`embeddedAdminUrl`), which keeps the merchant in the admin frame.
 */

import { legacyIdOf } from "~/snapshot/domain/ids";

const ADMIN_ORIGIN = "https://admin.shopify.com";
const MYSHOPIFY = /^([a-z0-9][a-z0-9-]*)\.myshopify\.com$/;

/** "nordvej-outdoor.myshopify.com" → "nordvej-outdoor"; null for any other domain. */
export function storeHandle(shopDomain: string): string | null {
  return MYSHOPIFY.exec(shopDomain.trim().toLowerCase())?.[1] ?? null;
}

export interface ProductLinkTarget {
  handle: string;
  /** GID, or a synthetic CSV id. */
  id: string;
}

export interface VariantLinkTarget {
  id: string;
}

/** The admin page of a product, or of one of its variants when `variant` is given. */
export function productAdminUrl(
  shopDomain: string,
  product: ProductLinkTarget,
  variant?: VariantLinkTarget,
): string | null {
  const store = storeHandle(shopDomain);
  if (store === null) return null;
  const base = `${ADMIN_ORIGIN}/store/${store}/products`;
  const productId = legacyIdOf(product.id);
  if (productId === null) return `${base}?query=${encodeURIComponent(product.handle)}`;
  const productUrl = `${base}/${productId}`;
  const variantId = variant ? legacyIdOf(variant.id) : null;
  return variantId ? `${productUrl}/variants/${variantId}` : productUrl;
}

/**
 * The App Bridge form of an admin link: `https://admin.shopify.com/store/x/products/1` →
 * `shopify://admin/products/1` (query strings kept). Null for anything that is not an admin link.
 */
export function embeddedAdminUrl(adminUrl: string | null): string | null {
  if (adminUrl === null) return null;
  const match = /^https:\/\/admin\.shopify\.com\/store\/[^/?#]+\/(.+)$/.exec(adminUrl);
  return match ? `shopify://admin/${match[1]}` : null;
}
