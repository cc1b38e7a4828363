import { afterEach, describe, expect, it } from "vitest";
import { FIXTURE_PASSWORD } from "./fixtures";
import { startHarness, type Harness } from "./helpers";

let h: Harness;
afterEach(async () => h.close());

const CART_CREATE = `mutation Cart($input: CartInput!) {
  cartCreate(input: $input) {
    cart {
      id checkoutUrl totalQuantity
      buyerIdentity { countryCode }
      cost { subtotalAmount { amount currencyCode } totalAmount { amount } }
      lines(first: 10) { nodes { quantity merchandise { ... on ProductVariant { id availableForSale } } } }
      deliveryGroups(first: 5) { nodes { deliveryAddress { countryCodeV2 city } deliveryOptions { handle title estimatedCost { amount currencyCode } } } }
    }
    userErrors { code field message }
    warnings { code target message }
  }
}`;

interface CartPayload {
  cart: {
    id: string;
    checkoutUrl: string;
    totalQuantity: number;
    cost: { subtotalAmount: { amount: string; currencyCode: string } };
    lines: {
      nodes: { quantity: number; merchandise: { id: string; availableForSale: boolean } }[];
    };
    deliveryGroups: {
      nodes: {
        deliveryAddress: { countryCodeV2: string };
        deliveryOptions: {
          handle: string;
          title: string;
          estimatedCost: { amount: string; currencyCode: string };
        }[];
      }[];
    };
  } | null;
  userErrors: { code: string; field: string[]; message: string }[];
  warnings: { code: string; target: string; message: string }[];
}

function address(countryCode: string, city = "Somewhere") {
  return {
    selected: true,
    address: {
      deliveryAddress: {
        address1: "Main Street 1",
        city,
        zip: "1000",
        countryCode,
        firstName: "Check",
        lastName: "Out",
      },
    },
  };
}

async function createCart(
  lines: { merchandiseId: string; quantity?: number }[],
  countryCode: string,
  headers: Record<string, string> = {},
): Promise<CartPayload> {
  const { status, body } = await h.storefront(
    CART_CREATE,
    {
      input: {
        lines,
        buyerIdentity: { countryCode },
        delivery: { addresses: [address(countryCode)] },
      },
    },
    headers,
  );
  expect(status).toBe(200);
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.cartCreate as CartPayload;
}

describe("storefront access", () => {
  it("accepts a token made with storefrontAccessTokenCreate and rejects an unknown one", async () => {
    h = await startHarness({ products: 5 });
    const created = await h.admin(
      'mutation { storefrontAccessTokenCreate(input: { title: "Tovholder checks" }) { storefrontAccessToken { accessToken title } userErrors { message } } }',
    );
    const token = (
      created.body.data?.storefrontAccessTokenCreate as {
        storefrontAccessToken: { accessToken: string };
      }
    ).storefrontAccessToken.accessToken;
    const ok = await h.storefront(
      "{ shop { name paymentSettings { currencyCode countryCode acceptedCardBrands } shipsToCountries } }",
      undefined,
      {
        "X-Shopify-Storefront-Access-Token": token,
      },
    );
    expect(ok.body.data).toEqual({
      shop: {
        name: "Fixture Shop",
        paymentSettings: {
          currencyCode: "DKK",
          countryCode: "DK",
          acceptedCardBrands: ["VISA", "MASTERCARD", "AMERICAN_EXPRESS"],
        },
        shipsToCountries: ["DE", "DK", "FR", "SE"],
      },
    });
    const denied = await h.storefront("{ shop { name } }", undefined, {
      "X-Shopify-Storefront-Access-Token": "0123456789abcdef",
    });
    expect(denied.status).toBe(401);
    h.standin.revokeTokens(h.shop);
    expect(
      (
        await h.storefront("{ shop { name } }", undefined, {
          "X-Shopify-Storefront-Access-Token": token,
        })
      ).status,
    ).toBe(401);
  });

  it("hides unpublished products and answers localization in context", async () => {
    h = await startHarness({ products: 12 });
    const { body } = await h.storefront(`query @inContext(country: SE) {
      products(first: 20) { nodes { handle } }
      draft: product(handle: "product-10") { id }
      localization { country { isoCode currency { isoCode } } availableCountries { isoCode } }
    }`);
    const handles = (body.data?.products as { nodes: { handle: string }[] }).nodes.map(
      (n) => n.handle,
    );
    expect(handles).toHaveLength(11);
    expect(handles).not.toContain("product-10");
    expect(body.data?.draft).toBeNull();
    expect(body.data?.localization).toEqual({
      country: { isoCode: "SE", currency: { isoCode: "EUR" } },
      availableCountries: [
        { isoCode: "DE" },
        { isoCode: "DK" },
        { isoCode: "FR" },
        { isoCode: "SE" },
      ],
    });
  });
});

