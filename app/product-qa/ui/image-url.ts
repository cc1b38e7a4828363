/**
 * Shopify's image CDN resizes on request: `width` and `height` URL parameters ask for the image
 * fitted within that box, at its aspect ratio and never larger than the original
 * (shopify.dev/docs/api/liquid/filters/image_url — the filter writes the CDN's parameters). A
 * 40 px thumbnail then loads a few KB instead of the 2048 px original.
 */

/** Hosts of Shopify's CDN (those Hydrogen's image loader resizes, plus a shop's own `/cdn/`). */
const CDN_HOSTS = new Set([
  "cdn.shopify.com",
  "cdn.shopifycdn.net",
  "shopify-assets.shopifycdn.com",
  "shopify-assets.shopifycdn.net",
]);

function onShopifyCdn(url: URL): boolean {
  return (
    CDN_HOSTS.has(url.hostname) ||
    (url.hostname.endsWith(".myshopify.com") && url.pathname.startsWith("/cdn/shop/"))
  );
}

/**
 * The URL of a Shopify CDN image fitted within `width` × `height` CSS pixels at `density` device
 * pixels each (default 2, for high-density screens). Any other URL, or one that is not a URL, is
 * returned as it is.
 */
export function sizedImageUrl(
  src: string,
  box: { width: number; height: number; density?: number },
): string {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return src;
  }
  if (url.protocol !== "https:" || !onShopifyCdn(url)) return src;
  const density = box.density ?? 2;
  url.searchParams.set("width", String(Math.round(box.width * density)));
  url.searchParams.set("height", String(Math.round(box.height * density)));
  return url.toString();
}
