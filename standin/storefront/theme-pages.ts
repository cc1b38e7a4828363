/**
 * The Online Store pages of a stand-in shop, rendered from its published (MAIN) theme the way a
 * Dawn-like theme renders them: home, a collection, a product, the cart and search.
 *
 * What the theme files say decides what the pages load, so the app audits can be checked against
 * the same files they read through the Admin API:
 * - every enabled app embed in `config/settings_data.json` injects its app's assets (see
 *   theme-assets.ts), a disabled one nothing;
 * - an app block in `templates/product.json` injects the block's assets on product pages, and
 *   one in the section groups (`sections/header-group.json`, `sections/footer-group.json`) on
 *   every page;
 * - absolute `<script src>` / `<link href>` tags written into `layout/theme.liquid` (the demo
 *   theme's leftover) are copied into every page's `<head>`, with `{{ shop.permanent_domain }}`
 *   filled in, and so are its `<script src="{{ 'x.js' | asset_url }}">` tags beyond Dawn's three;
 * - the external tags of Custom Liquid sections are copied: those of the section groups into
 *   every page, those of `templates/index.json` into the home page;
 * - on product pages, the external tags of the snippets `sections/main-product.liquid` renders;
 * - the shop's script tags load asynchronously on every page, as `content_for_header` does.
 */
import { escapeHtml } from "../http/util";
import type { StandinProduct, StandinStore, StandinTheme } from "../store/types";
import {
  HERO_IMAGE,
  SHOPIFY_FEATURES_PATH,
  STANDIN_APPS,
  storefrontImagePath,
  type AppAsset,
} from "./theme-assets";

export type ThemePageType = "home" | "collection" | "product" | "cart" | "search";

const APP_TYPE = /^shopify:\/\/apps\/([^/]+)\/blocks\/([^/]+)\//;

function file(theme: StandinTheme, name: string): string {
  return theme.files.find((f) => f.filename === name)?.body ?? "";
}

/** settings_data.json starts with a comment Shopify writes; JSON.parse needs it gone. */
function parseThemeJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\s*\/\*[\s\S]*?\*\//, ""));
  } catch {
    return null;
  }
}

interface Block {
  type?: unknown;
  disabled?: unknown;
}

function enabledEmbeds(theme: StandinTheme): AppAsset[] {
  const data = parseThemeJson(file(theme, "config/settings_data.json")) as {
    current?: { blocks?: Record<string, Block> };
  } | null;
  const assets: AppAsset[] = [];
  for (const block of Object.values(data?.current?.blocks ?? {})) {
    const m = typeof block.type === "string" ? APP_TYPE.exec(block.type) : null;
    if (!m || block.disabled === true) continue;
    const app = STANDIN_APPS.find((a) => a.handle === m[1]);
    if (app) assets.push(...app.embed);
  }
  return assets;
}

interface SectionJson {
  type?: unknown;
  disabled?: unknown;
  blocks?: Record<string, Block>;
  settings?: Record<string, unknown>;
}

function jsonSections(theme: StandinTheme, filename: string): SectionJson[] {
  const data = parseThemeJson(file(theme, filename)) as {
    sections?: Record<string, SectionJson>;
  } | null;
  return Object.values(data?.sections ?? {}).filter((s) => s.disabled !== true);
}

function appBlockAssets(sections: SectionJson[]): AppAsset[] {
  const assets: AppAsset[] = [];
  for (const section of sections) {
    for (const block of Object.values(section.blocks ?? {})) {
      const m = typeof block.type === "string" ? APP_TYPE.exec(block.type) : null;
      if (!m || block.disabled === true) continue;
      const app = STANDIN_APPS.find((a) => a.handle === m[1]);
      assets.push(...(app?.blocks[m[2] ?? ""] ?? []));
    }
  }
  return assets;
}

function templateBlocks(theme: StandinTheme, template: string): AppAsset[] {
  return appBlockAssets(jsonSections(theme, `templates/${template}.json`));
}

const GROUPS = ["sections/header-group.json", "sections/footer-group.json"];

