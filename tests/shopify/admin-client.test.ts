/**
 * The Admin client against the stand-in: the bucket projection, THROTTLED and transient
 * failures retried within bounds, and every failure typed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { AdminClient } from "~/shopify/admin-client.server";
import { ShopifyApiError } from "~/shopify/errors";
import {
  OrdersPageDocument,
  ProductsPageDocument,
  RunBulkQueryDocument,
  ShopSettingsDocument,
} from "~/shopify/generated/admin";
import { PRODUCTS_PER_PAGE } from "~/shopify/collect/products-paged.server";
import { makeStore } from "../standin/fixtures";
import { startShop, type ShopHarness } from "./helpers";

let h: ShopHarness;
const SCOPES_WITHOUT_ORDERS = ["read_products", "read_inventory", "read_locations"];

beforeAll(async () => {
  h = await startShop(makeStore({ products: 30 }));
});
afterAll(() => h.close());
beforeEach(() => {
  h.standin.setBucket(h.shop, {
    maximumAvailable: 2000,
    restoreRate: 100,
    currentlyAvailable: 2000,
  });
});

const PRODUCTS_PAGE = {
  first: PRODUCTS_PER_PAGE,
  after: null,
  publicationId: "gid://shopify/Publication/1",
  withPublication: true,
};

function document(source: string): TypedDocumentNode<unknown, Record<string, never>> {
  return parse(source);
}

async function failure(promise: Promise<unknown>): Promise<ShopifyApiError> {
  const error = await promise.then(
    () => new Error("expected a ShopifyApiError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShopifyApiError);
  return error as ShopifyApiError;
}

/** A fetch that answers the first `times` Admin requests with `answer` instead of the stand-in. */
function flakyFetch(
  times: number,
  answer: () => Response | Promise<Response>,
): typeof fetch & { calls: number } {
  const wrapped = Object.assign(
    async (input: string | URL | Request, init?: RequestInit) => {
      wrapped.calls++;
      if (wrapped.calls <= times) return answer();
      return globalThis.fetch(input, init);
    },
    { calls: 0 },
  );
  return wrapped;
}

describe("cost awareness", () => {
  it("waits for the projected bucket instead of being throttled", async () => {
    h.standin.setBucket(h.shop, {
      maximumAvailable: 2000,
      restoreRate: 100,
      currentlyAvailable: 100,
    });
    const before = h.standin.stats(h.shop).throttled;
    const client = h.client();
    await client.request(ShopSettingsDocument); // learns: ~97 points left
    const start = h.clock.now();
    // Never sent before: assumed to cost the 1000-point ceiling, so it waits ~9 s for the refill.
    await client.request(ProductsPageDocument, PRODUCTS_PAGE);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(9_000);
    expect(h.standin.stats(h.shop).throttled).toBe(before);
    expect(client.stats).toMatchObject({ requests: 2, throttled: 0, retries: 0 });
    expect(client.stats.points).toBeGreaterThan(0);
  });

  it("waits only for what a document is known to cost", async () => {
    const client = h.client();
    await client.request(ProductsPageDocument, PRODUCTS_PAGE); // learns its requested cost (937)
    h.standin.setBucket(h.shop, {
      maximumAvailable: 2000,
      restoreRate: 100,
      currentlyAvailable: 1000,
    });
    await client.request(ShopSettingsDocument); // learns: ~997 points left
    const start = h.clock.now();
    await client.request(ProductsPageDocument, PRODUCTS_PAGE);
    expect(h.clock.now() - start).toBe(0);
  });

  it("retries THROTTLED after the bucket refills", async () => {
    const client = h.client();
    h.standin.setBucket(h.shop, {
      maximumAvailable: 2000,
      restoreRate: 100,
      currentlyAvailable: 0,
    });
    const before = h.standin.stats(h.shop).throttled;
    const start = h.clock.now();
    const data = await client.request(ShopSettingsDocument);
    expect(data.shop.name).toBe("Fixture Shop");
    expect(h.standin.stats(h.shop).throttled).toBe(before + 1);
    expect(client.stats).toMatchObject({ requests: 2, throttled: 1 });
    expect(h.clock.now()).toBeGreaterThan(start);
  });

  it("gives up with THROTTLED when the bucket can never hold the query", async () => {
    h.standin.setBucket(h.shop, {
      maximumAvailable: 500,
      restoreRate: 50,
      currentlyAvailable: 500,
    });
    const client = h.client({ retry: { maxThrottleRetries: 3 } });
    const error = await failure(client.request(ProductsPageDocument, PRODUCTS_PAGE));
    expect(error.code).toBe("THROTTLED");
    expect(client.stats).toMatchObject({ requests: 4, throttled: 4 });
  });

  it("retries an HTTP 429 after Retry-After", async () => {
    const fetch = flakyFetch(
      1,
      () => new Response("Too Many Requests", { status: 429, headers: { "Retry-After": "2" } }),
    );
    const client = h.client({ fetch });
    const start = h.clock.now();
    await client.request(ShopSettingsDocument);
    expect(fetch.calls).toBe(2);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(2_000);
    expect(client.stats.throttled).toBe(1);
  });
});

