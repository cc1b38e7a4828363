/**
 * The stand-in's theme storefront: pages follow the theme files (enabled embeds inject their
 * app's assets, disabled ones nothing, the layout's leftover tag is copied), theme pages sit
 * behind the password gate while `/cdn/` assets do not, and app hosts serve exact sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { LEFTOVER_SCRIPT_URL } from "../../standin/seed/demo-theme";
import { STANDIN_APPS } from "../../standin/storefront/theme-assets";
import type { StandinStore } from "../../standin/store/types";
import { startShop, type ShopHarness } from "../shopify/helpers";

let h: ShopHarness;
let store: StandinStore;
let cookie = "";

beforeAll(async () => {
  store = generateDemoStore({ seed: 7, productCount: 100 }).store;
  h = await startShop(store);
  const login = await fetch(`https://${h.shop}/password`, {
    method: "POST",
    body: new URLSearchParams({ password: store.shop.storefrontPassword ?? "" }),
    redirect: "manual",
  });
  cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}, 60_000);
afterAll(() => h.close());

const get = (path: string, withCookie = true) =>
  fetch(`https://${h.shop}${path}`, {
    redirect: "manual",
    headers: withCookie ? { cookie } : {},
  });

describe("theme pages", () => {
  it("are behind the password gate; /cdn/ assets are not", async () => {
    const gated = await get("/collections/cykler", false);
    expect(gated.status).toBe(302);
    expect(gated.headers.get("location")).toBe("/password");
    const asset = await get("/cdn/shop/files/hero-autumn.jpg", false);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toBe("image/jpeg");
    expect((await asset.arrayBuffer()).byteLength).toBe(260 * 1024);
  });

  it("load the assets of enabled embeds, not of the disabled one, and the layout's leftover", async () => {
    const html = await (await get("/")).text();
    expect(html).toContain(
      '<script src="https://static.klikmail.example/onsite/klikmail.js"></script>',
    );
    expect(html).not.toContain("widget.chatly.example");
    expect(html).toContain(`${LEFTOVER_SCRIPT_URL}?shop=${h.shop}`);
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain("klikmail.js");
    expect(head).toContain("some-removed-app");
  });

  it("add the product template's app block on product pages only", async () => {
    const product = store.products.find((p) => p.status === "ACTIVE" && p.onlineStorePublishedAt);
    const html = await (await get(`/products/${product?.handle ?? ""}`)).text();
    expect(html).toContain("https://cdn.nordic-reviews.example/v2/stars.js");
    expect(await (await get("/cart")).text()).not.toContain("stars.js");
  });

  it("answer 404 for unknown products and collections", async () => {
    expect((await get("/products/no-such-thing")).status).toBe(404);
    expect((await get("/collections/no-such-thing")).status).toBe(404);
  });

  it("switch an embed's assets on when the theme's settings enable it", async () => {
    const settings = store.themes[0]?.files.find((f) => f.filename === "config/settings_data.json");
    if (!settings) throw new Error("no settings");
    const before = settings.body;
    settings.body = before.replace('"disabled": true', '"disabled": false');
    expect(await (await get("/")).text()).toContain("https://widget.chatly.example/loader.js");
    settings.body = before;
  });
});

describe("app hosts", () => {
  it("serve every planted asset with its exact size, and 404 on the removed app's host", async () => {
    for (const asset of STANDIN_APPS.flatMap((a) => [
      ...a.embed,
      ...Object.values(a.blocks).flat(),
    ])) {
      const response = await fetch(asset.url);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBe(asset.bytes);
    }
    expect((await fetch(LEFTOVER_SCRIPT_URL)).status).toBe(404);
    expect((await fetch("https://cdn.nordic-reviews.example/nope.js")).status).toBe(404);
  });
});