/** External `<script>`/`<link>` tags in a piece of markup, one per line as written. */
function externalTags(markup: string, domain: string): string[] {
  return markup
    .split("\n")
    .filter((line) => /<(script|link)\b[^>]*(src|href)=["']https?:\/\//i.test(line))
    .map((line) => line.trim().replace(/\{\{\s*shop\.permanent_domain\s*\}\}/g, domain));
}

/** Absolute script and stylesheet tags hard-coded in layout/theme.liquid. */
function layoutExternalTags(theme: StandinTheme, domain: string): string[] {
  return externalTags(file(theme, "layout/theme.liquid"), domain);
}

/** The external tags of a JSON file's Custom Liquid sections. */
function customLiquidTags(theme: StandinTheme, filename: string, domain: string): string[] {
  return jsonSections(theme, filename)
    .filter((s) => s.type === "custom-liquid")
    .flatMap((s) => externalTags(String(s.settings?.custom_liquid ?? ""), domain));
}

/** External tags of the snippets a section renders (`{% render 'x' %}`). */
function renderedSnippetTags(theme: StandinTheme, sectionFile: string, domain: string): string[] {
  return [...file(theme, sectionFile).matchAll(/\{%-?\s*render\s+'([\w-]+)'/g)].flatMap((m) =>
    externalTags(file(theme, `snippets/${m[1] ?? ""}.liquid`), domain),
  );
}

const DAWN_HEAD_SCRIPTS = new Set(["constants.js", "pubsub.js", "global.js"]);

/** `<script src="{{ 'x.js' | asset_url }}">` tags in the layout beyond Dawn's three. */
function layoutAssetScripts(theme: StandinTheme, themePath: string): string[] {
  return [
    ...file(theme, "layout/theme.liquid").matchAll(
      /<script src="\{\{ '([\w.-]+)' \| asset_url \}\}"([^>]*)><\/script>/g,
    ),
  ]
    .filter((m) => !DAWN_HEAD_SCRIPTS.has(m[1] ?? ""))
    .map((m) => `<script src="${themePath}/${m[1] ?? ""}"${m[2] ?? ""}></script>`);
}

function assetTag(asset: AppAsset): string {
  if (asset.kind === "style") return `<link rel="stylesheet" href="${asset.url}" media="all">`;
  const loading =
    asset.placement === "head-blocking"
      ? ""
      : asset.placement === "body-defer"
        ? " defer"
        : " async";
  return `<script src="${asset.url}"${loading}></script>`;
}

function visibleProducts(store: StandinStore): StandinProduct[] {
  return store.products.filter((p) => p.status === "ACTIVE" && p.onlineStorePublishedAt !== null);
}

function money(store: StandinStore, amount: string): string {
  return `${Number(amount).toFixed(2)} ${store.shop.currencyCode}`;
}

function card(store: StandinStore, p: StandinProduct): string {
  const media = p.media[0];
  const image = media
    ? `<img src="${storefrontImagePath(media.url)}?width=533" alt="${escapeHtml(media.alt ?? "")}" width="533" height="533" loading="lazy">`
    : "";
  const price = p.variants[0]?.price ?? "0";
  return `<li class="grid__item"><div class="card"><a href="/products/${p.handle}" class="card__link">${image}<h3 class="card__heading">${escapeHtml(p.title)}</h3></a><span class="price">${money(store, price)}</span></div></li>`;
}

function grid(store: StandinStore, products: StandinProduct[]): string {
  return `<ul class="grid product-grid">${products.map((p) => card(store, p)).join("")}</ul>`;
}

/** The first collection with a visible product: the one the header links to. */
export function featuredCollection(store: StandinStore) {
  const visible = visibleProducts(store);
  return store.collections.find((c) => visible.some((p) => p.collectionIds.includes(c.id))) ?? null;
}

function layout(
  store: StandinStore,
  theme: StandinTheme,
  title: string,
  content: string,
  extra: AppAsset[],
): string {
  const domain = store.shop.myshopifyDomain;
  const themePath = `/cdn/shop/t/${theme.id.split("/").pop() ?? "1"}/assets`;
  const groups = GROUPS.map((g) => jsonSections(theme, g)).flat();
  const assets = [...enabledEmbeds(theme), ...appBlockAssets(groups), ...extra];
  const headAssets = assets.filter((a) => a.placement.startsWith("head"));
  const bodyAssets = assets.filter((a) => !a.placement.startsWith("head"));
  const collection = featuredCollection(store);
  const scriptTags = store.scriptTags
    .filter((t) => t.displayScope !== "ORDER_STATUS")
    .map((t) => `<script src="${escapeHtml(t.src)}" async></script>`);
  return [
    "<!doctype html>",
    `<html class="no-js" lang="${escapeHtml(store.shop.primaryLocale)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<link rel="canonical" href="https://${domain}/">`,
    `<script src="${themePath}/constants.js" defer="defer"></script>`,
    `<script src="${themePath}/pubsub.js" defer="defer"></script>`,
    `<script src="${themePath}/global.js" defer="defer"></script>`,
    `<script>var Shopify = Shopify || {}; Shopify.shop = "${domain}"; Shopify.theme = {"name":"${escapeHtml(theme.name)}","role":"main"};</script>`,
    `<script src="${SHOPIFY_FEATURES_PATH}" defer="defer"></script>`,
    ...scriptTags,
    ...headAssets.map(assetTag),
    `<link href="${themePath}/base.css" rel="stylesheet" type="text/css" media="all">`,
    ...layoutAssetScripts(theme, themePath),
    ...layoutExternalTags(theme, domain),
    "</head>",
    '<body class="gradient">',
    `<header class="header"><a href="/" class="header__heading-link">${escapeHtml(store.shop.name)}</a><nav><ul class="list-menu">` +
      (collection
        ? `<li><a href="/collections/${collection.handle}">${escapeHtml(collection.title)}</a></li>`
        : "") +
      '<li><a href="/search">Search</a></li><li><a href="/cart">Cart</a></li></ul></nav></header>',
    `<main id="MainContent" class="content-for-layout" role="main">${content}</main>`,
    `<footer class="footer"><p>&copy; ${escapeHtml(store.shop.name)}</p></footer>`,
    ...GROUPS.flatMap((g) => customLiquidTags(theme, g, domain)),
    ...bodyAssets.map(assetTag),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function themeCss(theme: StandinTheme): string {
  return `<link href="/cdn/shop/t/${theme.id.split("/").pop() ?? "1"}/assets/component-card.css" rel="stylesheet" media="print" onload="this.media='all'">`;
}

export interface RenderedPage {
  status: number;
  html: string;
}

/**
 * Renders a theme page, or returns null when the path is not one (the caller answers 404).
 * `/collections/{handle}`, `/products/{handle}` of unknown handles are the theme's 404 page.
 */
export function renderThemePage(store: StandinStore, url: URL): RenderedPage | null {
  const theme = store.themes.find((t) => t.role === "MAIN");
  if (!theme) return null;
  const shopName = store.shop.name;
  const visible = visibleProducts(store);
  const themeAssets = `/cdn/shop/t/${theme.id.split("/").pop() ?? "1"}/assets`;
  const notFound = (): RenderedPage => ({
    status: 404,
    html: layout(store, theme, `404 Not Found – ${shopName}`, "<h1>404 Page not found</h1>", []),
  });
  const path = url.pathname.replace(/\/$/, "") || "/";
  if (path === "/") {
    const content =
      `<section class="banner"><img src="/cdn/shop/files/${HERO_IMAGE}?width=1500" alt="" width="1500" height="800" fetchpriority="high"><h2>${escapeHtml(shopName)}</h2></section>` +
      themeCss(theme) +
      `<section class="featured-collection"><h2>Featured</h2>${grid(store, visible.slice(0, 8))}</section>` +
      `<section class="newsletter"><h2>Subscribe to our emails</h2></section>` +
      customLiquidTags(theme, "templates/index.json", store.shop.myshopifyDomain).join("");
    return { status: 200, html: layout(store, theme, shopName, content, []) };
  }
  let m: RegExpExecArray | null;
  if ((m = /^\/collections\/([\w-]+)$/.exec(path))) {
    const collection = store.collections.find((c) => c.handle === m?.[1]);
    if (!collection) return notFound();
    const products = visible.filter((p) => p.collectionIds.includes(collection.id)).slice(0, 24);
    const content = `<h1 class="collection-hero__title">${escapeHtml(collection.title)}</h1>${themeCss(theme)}${grid(store, products)}`;
    return {
      status: 200,
      html: layout(store, theme, `${collection.title} – ${shopName}`, content, []),
    };
  }
  if ((m = /^\/products\/([\w-]+)$/.exec(path))) {
    const product = visible.find((p) => p.handle === m?.[1]);
    if (!product) return notFound();
    const media = product.media
      .map(
        (image, i) =>
          `<img src="${storefrontImagePath(image.url)}?width=1946" alt="${escapeHtml(image.alt ?? "")}" width="${image.width}" height="${image.height}"${i === 0 ? ' fetchpriority="high"' : ' loading="lazy"'}>`,
      )
      .join("");
    const content =
      `<section class="product"><div class="product__media-list">${media}</div>` +
      `<div class="product__info"><h1>${escapeHtml(product.title)}</h1><div class="price">${money(store, product.variants[0]?.price ?? "0")}</div>` +
      `<div class="product__description rte">${product.descriptionHtml}</div>` +
      renderedSnippetTags(theme, "sections/main-product.liquid", store.shop.myshopifyDomain).join(
        "",
      ) +
      `</div></section>` +
      `<script src="${themeAssets}/product-info.js" defer="defer"></script>`;
    return {
      status: 200,
      html: layout(
        store,
        theme,
        `${product.title} – ${shopName}`,
        content,
        templateBlocks(theme, "product"),
      ),
    };
  }
  if (path === "/cart") {
    const content = `<h1>Your cart is empty</h1><a href="/" class="button">Continue shopping</a><script src="${themeAssets}/cart.js" defer="defer"></script>`;
    return {
      status: 200,
      html: layout(store, theme, `Your Shopping Cart – ${shopName}`, content, []),
    };
  }
  if (path === "/search") {
    const q = (url.searchParams.get("q") ?? "").trim().toLowerCase();
    const results = q ? visible.filter((p) => p.title.toLowerCase().includes(q)).slice(0, 24) : [];
    const content =
      `<h1>Search results</h1><form action="/search" method="get"><input type="search" name="q" value="${escapeHtml(q)}"></form>` +
      (q
        ? `<p>${results.length} results for “${escapeHtml(q)}”</p>${themeCss(theme)}${grid(store, results)}`
        : "");
    return { status: 200, html: layout(store, theme, `Search: ${q} – ${shopName}`, content, []) };
  }
  return null;
}