describe("transient failures", () => {
  it("retries 5xx answers with growing backoff", async () => {
    const fetch = flakyFetch(2, () => new Response("<html>Bad gateway</html>", { status: 502 }));
    const client = h.client({ fetch });
    const start = h.clock.now();
    await client.request(ShopSettingsDocument);
    expect(fetch.calls).toBe(3);
    expect(client.stats.retries).toBe(2);
    // Equal jitter at random 0.5: 0.75 × 500 ms, then 0.75 × 1000 ms.
    expect(h.clock.now() - start).toBe(375 + 750);
  });

  it("retries network errors", async () => {
    const fetch = flakyFetch(1, () => Promise.reject(new TypeError("fetch failed")));
    const client = h.client({ fetch });
    await client.request(ShopSettingsDocument);
    expect(fetch.calls).toBe(2);
  });

  it("stops after the retry bound with a typed error", async () => {
    const http = flakyFetch(100, () => new Response("oops", { status: 503 }));
    const error = await failure(
      h.client({ fetch: http, retry: { maxRetries: 2 } }).request(ShopSettingsDocument),
    );
    expect(error).toMatchObject({ code: "HTTP", details: { status: 503 } });
    expect(http.calls).toBe(3);

    const network = flakyFetch(100, () => Promise.reject(new TypeError("fetch failed")));
    const netError = await failure(
      h.client({ fetch: network, retry: { maxRetries: 2 } }).request(ShopSettingsDocument),
    );
    expect(netError.code).toBe("NETWORK");
    expect(network.calls).toBe(3);
  });

  it("does not retry a 200 that is not GraphQL", async () => {
    const fetch = flakyFetch(
      1,
      () =>
        new Response("<html>maintenance</html>", {
          status: 200,
          headers: { "Content-Type": "text/html" },
        }),
    );
    const error = await failure(h.client({ fetch }).request(ShopSettingsDocument));
    expect(error.code).toBe("BAD_RESPONSE");
    expect(fetch.calls).toBe(1);
  });
});

describe("typed errors", () => {
  it("401 with Shopify's string-valued errors is UNAUTHORIZED", async () => {
    const client = new AdminClient(
      { shop: h.shop, accessToken: "shpat_wrong" },
      { clock: h.clock },
    );
    const error = await failure(client.request(ShopSettingsDocument));
    expect(error).toMatchObject({
      code: "UNAUTHORIZED",
      details: { status: 401 },
      message: "[API] Invalid API key or access token (unrecognized login or wrong password)",
    });
  });

  it("a session without a token is refused at once", () => {
    expect(() => new AdminClient({ shop: h.shop, accessToken: undefined })).toThrow(
      expect.objectContaining({ code: "UNAUTHORIZED" }),
    );
  });

  it("a refreshed session is used once after a 401", async () => {
    let refreshes = 0;
    const client = new AdminClient(
      { shop: h.shop, accessToken: "shpat_expired" },
      {
        clock: h.clock,
        refreshSession: async () => {
          refreshes++;
          return { shop: h.shop, accessToken: h.token };
        },
      },
    );
    expect((await client.request(ShopSettingsDocument)).shop.name).toBe("Fixture Shop");
    expect(refreshes).toBe(1);
  });

  it("GraphQL validation errors are GRAPHQL errors with Shopify's entries", async () => {
    const error = await failure(h.client().request(document("query { shop { fooBar } }")));
    expect(error.code).toBe("GRAPHQL");
    expect(error.details.errors?.[0]?.extensions?.code).toBe("undefinedField");
  });

  it("never returns data that came with errors", async () => {
    // `shop` resolves; `shopLocales` is an error: the whole answer is refused.
    const error = await failure(
      h.client().request(document("query { shop { name } shopLocales { locale } }")),
    );
    expect(error.code).toBe("GRAPHQL");
  });

  it("a missing access scope is ACCESS_DENIED", async () => {
    const { accessToken } = h.standin.grantOfflineToken(h.shop, { scopes: SCOPES_WITHOUT_ORDERS });
    const client = new AdminClient({ shop: h.shop, accessToken }, { clock: h.clock });
    const error = await failure(client.request(OrdersPageDocument, { after: null, query: "" }));
    expect(error.code).toBe("ACCESS_DENIED");
  });

  it("a query above the single-query ceiling is MAX_COST_EXCEEDED, not retried", async () => {
    const client = h.client();
    const error = await failure(
      client.request(
        document("{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }"),
      ),
    );
    expect(error.code).toBe("MAX_COST_EXCEEDED");
    expect(client.stats.requests).toBe(1);
  });

  it("mutation userErrors are USER_ERRORS", async () => {
    const error = await failure(
      h.client().request(RunBulkQueryDocument, { query: "{ shop { name } }" }),
    );
    expect(error.code).toBe("USER_ERRORS");
    expect(error.details.userErrors?.[0]?.code).toBe("INVALID");
  });
});
