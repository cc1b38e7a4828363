/**
 * SHOP_CUSTOM_DOMAIN: shops on a custom (test) domain are accepted wherever the app checks a
 * shop domain — the login form and webhook deliveries. @shopify/shopify-api 15 ignores the old
 * `customShopDomains` option; the app passes a `domainTransformations` entry instead.
 */
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SHOP_CUSTOM_DOMAIN = "tovholder-test.example";
});

const { login } = await import("~/shopify.server");
const { action: uninstalled } = await import("~/routes/webhooks.app.uninstalled");
const { parseEnv, EnvError } = await import("~/env.server");
const { webhookRequest } = await import("../helpers/webhooks");

async function tryLogin(shop: string): Promise<unknown> {
  const body = new FormData();
  body.set("shop", shop);
  try {
    return await login!(
      new Request("https://my-test-app.myshopify.io/auth/login", { method: "POST", body }),
    );
  } catch (thrown) {
    return thrown;
  }
}

describe("SHOP_CUSTOM_DOMAIN", () => {
  it("the login form accepts a shop on the custom domain and sends it to Shopify", async () => {
    const result = await tryLogin("nordvej.tovholder-test.example");
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(302);
  });

  it("still refuses a domain that is neither Shopify's nor the configured one", async () => {
    expect(await tryLogin("nordvej.someone-else.example")).toEqual({ shop: "INVALID_SHOP" });
  });

  it("a webhook from a shop on the custom domain is accepted", async () => {
    const request = webhookRequest("/webhooks/app/uninstalled", {
      shop: "nordvej.tovholder-test.example",
      topic: "app/uninstalled",
      payload: { id: 1 },
    });
    const res = await uninstalled({ request, params: {}, context: {} }).catch((r: Response) => r);
    expect(res.status).toBe(200);
  });

  it("a value that is not a bare domain stops start-up with a clear message", () => {
    const base = {
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "s",
      SHOPIFY_APP_URL: "https://a.example",
      ENCRYPTION_KEY: "11".repeat(32),
    };
    for (const value of ["https://shop.example", "shop\\.example", "*.example"]) {
      expect(() => parseEnv({ ...base, SHOP_CUSTOM_DOMAIN: value })).toThrow(EnvError);
      expect(() => parseEnv({ ...base, SHOP_CUSTOM_DOMAIN: value })).toThrow(
        /SHOP_CUSTOM_DOMAIN: must be a bare domain such as shop\.dev/,
      );
    }
    expect(parseEnv({ ...base, SHOP_CUSTOM_DOMAIN: "shop.example" }).shopCustomDomain).toBe(
      "shop.example",
    );
  });
});
