import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./helpers";

let h: Harness;
afterEach(async () => h.close());

const NESTED =
  "{ products(first: 10) { edges { node { title variants(first: 5) { edges { node { title } } } } } } }";

describe("calculated query cost", () => {
  it("charges Shopify's requested cost and refunds to the actual cost", async () => {
    h = await startHarness({ products: 4 });
    const { body } = await h.admin(NESTED);
    // 2 + 10 × (1 product + 2 + 5 × 1 variant): Shopify's documented example gives 82.
    expect(body.extensions?.cost?.requestedQueryCost).toBe(82);
    // 4 products came back with 2, 2, 1 and 2 variants: 2 + 4 × (1 + 2) + 7 variants.
    expect(body.extensions?.cost?.actualQueryCost).toBe(2 + 4 * 3 + 7);
    expect(body.extensions?.cost?.throttleStatus).toEqual({
      maximumAvailable: 2000,
      currentlyAvailable: 2000 - 21,
      restoreRate: 100,
    });
    expect(h.standin.stats(h.shop)).toEqual({
      requests: 1,
      throttled: 0,
      maxCostExceeded: 0,
      pointsUsed: 21,
    });
  });

  it("costs objects 1, scalars 0 and each mutation field 10", async () => {
    h = await startHarness({ products: 1 });
    const shop = await h.admin("{ shop { name primaryDomain { host } plan { shopifyPlus } } }");
    expect(shop.body.extensions?.cost?.requestedQueryCost).toBe(3);
    const mutation = await h.admin(
      'mutation { storefrontAccessTokenCreate(input: { title: "checks" }) { storefrontAccessToken { accessToken } } }',
      undefined,
      {
        token: h.standin.grantOfflineToken(h.shop, {
          scopes: ["unauthenticated_read_product_listings"],
        }).accessToken,
      },
    );
    expect(mutation.body.extensions?.cost).toMatchObject({
      requestedQueryCost: 10,
      actualQueryCost: 10,
    });
  });

  it("refuses a query over the single-query maximum without charging it", async () => {
    h = await startHarness({ products: 2 });
    const { status, body } = await h.admin(
      "{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }",
    );
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(
          /^Query cost is 63252, which exceeds the single query max cost limit \(1000\)\./,
        ),
        extensions: {
          code: "MAX_COST_EXCEEDED",
          cost: 63252,
          maxCost: 1000,
          documentation: "https://shopify.dev/api/usage/rate-limits",
        },
      },
    ]);
    expect(body.extensions?.cost).toMatchObject({
      requestedQueryCost: 63252,
      actualQueryCost: null,
      throttleStatus: { currentlyAvailable: 2000 },
    });
    expect(h.standin.stats(h.shop).maxCostExceeded).toBe(1);
  });
});

describe("leaky bucket", () => {
  it("throttles when the bucket cannot cover the requested cost, and refills with time", async () => {
    h = await startHarness(
      { products: 300 },
      { bucket: { maximumAvailable: 1000, restoreRate: 50 } },
    );
    const query = "{ products(first: 250) { nodes { id } } }"; // requested 252
    for (let i = 0; i < 3; i++) expect((await h.admin(query)).body.data).toBeTruthy();
    const { status, body } = await h.admin(query);
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: "Throttled",
          extensions: {
            code: "THROTTLED",
            documentation: "https://shopify.dev/api/usage/rate-limits",
          },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 252,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 244, restoreRate: 50 },
        },
      },
    });
    expect(h.standin.stats(h.shop).throttled).toBe(1);

    h.clock.advance(100); // +5 points: still short of 252
    expect((await h.admin(query)).body.errors?.[0]?.message).toBe("Throttled");
    h.clock.advance(1_000); // +50 more
    const refilled = await h.admin(query);
    expect(refilled.body.data).toBeTruthy();
    expect(refilled.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(
      244 + 5 + 50 - 252,
    );
  });

  it("applies setBucket to the shop's bucket", async () => {
    h = await startHarness({ products: 1 });
    h.standin.setBucket(h.shop, { maximumAvailable: 100, restoreRate: 10, currentlyAvailable: 0 });
    expect((await h.admin("{ shop { name } }")).body.errors?.[0]?.message).toBe("Throttled");
    h.clock.advance(10_000);
    expect((await h.admin("{ shop { name } }")).body.extensions?.cost?.throttleStatus).toEqual({
      maximumAvailable: 100,
      currentlyAvailable: 99,
      restoreRate: 10,
    });
  });
});
