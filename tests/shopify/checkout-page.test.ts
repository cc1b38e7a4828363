/**
 * Reading a checkout URL's answer without the stand-in: hand-made responses in Shopify's shapes,
 * where the stand-in simplifies (it sends path-only Location headers; Shopify sends absolute
 * ones) or renders its own markup (the password form is the Liquid `form 'storefront_password'`
 * tag's output: shopify.dev/docs/api/liquid/tags/form).
 */
import { describe, expect, it } from "vitest";
import { openCheckout } from "~/shopify/storefront/checkout-page.server";

const CHECKOUT = "https://shop.myshopify.com/cart/c/abc?key=k";

function answering(...responses: (() => Response)[]) {
  const seen: string[] = [];
  const fetchImpl = (async (url: URL | string) => {
    seen.push(String(url));
    const next = responses.shift();
    if (!next) throw new Error("no more responses");
    return next();
  }) as typeof fetch;
  return { fetchImpl, seen };
}

const PASSWORD_FORM = `<!doctype html><html><body>
<form method="post" action="/password" id="login_form" accept-charset="UTF-8" class="storefront-password-form">
<input type="hidden" name="form_type" value="storefront_password" /><input type="hidden" name="utf8" value="✓" />
<input type="password" name="password" id="Password" autocomplete="current-password">
<button>Enter</button></form></body></html>`;

describe("openCheckout on Shopify-shaped answers", () => {
  it("an absolute redirect to the storefront's /password is the password page", async () => {
    const { fetchImpl, seen } = answering(
      () =>
        new Response(null, {
          status: 302,
          headers: { Location: "https://shop.myshopify.com/password" },
        }),
    );
    const page = await openCheckout(CHECKOUT, { fetch: fetchImpl });
    expect(page.kind).toBe("password");
    expect(seen).toEqual([CHECKOUT]); // recognised without loading the page
  });

  it("a page carrying Shopify's storefront password form is the password page, whatever its status", async () => {
    const { fetchImpl } = answering(
      () => new Response(PASSWORD_FORM, { status: 200, headers: { "Content-Type": "text/html" } }),
    );
    expect((await openCheckout(CHECKOUT, { fetch: fetchImpl })).kind).toBe("password");
  });

  it("redirects across hosts to the checkout end on the checkout", async () => {
    const { fetchImpl } = answering(
      () =>
        new Response(null, {
          status: 302,
          headers: {
            Location: "https://shop.example/checkouts/cn/xyz",
            "Set-Cookie": "a=1; Path=/",
          },
        }),
      () => new Response("<html><title>Checkout</title></html>", { status: 200 }),
    );
    const page = await openCheckout(CHECKOUT, { fetch: fetchImpl });
    expect(page).toMatchObject({ kind: "checkout", status: 200, redirects: 1 });
    expect(page.finalUrl).toBe("https://shop.example/checkouts/cn/xyz");
  });

  it("a paused shop (402) is 'unavailable'", async () => {
    const { fetchImpl } = answering(
      () => new Response("This store is unavailable", { status: 402 }),
    );
    expect((await openCheckout(CHECKOUT, { fetch: fetchImpl })).kind).toBe("unavailable");
  });
});
