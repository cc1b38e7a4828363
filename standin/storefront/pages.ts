/**
 * The Online Store pages the app visits: the theme's pages (theme-pages.ts) and their assets
 * (theme-assets.ts), the checkout URL a cart hands out, and the storefront password gate. On a
 * password-protected shop every page redirects (302) to `/password`, which answers 401 with the
 * password form; `POST /password` with the right password sets the
 * `storefront_digest` cookie and redirects home, after which pages are served.
 *
 * Shopify's Location headers are absolute (`https://shop/password`); the stand-in sends
 * path-only ones so that fetch's automatic redirect stays on the stand-in (route-shopify
 * rewrites only the first request of a redirect chain).
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml, header, readBody, sendHtml } from "../http/util";
import type { StandinStore } from "../store/types";
import { cartSubtotal, deliveryQuote, findVariant, type CartStore } from "./cart";
import { serveShopCdn } from "./theme-assets";
import { renderThemePage } from "./theme-pages";

export const DIGEST_COOKIE = "storefront_digest";

export function storefrontDigest(store: StandinStore): string {
  return createHash("sha256")
    .update(`${store.shop.myshopifyDomain}:${store.shop.storefrontPassword ?? ""}`)
    .digest("hex");
}

function hasValidDigest(req: IncomingMessage, store: StandinStore): boolean {
  const cookies = header(req, "cookie") ?? "";
  const value = cookies
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === DIGEST_COOKIE)?.[1];
  return value === storefrontDigest(store);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function passwordPage(store: StandinStore, error: boolean): string {
  const name = escapeHtml(store.shop.name);
  return page(
    `${store.shop.name} – Opening soon`,
    `<main class="password-page"><h1>${name}</h1><p>Opening soon</p>` +
      `<form method="post" action="/password" id="login_form"><input type="hidden" name="form_type" value="storefront_password">` +
      `<label for="password">Enter store using password</label><input type="password" name="password" id="password">` +
      `${error ? '<p class="errors">Password incorrect</p>' : ""}<button type="submit">Enter</button></form></main>`,
  );
}

function checkoutPage(
  store: StandinStore,
  carts: CartStore,
  token: string,
  key: string,
): string | null {
  const cart = carts.byToken(store.shop.myshopifyDomain, token, key);
  if (!cart) return null;
  const currency = store.shop.currencyCode;
  const format = (amount: string | number) => `${Number(amount).toFixed(2)} ${currency}`;
  const lines = cart.lines
    .map((line) => {
      const found = findVariant(store, line.variantId);
      return found
        ? `<li class="line">${escapeHtml(found.p.title)} – ${escapeHtml(found.v.title)} × ${line.quantity}</li>`
        : "";
    })
    .join("");
  const quote = deliveryQuote(store, cart);
  const options = (quote?.options ?? [])
    .map((o) => `<li class="shipping-option">${escapeHtml(o.title)}: ${format(o.amount)}</li>`)
    .join("");
  return page(
    `Checkout – ${store.shop.name}`,
    `<main class="checkout"><h1>${escapeHtml(store.shop.name)}</h1><ul class="lines">${lines}</ul>` +
      `<p class="subtotal">Subtotal: ${format(cartSubtotal(store, cart))}</p>` +
      `<section class="shipping"><h2>Shipping method</h2>${options ? `<ul>${options}</ul>` : "<p>No shipping methods available for this address.</p>"}</section></main>`,
  );
}

/** Serves a storefront page; returns false when the path is not one the stand-in serves. */
export async function handleStorefrontPage(
  store: StandinStore,
  carts: CartStore,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const shop = store.shop;
  if (url.pathname === "/password") {
    if (req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      if (shop.passwordProtected && form.get("password") === shop.storefrontPassword) {
        res.writeHead(302, {
          Location: "/",
          "Set-Cookie": `${DIGEST_COOKIE}=${storefrontDigest(store)}; Path=/; HttpOnly; SameSite=Lax`,
        });
        res.end();
      } else {
        sendHtml(res, 401, passwordPage(store, true));
      }
      return true;
    }
    if (!shop.passwordProtected) {
      res.writeHead(302, { Location: "/" });
      res.end();
    } else sendHtml(res, 401, passwordPage(store, false));
    return true;
  }
  if (serveShopCdn(url, res)) return true;
  const checkout = /^\/cart\/c\/([^/]+)$/.exec(url.pathname);
  const themePage = checkout ? null : renderThemePage(store, url);
  // A URL redirect applies where the path has no page (Shopify: only to 404 paths), with a 301.
  const redirect =
    !checkout && (!themePage || themePage.status === 404) && url.pathname !== "/"
      ? store.urlRedirects?.find((r) => r.path === url.pathname)
      : undefined;
  if (url.pathname !== "/" && !checkout && !themePage && !redirect) return false;
  if (shop.passwordProtected && !hasValidDigest(req, store)) {
    res.writeHead(302, { Location: "/password" });
    res.end();
    return true;
  }
  if (redirect) {
    res.writeHead(301, { Location: redirect.target });
    res.end();
    return true;
  }
  if (themePage) {
    sendHtml(res, themePage.status, themePage.html);
    return true;
  }
  if (!checkout) {
    sendHtml(res, 200, page(shop.name, `<main><h1>${escapeHtml(shop.name)}</h1></main>`));
    return true;
  }
  const html = checkoutPage(store, carts, checkout[1] ?? "", url.searchParams.get("key") ?? "");
  if (html) sendHtml(res, 200, html);
  else sendHtml(res, 404, page("Page not found", "<main><h1>404 Page Not Found</h1></main>"));
  return true;
}
