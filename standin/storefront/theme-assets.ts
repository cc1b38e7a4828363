/**
 * What a storefront page loads besides its HTML, as the stand-in serves it: the theme's own
 * assets and product images on the shop's domain (`/cdn/shop/…`, as Shopify serves them since
 * 2023), Shopify's storefront scripts (`/cdn/shopifycloud/…`), and the scripts and styles that
 * the stand-in's fictional apps inject through their theme app extensions, served under each
 * app's own host (`*.example`, routed here by standin/route-shopify.ts).
 *
 * Every body is deterministic and exactly `bytes` long, so tests can compare what a crawler
 * measured with what was served. A host of an app that was uninstalled (the demo theme's
 * leftover) answers 404 for everything, like a CDN whose app is gone.
 */
import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";

export type AssetKind = "script" | "style" | "image";

/** Where an app's asset goes in the page and how it is loaded. */
export type Placement =
  | "head-blocking" // <script src> in <head> without async/defer: blocks rendering
  | "head-style" // <link rel=stylesheet> in <head>: blocks rendering
  | "head-async"
  | "body-async"
  | "body-defer";

export interface AppAsset {
  url: string;
  kind: AssetKind;
  bytes: number;
  placement: Placement;
}

/** A fictional app of the stand-in: what its embed (settings_data.json) and its blocks inject. */
export interface StandinApp {
  /** The handle in `shopify://apps/{handle}/blocks/…`. */
  handle: string;
  title: string;
  embed: AppAsset[];
  /** Per block name (`star-rating`), what an app block in a template injects. */
  blocks: Record<string, AppAsset[]>;
}

const KB = 1024;

export const STANDIN_APPS: readonly StandinApp[] = [
  {
    handle: "nordic-reviews",
    title: "Nordic Reviews",
    embed: [
      {
        url: "https://cdn.nordic-reviews.example/v2/reviews.css",
        kind: "style",
        bytes: 18 * KB,
        placement: "head-style",
      },
      {
        url: "https://cdn.nordic-reviews.example/v2/reviews-widget.js",
        kind: "script",
        bytes: 96 * KB,
        placement: "body-async",
      },
    ],
    blocks: {
      "star-rating": [
        {
          url: "https://cdn.nordic-reviews.example/v2/stars.js",
          kind: "script",
          bytes: 12 * KB,
          placement: "body-defer",
        },
      ],
    },
  },
  {
    handle: "klikmail-email-marketing",
    title: "Klikmail Email Marketing",
    embed: [
      {
        // The render-blocking third-party script of the demo store.
        url: "https://static.klikmail.example/onsite/klikmail.js",
        kind: "script",
        bytes: 180 * KB,
        placement: "head-blocking",
      },
      {
        url: "https://forms.klikmail.example/signup-forms.js",
        kind: "script",
        bytes: 64 * KB,
        placement: "body-async",
      },
    ],
    blocks: {},
  },
  {
    // Installed only as an app block in the header group (sections/header-group.json).
    handle: "valuta-converter",
    title: "Valuta Converter",
    embed: [],
    blocks: {
      "currency-switcher": [
        {
          url: "https://cdn.valuta.example/switcher/v3.js",
          kind: "script",
          bytes: 22 * KB,
          placement: "body-async",
        },
      ],
    },
  },
  {
    handle: "chatly-live-chat",
    title: "Chatly Live Chat",
    embed: [
      {
        url: "https://widget.chatly.example/loader.js",
        kind: "script",
        bytes: 45 * KB,
        placement: "body-async",
      },
    ],
    blocks: {},
  },
];

/**
 * A script pasted into the home page's newsletter section by hand (a trust badge): its host is in
 * no app-host list, so an audit must list it as unknown.
 */
export const UNKNOWN_SCRIPT: AppAsset = {
  url: "https://widgets.trustbadge.example/badge.js",
  kind: "script",
  bytes: 9 * KB,
  placement: "body-async",
};

/** A web font stylesheet from a font host in no app list, linked in the layout's <head>. */
export const REMOTE_FONT: AppAsset = {
  url: "https://fonts.fontpark.example/css/inter.css",
  kind: "style",
  bytes: 3 * KB,
  placement: "head-style",
};

