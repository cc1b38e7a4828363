/** Thumbnails ask Shopify's CDN for their size (width/height URL parameters); other URLs stay. */
import { describe, expect, it } from "vitest";
import { sizedImageUrl } from "~/product-qa/ui/image-url";

describe("sizedImageUrl", () => {
  it("adds the box at twice the CSS size to a cdn.shopify.com URL, keeping its version", () => {
    const url = sizedImageUrl("https://cdn.shopify.com/s/files/1/2/files/a.jpg?v=17", {
      width: 40,
      height: 40,
    });
    const parsed = new URL(url);
    expect(parsed.pathname).toBe("/s/files/1/2/files/a.jpg");
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ v: "17", width: "80", height: "80" });
  });

  it("replaces sizes the URL already asks for", () => {
    const url = sizedImageUrl("https://cdn.shopify.com/a.png?width=2048&height=10", {
      width: 50,
      height: 30,
      density: 1,
    });
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({ width: "50", height: "30" });
  });

  it("sizes a shop's own /cdn/shop/ URL too", () => {
    expect(
      sizedImageUrl("https://nordvej.myshopify.com/cdn/shop/files/a.jpg", {
        width: 40,
        height: 40,
      }),
    ).toBe("https://nordvej.myshopify.com/cdn/shop/files/a.jpg?width=80&height=80");
  });

  it.each([
    "https://images.example/a.jpg",
    "https://nordvej.myshopify.com/products/a.jpg",
    "http://cdn.shopify.com/a.jpg",
    "not a url",
  ])("leaves %s as it is", (src) => {
    expect(sizedImageUrl(src, { width: 40, height: 40 })).toBe(src);
  });
});
