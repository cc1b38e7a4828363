/**
 * The Storefront client's reading of incremental (`@defer`) answers, independent of the
 * stand-in: bodies written by hand in the format Shopify documents (multipart/mixed, each part
 * beginning with `--graphql`, the August 2022 incremental format) and in the variations a server
 * may legally send — a preamble, extra part headers, an unquoted boundary, several incremental
 * parts, errors inside an incremental entry, or a plain JSON answer when nothing was deferred.
 */
import { describe, expect, it } from "vitest";
import { isShopifyApiError } from "~/shopify/errors";
import { SyntheticCartCarrierRatesDocument } from "~/shopify/generated/storefront";
import { StorefrontClient, multipartBodies } from "~/shopify/storefront/client.server";

const part = (json: unknown, headers = "Content-Type: application/json; charset=utf-8") =>
  `\r\n${headers}\r\n\r\n${JSON.stringify(json)}\r\n`;

function clientAnswering(body: string, contentType: string, status = 200) {
  const seen: { accept: string | null }[] = [];
  const fetchImpl = (async (_url: string, init?: RequestInit) => {
    seen.push({ accept: new Headers(init?.headers).get("accept") });
    return new Response(body, { status, headers: { "Content-Type": contentType } });
  }) as typeof fetch;
  return {
    client: new StorefrontClient("shop.myshopify.com", "token", { fetch: fetchImpl }),
    seen,
  };
}

const variables = { id: "gid://shopify/Cart/1?key=k", country: "DE" as never };
const group = (title: string, amount: string) => ({
  deliveryOptions: [
    { handle: title, title, code: title, estimatedCost: { amount, currencyCode: "EUR" } },
  ],
});

describe("StorefrontClient.requestIncremental", () => {
  it("merges the deferred part into the initial data, asking for multipart", async () => {
    const body =
      "this preamble is ignored\r\n--graphql" +
      part({ data: { cart: { id: "c1" } }, hasNext: true }) +
      "--graphql" +
      part(
        {
          incremental: [
            {
              path: ["cart"],
              label: "carrierRates",
              data: { deliveryGroups: { nodes: [group("DHL", "12.0")] } },
            },
          ],
          hasNext: false,
        },
        "Content-Type: application/json\r\nX-Extra: 1",
      ) +
      "--graphql--\r\n";
    const { client, seen } = clientAnswering(body, 'multipart/mixed; boundary="graphql"');
    const result = await client.requestIncremental(SyntheticCartCarrierRatesDocument, variables);
    expect(seen[0]?.accept).toMatch(/^multipart\/mixed; deferSpec=20220824, application\/json$/);
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({
      cart: { id: "c1", deliveryGroups: { nodes: [group("DHL", "12.0")] } },
    });
  });

  it("returns errors of an incremental entry (PENDING_DELIVERY_GROUPS) instead of throwing", async () => {
    const pending = {
      message: "The delivery group is in a pending state.",
      path: ["cart", "deliveryGroups"],
      extensions: { code: "PENDING_DELIVERY_GROUPS" },
    };
    const body =
      "--abc" +
      part({ data: { cart: { id: "c1" } }, hasNext: true }) +
      "--abc" +
      part({ incremental: [{ path: ["cart"], data: null, errors: [pending] }], hasNext: true }) +
      "--abc" +
      part({ hasNext: false }) +
      "--abc--";
    const { client } = clientAnswering(body, "multipart/mixed;boundary=abc;deferSpec=20220824");
    const result = await client.requestIncremental(SyntheticCartCarrierRatesDocument, variables);
    expect(result.data).toEqual({ cart: { id: "c1" } });
    expect(result.errors).toEqual([pending]);
  });

  it("a plain JSON answer (nothing deferred) is read as usual", async () => {
    const { client } = clientAnswering(
      JSON.stringify({ data: { cart: { id: "c1", deliveryGroups: { nodes: [] } } } }),
      "application/json",
    );
    const result = await client.requestIncremental(SyntheticCartCarrierRatesDocument, variables);
    expect(result.data.cart).toEqual({ id: "c1", deliveryGroups: { nodes: [] } });
  });

  it("a stream cut before its last part fails clearly", async () => {
    const body =
      "--graphql" + part({ data: { cart: { id: "c1" } }, hasNext: true }) + "--graphql--\r\n";
    const { client } = clientAnswering(body, 'multipart/mixed; boundary="graphql"');
    const error = await client
      .requestIncremental(SyntheticCartCarrierRatesDocument, variables)
      .catch((e: unknown) => e);
    expect(isShopifyApiError(error, "BAD_RESPONSE")).toBe(true);
    expect((error as Error).message).toMatch(/ended the incremental answer before its last part/);
  });

  it("splits a body on its boundary, without the closing delimiter's epilogue", () => {
    expect(
      multipartBodies(
        `--b${part({ a: 1 })}--b${part({ b: 2 })}--b--\r\nepilogue`,
        'multipart/mixed; boundary="b"',
      ),
    ).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => multipartBodies(`--b${part({ a: 1 })}`, "multipart/mixed; boundary=b")).toThrow(
      /closing boundary/,
    );
  });
});
