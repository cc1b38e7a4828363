/**
 * Routes requests for Shopify's hosts to the offline stand-in, below the app's code.
 *
 * The app builds real Shopify URLs (`https://{shop}/admin/api/2026-10/graphql.json`,
 * `https://{shop}/admin/oauth/access_token`, bulk-result URLs on storage.googleapis.com)
 * and calls `fetch`. When a stand-in is configured, this wrapper around `globalThis.fetch`
 * rewrites such a request to the stand-in's origin and names the original host in the
 * `x-standin-host` header. Nothing in `app/` imports this module: the demo server and the
 * test setup install it before the app is loaded (like MSW in the Epic Stack).
 *
 * The target is read at call time from `process.env.SHOPIFY_STANDIN_URL`, so a stand-in
 * started later (tests start one per file on a random port) is still reached by libraries
 * that captured `fetch` at import time.
 *
 * The app's outbound filter (app/lib/egress, decision 016) travels as fetch's `dispatcher`
 * option. A request this wrapper routes plays "Shopify's host on the internet": it goes to the
 * stand-in on this wrapper's own connection, as DNS and the network would take it to Shopify,
 * and the app's dispatcher is not used for it. Every other request keeps the app's dispatcher,
 * so an address the app must refuse (loopback, private, metadata) is refused in tests and in
 * the demo exactly as in production.
 */
/**
 * Shopify's hosts (the shops, bulk results on storage.googleapis.com, the image CDN), and
 * `*.example` (a reserved TLD that never resolves): the hosts of the stand-in storefront's
 * fictional apps (standin/storefront/theme-assets.ts).
 */
const ROUTED_HOST =
  /(^|\.)myshopify\.com$|^storage\.googleapis\.com$|^cdn\.shopify\.com$|\.example$/i;
const INSTALLED = Symbol.for("tovholder.standin.fetch-installed");

export const STANDIN_HOST_HEADER = "x-standin-host";

export function isRoutedHost(host: string): boolean {
  return ROUTED_HOST.test(host);
}

export function installShopifyRouting(): void {
  const g = globalThis as typeof globalThis & { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const target = process.env.SHOPIFY_STANDIN_URL;
    if (!target) return realFetch(input, init);
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!isRoutedHost(url.hostname)) {
      // A Request does not carry fetch's `dispatcher`: hand it on, or the filter would be lost.
      const dispatcher = (init as { dispatcher?: unknown } | undefined)?.dispatcher;
      return realFetch(request, dispatcher ? ({ dispatcher } as RequestInit) : undefined);
    }
    const routed = new URL(url.pathname + url.search, target);
    const headers = new Headers(request.headers);
    headers.set(STANDIN_HOST_HEADER, url.host);
    const body =
      request.method === "GET" || request.method === "HEAD"
        ? undefined
        : await request.arrayBuffer();
    return realFetch(routed, {
      method: request.method,
      headers,
      body,
      redirect: request.redirect,
      signal: request.signal,
    });
  };
}
