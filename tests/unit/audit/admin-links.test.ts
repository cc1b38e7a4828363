import { describe, expect, it } from "vitest";
import { embeddedAdminUrl, productAdminUrl, storeHandle } from "~/findings/admin-links";
import { findingKey, ruleIdOfKey } from "~/findings/finding-key";

describe("admin links", () => {
  it("use the myshopify subdomain as the store handle", () => {
    expect(storeHandle("nordvej-outdoor.myshopify.com")).toBe("nordvej-outdoor");
    expect(storeHandle("Nordvej-Outdoor.MyShopify.com ")).toBe("nordvej-outdoor");
    expect(storeHandle("shop.nordvej.dk")).toBeNull();
    expect(storeHandle("acme.myshopify.com.evil.example")).toBeNull();
  });

  it("open the exact product or variant page", () => {
    const product = { handle: "telt", id: "gid://shopify/Product/8412000000097" };
    expect(productAdminUrl("nordvej-outdoor.myshopify.com", product)).toBe(
      "https://admin.shopify.com/store/nordvej-outdoor/products/8412000000097",
    );
    expect(
      productAdminUrl("nordvej-outdoor.myshopify.com", product, {
        id: "gid://shopify/ProductVariant/451",
      }),
    ).toBe("https://admin.shopify.com/store/nordvej-outdoor/products/8412000000097/variants/451");
  });

  it("search admin by handle when the snapshot has no numeric ids (CSV)", () => {
    expect(
      productAdminUrl(
        "acme.myshopify.com",
        { handle: "røde-sko", id: "csv://product/r%C3%B8de-sko" },
        { id: "csv://variant/r%C3%B8de-sko/1" },
      ),
    ).toBe("https://admin.shopify.com/store/acme/products?query=r%C3%B8de-sko");
  });

  it("have no link without a myshopify domain to link into", () => {
    expect(productAdminUrl("export", { handle: "telt", id: "gid://shopify/Product/1" })).toBeNull();
  });

  it("have an App Bridge form for use inside the embedded app", () => {
    expect(
      embeddedAdminUrl("https://admin.shopify.com/store/nordvej-outdoor/products/84/variants/45"),
    ).toBe("shopify://admin/products/84/variants/45");
    expect(embeddedAdminUrl("https://admin.shopify.com/store/acme/products?query=telt")).toBe(
      "shopify://admin/products?query=telt",
    );
    expect(embeddedAdminUrl(null)).toBeNull();
    expect(embeddedAdminUrl("https://example.com/store/acme/products/1")).toBeNull();
  });
});

describe("finding keys", () => {
  it("are rule id + resource id, and give the rule id back", () => {
    const key = findingKey("variant.missing-sku", "gid://shopify/ProductVariant/123");
    expect(key).toBe("variant.missing-sku:gid://shopify/ProductVariant/123");
    expect(ruleIdOfKey(key)).toBe("variant.missing-sku");
    expect(ruleIdOfKey("product.few-images:csv://product/telt")).toBe("product.few-images");
    expect(() => findingKey("bad:id", "x")).toThrow();
  });
});