describe("cartCreate", () => {
  it("quotes the delivery profile's rates for a covered country", async () => {
    h = await startHarness({ products: 5 });
    const payload = await createCart(
      [{ merchandiseId: "gid://shopify/ProductVariant/10010", quantity: 2 }],
      "DK",
    );
    expect(payload.userErrors).toEqual([]);
    expect(payload.warnings).toEqual([]);
    expect(payload.cart?.cost.subtotalAmount).toEqual({ amount: "202.00", currencyCode: "DKK" });
    const [group] = payload.cart?.deliveryGroups.nodes ?? [];
    expect(group?.deliveryAddress.countryCodeV2).toBe("DK");
    expect(group?.deliveryOptions.map((o) => [o.title, o.estimatedCost.amount])).toEqual([
      ["Standard", "49.00"],
      ["Express", "99.00"],
    ]);
  });

  it("applies free-above thresholds and the custom profile of bulky variants", async () => {
    h = await startHarness({ products: 5 });
    const free = await createCart(
      [{ merchandiseId: "gid://shopify/ProductVariant/10010", quantity: 5 }],
      "DK",
    );
    expect(
      free.cart?.deliveryGroups.nodes[0]?.deliveryOptions.map((o) => o.estimatedCost.amount),
    ).toEqual(["0.00", "99.00"]);
    const bulky = await createCart([{ merchandiseId: "gid://shopify/ProductVariant/10020" }], "DK");
    expect(bulky.cart?.deliveryGroups.nodes[0]?.deliveryOptions.map((o) => o.title)).toEqual([
      "Freight",
    ]);
    const abroad = await createCart(
      [{ merchandiseId: "gid://shopify/ProductVariant/10020" }],
      "DE",
    );
    expect(abroad.cart?.deliveryGroups.nodes[0]?.deliveryOptions).toEqual([]);
    expect(abroad.warnings.map((w) => w.code)).toEqual(["PRODUCT_UNAVAILABLE_IN_BUYER_LOCATION"]);
  });

  it("returns no delivery options and a warning for a country no zone covers", async () => {
    h = await startHarness({ products: 5 });
    const payload = await createCart(
      [{ merchandiseId: "gid://shopify/ProductVariant/10010" }],
      "US",
    );
    expect(payload.cart?.deliveryGroups.nodes.map((g) => g.deliveryOptions)).toEqual([[]]);
    expect(payload.warnings).toEqual([
      {
        code: "PRODUCT_UNAVAILABLE_IN_BUYER_LOCATION",
        target: expect.stringMatching(/^gid:\/\/shopify\/CartLine\//),
        message: "The product 'Product 00001' can't be shipped to United States.",
      },
    ]);
  });

  it("warns about stock and rejects unknown merchandise", async () => {
    h = await startHarness({ products: 13 });
    // Product 13 has no stock and denies overselling; variant 10040 has 7 available.
    const stock = await createCart(
      [
        { merchandiseId: "gid://shopify/ProductVariant/10130" },
        { merchandiseId: "gid://shopify/ProductVariant/10040", quantity: 9 },
      ],
      "DK",
    );
    expect(stock.warnings.map((w) => w.code)).toEqual([
      "MERCHANDISE_OUT_OF_STOCK",
      "MERCHANDISE_NOT_ENOUGH_STOCK",
    ]);
    expect(stock.cart?.lines.nodes).toEqual([
      {
        quantity: 7,
        merchandise: { id: "gid://shopify/ProductVariant/10040", availableForSale: true },
      },
    ]);
    const unknown = await createCart([{ merchandiseId: "gid://shopify/ProductVariant/1" }], "DK");
    expect(unknown).toEqual({
      cart: null,
      userErrors: [
        {
          code: "INVALID",
          field: ["input", "lines", "0", "merchandiseId"],
          message: "The merchandise with id gid://shopify/ProductVariant/1 does not exist.",
        },
      ],
      warnings: [],
    });
  });

  it("reads a cart back by id, key included", async () => {
    h = await startHarness({ products: 5 });
    const { cart } = await createCart(
      [{ merchandiseId: "gid://shopify/ProductVariant/10010" }],
      "DK",
    );
    const read = await h.storefront("query ($id: ID!) { cart(id: $id) { id totalQuantity } }", {
      id: cart?.id,
    });
    expect(read.body.data?.cart).toEqual({ id: cart?.id, totalQuantity: 1 });
    const wrongKey = await h.storefront("query ($id: ID!) { cart(id: $id) { id } }", {
      id: cart?.id.replace(/key=.*/, "key=wrong"),
    });
    expect(wrongKey.body.data?.cart).toBeNull();
  });
});

describe("checkout and password pages", () => {
  it("sends visitors of a protected shop to the password page until they enter the password", async () => {
    h = await startHarness({ products: 5, passwordProtected: true });
    const { cart } = await createCart(
      [{ merchandiseId: "gid://shopify/ProductVariant/10010" }],
      "DK",
    );
    const checkoutUrl = cart?.checkoutUrl ?? "";
    expect(checkoutUrl).toMatch(new RegExp(`^https://${h.shop}/cart/c/[^?]+\\?key=[0-9a-f]+$`));

    const gated = await fetch(checkoutUrl, { redirect: "manual" });
    expect(gated.status).toBe(302);
    expect(gated.headers.get("location")).toBe("/password");
    const followed = await fetch(checkoutUrl);
    expect(followed.status).toBe(401);
    expect(await followed.text()).toContain('<form method="post" action="/password"');

    const wrong = await fetch(`https://${h.shop}/password`, {
      method: "POST",
      body: new URLSearchParams({ form_type: "storefront_password", password: "nope" }),
      redirect: "manual",
    });
    expect(wrong.status).toBe(401);
    const login = await fetch(`https://${h.shop}/password`, {
      method: "POST",
      body: new URLSearchParams({ form_type: "storefront_password", password: FIXTURE_PASSWORD }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^storefront_digest=[0-9a-f]{64}$/);

    const page = await fetch(checkoutUrl, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<title>Checkout – Fixture Shop</title>");
    expect(html).toContain("Standard: 49.00 DKK");
  });

  it("serves the checkout directly when the shop is not protected", async () => {
    h = await startHarness({ products: 5, passwordProtected: false });
    const { cart } = await createCart(
      [{ merchandiseId: "gid://shopify/ProductVariant/10010" }],
      "DK",
    );
    const page = await fetch(cart?.checkoutUrl ?? "");
    expect(page.status).toBe(200);
    expect((await fetch(`https://${h.shop}/cart/c/unknown?key=x`)).status).toBe(404);
  });
});
