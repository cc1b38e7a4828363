/**
 * cdn.shopify.com on the stand-in: the product images the store holds, as PNGs of the size
 * Shopify's image URL parameters ask for (shopify.dev/docs/api/liquid/filters/image_url), and a
 * 404 for a URL no store holds. Sizes are read back from the PNG's own header.
 */
import { inflateSync } from "node:zlib";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStorefrontTls } from "../../standin/storefront-tls";
import { CHROMIUM_PATH, chromiumAvailable } from "../helpers/browser";
import { startHarness, type Harness } from "./helpers";

let h: Harness;
let held: { url: string; width: number; height: number };

beforeAll(async () => {
  h = await startHarness({ products: 3 });
  const media = h.standin.store(h.shop).products[0]!.media[0]!;
  // A portrait original, to tell width from height.
  media.url = "https://cdn.shopify.com/s/files/1/0000/0001/files/jakke-1.jpg?v=1709283600";
  media.width = 2000;
  media.height = 2500;
  held = media;
});
afterAll(() => h.close());

/** Width and height from a PNG's IHDR, after checking the signature and the image data inflates. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]));
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idat = bytes.indexOf("IDAT");
  const length = bytes.readUInt32BE(idat - 4);
  const raw = inflateSync(bytes.subarray(idat + 4, idat + 4 + length));
  expect(raw.length).toBe(height * (1 + 3 * width));
  return { width, height };
}

async function image(query: string) {
  const base = held.url.split("?")[0]!;
  const response = await fetch(`${base}?v=1709283600${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  return pngSize(Buffer.from(await response.arrayBuffer()));
}

describe("cdn.shopify.com", () => {
  it("serves a held image at its original size without parameters", async () => {
    expect(await image("")).toEqual({ width: 2000, height: 2500 });
  });

  it.each([
    ["width only: the height by the aspect ratio", "&width=80", { width: 80, height: 100 }],
    ["height only: the width by the aspect ratio", "&height=100", { width: 80, height: 100 }],
    ["both: fitted within the box", "&width=80&height=80", { width: 64, height: 80 }],
    [
      "both with crop: exactly the box",
      "&width=80&height=80&crop=center",
      { width: 80, height: 80 },
    ],
    [
      "crop from the top: the same box",
      "&width=300&height=100&crop=top",
      { width: 300, height: 100 },
    ],
    ["never larger than the original", "&width=4000", { width: 2000, height: 2500 }],
    [
      "a region cut out first",
      "&crop=region&crop_left=100&crop_top=100&crop_width=1000&crop_height=500&width=500",
      { width: 500, height: 250 },
    ],
    ["a size that is not a number is no size", "&width=abc", { width: 2000, height: 2500 }],
  ])("%s", async (_name, query, size) => {
    expect(await image(query)).toEqual(size);
  });

  it("the same image is the same bytes on every request", async () => {
    const url = `${held.url}&width=40`;
    const [a, b] = await Promise.all([fetch(url), fetch(url)]);
    expect(Buffer.from(await a.arrayBuffer())).toEqual(Buffer.from(await b.arrayBuffer()));
  });

  it("a URL no store holds is a 404", async () => {
    const response = await fetch("https://cdn.shopify.com/s/files/1/0000/0001/files/nope.jpg");
    expect(response.status).toBe(404);
  });

  it.skipIf(!chromiumAvailable())(
    "a browser started with the flags the demo prints loads the image from cdn.shopify.com",
    { timeout: 60_000 },
    async () => {
      const tls = await startStorefrontTls(h.standin.url);
      const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ["--headless=new", "--no-sandbox", "--disable-gpu", ...tls.viewerArgs],
      });
      try {
        const page = await browser.newPage();
        const size = await page.evaluate(async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          return { width: img.naturalWidth, height: img.naturalHeight };
        }, `${held.url}&width=80&height=80`);
        expect(size).toEqual({ width: 64, height: 80 });
        // Nothing else resolves: the page cannot reach the real internet.
        const elsewhere = await page
          .evaluate(() =>
            fetch("https://example.com/").then(
              () => "reached",
              () => "refused",
            ),
          )
          .catch(() => "refused");
        expect(elsewhere).toBe("refused");
      } finally {
        await browser.close();
        await tls.close();
      }
    },
  );
});
