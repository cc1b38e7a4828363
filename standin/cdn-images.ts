/**
 * Shopify's image CDN (`cdn.shopify.com`) for the stand-in's stores: the product images the
 * stores hold, as small PNGs generated on request (nothing binary is committed), at the size the
 * URL asks for with Shopify's image URL parameters.
 *
 * Sizing (shopify.dev/docs/api/liquid/filters/image_url — the parameters the `image_url` filter
 * writes are the CDN's own URL parameters):
 * - `width` only / `height` only: that width (height), the other side by the image's aspect ratio;
 * - both, without `crop`: the largest size within width × height at the image's aspect ratio;
 * - both, with `crop` (top, center, bottom, left, right): exactly width × height, the image
 *   scaled to cover the box and the rest cut off; `crop=region` with `crop_left`, `crop_top`,
 *   `crop_width`, `crop_height` first cuts that region out of the original;
 * - an image is never made larger than its original, and no side larger than 5760 px;
 * - no size parameter: the original size.
 *
 * Simplified: the CDN's format negotiation (it serves WebP or AVIF to browsers that accept them,
 * and takes a `format` parameter) — every answer here is a PNG; the picture is a flat colour
 * with a lighter square in the middle, its colour derived from the file name, so it is the same
 * on every run. A URL no store holds is a 404, as on the CDN.
 */
import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { deflateSync } from "node:zlib";
import type { StandinStore } from "./store/types";

export const CDN_HOST = "cdn.shopify.com";
/** Shopify's largest image side (image_url: "up to a maximum of 5760px"). */
export const MAX_IMAGE_SIDE = 5760;
const CROPS = new Set(["top", "center", "bottom", "left", "right", "region"]);

export interface ImageSize {
  width: number;
  height: number;
}

function positive(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** The size Shopify's CDN serves for an original of `original` and the URL's parameters. */
export function requestedImageSize(original: ImageSize, params: URLSearchParams): ImageSize {
  let source = { ...original };
  const crop = params.get("crop");
  if (crop === "region") {
    const w = positive(params.get("crop_width"));
    const h = positive(params.get("crop_height"));
    if (w !== null && h !== null) {
      const left = Math.min(positive(params.get("crop_left")) ?? 0, source.width - 1);
      const top = Math.min(positive(params.get("crop_top")) ?? 0, source.height - 1);
      source = {
        width: Math.min(w, source.width - left),
        height: Math.min(h, source.height - top),
      };
    }
  }
  const width = Math.min(positive(params.get("width")) ?? Infinity, MAX_IMAGE_SIDE);
  const height = Math.min(positive(params.get("height")) ?? Infinity, MAX_IMAGE_SIDE);
  const round = (n: number) => Math.max(1, Math.round(n));
  if (width === Infinity && height === Infinity) return source;
  const fit = Math.min(1, width / source.width, height / source.height);
  if (
    width === Infinity ||
    height === Infinity ||
    crop === null ||
    !CROPS.has(crop) ||
    crop === "region"
  )
    return { width: round(source.width * fit), height: round(source.height * fit) };
  // Cover the box, never above the original, then cut to the box.
  const cover = Math.min(1, Math.max(width / source.width, height / source.height));
  return {
    width: Math.min(width, round(source.width * cover)),
    height: Math.min(height, round(source.height * cover)),
  };
}

// ---------------------------------------------------------------------------------------------
// PNG (RFC 2083): signature, IHDR, one IDAT, IEND; 8-bit RGB, filter 0 on every row.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type Rgb = [number, number, number];

/** A flat `background` with a `foreground` square of half the smaller side in the middle. */
export function encodePng({ width, height }: ImageSize, background: Rgb, foreground: Rgb): Buffer {
  const side = Math.floor(Math.min(width, height) / 2);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const stride = 1 + 3 * width;
  const plain = Buffer.alloc(stride);
  const marked = Buffer.alloc(stride);
  for (let x = 0; x < width; x++) {
    const inside = x >= left && x < left + side;
    plain.set(background, 1 + 3 * x);
    marked.set(inside ? foreground : background, 1 + 3 * x);
  }
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++)
    (y >= top && y < top + side ? marked : plain).copy(raw, y * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, filter 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Colours from the file name: the same picture for the same image on every run. */
function colours(name: string): { background: Rgb; foreground: Rgb } {
  const [r = 0, g = 0, b = 0] = createHash("sha256").update(name).digest();
  const background: Rgb = [64 + (r % 128), 64 + (g % 128), 64 + (b % 128)];
  const foreground = background.map((c) => Math.min(255, c + 60)) as Rgb;
  return { background, foreground };
}

// ---------------------------------------------------------------------------------------------

/** The original size of the image a store holds at this CDN path, or null. */
function heldImage(stores: Iterable<StandinStore>, path: string): ImageSize | null {
  const url = `https://${CDN_HOST}${path}`;
  for (const store of stores)
    for (const product of store.products)
      for (const media of product.media)
        if (media.url === url || media.url.startsWith(`${url}?`))
          return { width: media.width, height: media.height };
  return null;
}

/** Encoded images by path and size: a page of thumbnails asks for the same ones again. */
const cache = new Map<string, Buffer>();
const CACHE_ENTRIES = 2000;

/** Answers a request to cdn.shopify.com. */
export function serveCdnImage(
  stores: Iterable<StandinStore>,
  url: URL,
  method: string,
  res: ServerResponse,
): void {
  const original = heldImage(stores, url.pathname);
  if (original === null || (method !== "GET" && method !== "HEAD")) {
    res.writeHead(original === null ? 404 : 405, { "Content-Type": "text/plain" });
    res.end(original === null ? "Not Found" : "Method Not Allowed");
    return;
  }
  const size = requestedImageSize(original, url.searchParams);
  const key = `${url.pathname} ${size.width}x${size.height}`;
  let body = cache.get(key);
  if (!body) {
    const { background, foreground } = colours(url.pathname);
    body = encodePng(size, background, foreground);
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value ?? "");
    cache.set(key, body);
  }
  res.writeHead(200, {
    "Content-Type": "image/png",
    "Content-Length": body.length,
    "Cache-Control": "public, max-age=31536000, immutable",
    "Access-Control-Allow-Origin": "*",
  });
  res.end(method === "HEAD" ? undefined : body);
}