/** The theme's own assets under `/cdn/shop/t/{theme}/assets/`. */
export const THEME_ASSETS: Record<string, { kind: AssetKind; bytes: number }> = {
  "base.css": { kind: "style", bytes: 38 * KB },
  "component-card.css": { kind: "style", bytes: 6 * KB },
  "constants.js": { kind: "script", bytes: 1200 },
  "pubsub.js": { kind: "script", bytes: 900 },
  "global.js": { kind: "script", bytes: 42 * KB },
  "product-info.js": { kind: "script", bytes: 14 * KB },
  "cart.js": { kind: "script", bytes: 9 * KB },
  // The demo theme's oversized carousel bundle, loaded without defer in <head>.
  "slider-bundle.js": { kind: "script", bytes: 148 * KB },
};

/** Shopify's storefront script that `{{ content_for_header }}` loads on every page. */
export const SHOPIFY_FEATURES_PATH = "/cdn/shopifycloud/storefront/assets/storefront/features.js";
const SHOPIFY_FEATURES_BYTES = 24 * KB;

export const HERO_IMAGE = "hero-autumn.jpg";

/** Product image sizes: 40–140 KB, derived from the file name (stable across runs). */
export function imageBytes(filename: string): number {
  if (filename === HERO_IMAGE) return 260 * KB;
  const n = createHash("sha256").update(filename).digest().readUInt32BE(0);
  return 40 * KB + (n % (100 * KB));
}

/** The storefront path of a product image (`https://cdn.shopify.com/…/files/x.jpg` → `/cdn/shop/files/x.jpg`). */
export function storefrontImagePath(mediaUrl: string): string {
  const name = mediaUrl.split("?")[0]?.split("/").pop() ?? "image.jpg";
  return `/cdn/shop/files/${name}`;
}

const CONTENT_TYPES: Record<AssetKind, string> = {
  script: "application/javascript; charset=utf-8",
  style: "text/css; charset=utf-8",
  image: "image/jpeg",
};

/** A deterministic body of exactly `bytes` bytes. */
export function assetBody(kind: AssetKind, bytes: number, name: string): Buffer {
  if (kind === "image") {
    const body = Buffer.alloc(bytes, 0);
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(body);
    return body;
  }
  const head = kind === "script" ? `/* ${name} */\n` : `/* ${name} */\n`;
  const unit = kind === "script" ? "window.__s=(window.__s||0)+1;\n" : ".x{color:#123456}\n";
  let text = head;
  while (text.length < bytes) text += unit;
  return Buffer.from(text.slice(0, bytes));
}

function send(res: ServerResponse, kind: AssetKind, body: Buffer): void {
  res.writeHead(200, {
    "Content-Type": CONTENT_TYPES[kind],
    "Content-Length": body.length,
    "Cache-Control": "public, max-age=31536000",
  });
  res.end(body);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("Not Found");
}

const APP_ASSETS = new Map<string, AppAsset>(
  [
    ...STANDIN_APPS.flatMap((a) => [...a.embed, ...Object.values(a.blocks).flat()]),
    UNKNOWN_SCRIPT,
    REMOTE_FONT,
  ].map((asset) => [asset.url, asset]),
);

/** Hosts the stand-in answers for besides the shops: the fictional apps' CDNs. */
export function isAppHost(host: string): boolean {
  return /\.example$/i.test(host);
}

/** Serves an app host's request (404 for unknown paths and hosts of removed apps). */
export function serveAppAsset(host: string, url: URL, res: ServerResponse): void {
  const asset = APP_ASSETS.get(`https://${host}${url.pathname}`);
  if (!asset) return notFound(res);
  send(res, asset.kind, assetBody(asset.kind, asset.bytes, url.pathname));
}

/** Serves `/cdn/…` on a shop's domain; returns false for other paths. Never password-gated. */
export function serveShopCdn(url: URL, res: ServerResponse): boolean {
  if (!url.pathname.startsWith("/cdn/")) return false;
  if (url.pathname === SHOPIFY_FEATURES_PATH) {
    send(res, "script", assetBody("script", SHOPIFY_FEATURES_BYTES, url.pathname));
    return true;
  }
  let m: RegExpExecArray | null;
  if ((m = /^\/cdn\/shop\/t\/\d+\/assets\/([\w.-]+)$/.exec(url.pathname))) {
    const asset = THEME_ASSETS[m[1] ?? ""];
    if (asset) send(res, asset.kind, assetBody(asset.kind, asset.bytes, url.pathname));
    else notFound(res);
    return true;
  }
  if ((m = /^\/cdn\/shop\/files\/([\w.-]+\.(?:jpe?g|png|webp))$/i.exec(url.pathname))) {
    const name = m[1] ?? "";
    send(res, "image", assetBody("image", imageBytes(name), name));
    return true;
  }
  notFound(res);
  return true;
}
