/**
 * The stand-in against the real demo store (standin/seed): realistic ids, unicode, gift cards,
 * several delivery profiles and markets. Assertions stay generic so the generator may evolve.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { startStandin, type Standin } from "../../standin/server";
import type { StandinStore } from "../../standin/store/types";
import { VirtualClock } from "./helpers";

const NOW = Date.parse("2026-06-01T00:00:00Z");
let standin: Standin;
let store: StandinStore;
let token: string;
const clock = new VirtualClock(NOW);

beforeAll(async () => {
  store = generateDemoStore({ seed: 42, now: new Date(NOW) }).store;
  standin = await startStandin({
    stores: [store],
    apiKey: "k",
    apiSecret: "s",
    clock,
    bulk: { stepMs: 10 },
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  token = standin.grantOfflineToken(store.shop.myshopifyDomain).accessToken;
});
afterAll(async () => {
  await standin.close();
  delete process.env.SHOPIFY_STANDIN_URL;
});

async function graphql(
  path: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(`https://${store.shop.myshopifyDomain}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe("the demo store", () => {
  it("answers the app's overview queries without errors", async () => {
    const result = await graphql(
      "/admin/api/2026-10/graphql.json",
      `
        {
          shop {
            name
            currencyCode
            ianaTimezone
            timezoneAbbreviation
            shipsToCountries
            plan {
              publicDisplayName
            }
            shopPolicies {
              type
              url
            }
          }
          onlineStore {
            passwordProtection {
              enabled
            }
          }
          productsCount {
            count
          }
          ordersCount(query: "processed_at:>=2026-05-01") {
            count
          }
          markets(first: 20) {
            nodes {
              handle
              status
              conditions {
                regionsCondition {
                  regions(first: 20) {
                    nodes {
                      ... on MarketRegionCountry {
                        code
                      }
                    }
                  }
                }
              }
            }
          }
          discountNodes(first: 20) {
            nodes {
              id
              discount {
                __typename
                ... on DiscountCodeBasic {
                  title
                  status
                  codes(first: 1) {
                    nodes {
                      code
                    }
                  }
                }
              }
            }
          }
          themes(first: 3, roles: [MAIN]) {
            nodes {
              name
              files(filenames: ["config/settings_data.json"]) {
                nodes {
                  filename
                }
              }
            }
          }
        }
      `,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.productsCount).toEqual({ count: store.products.length });
    expect(result.data?.onlineStore).toEqual({
      passwordProtection: { enabled: store.shop.passwordProtected },
    });
  });

  it("exports every product through a bulk operation", async () => {
    const run = await graphql(
      "/admin/api/2026-10/graphql.json",
      `
        mutation ($q: String!) {
          bulkOperationRunQuery(query: $q, groupObjects: false) {
            bulkOperation {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      {
        q: "{ products { edges { node { id title variants { edges { node { id sku inventoryItem { inventoryLevels { edges { node { location { id } } } } } } } } } } } }",
      },
    );
    const id = (run.data?.bulkOperationRunQuery as { bulkOperation: { id: string } }).bulkOperation
      .id;
    let url: string | null = null;
    for (let i = 0; i < 300 && url === null; i++) {
      clock.advance(10);
      const op = await graphql(
        "/admin/api/2026-10/graphql.json",
        "query ($id: ID!) { bulkOperation(id: $id) { status url } }",
        { id },
      );
      const { status, url: resultUrl } = op.data?.bulkOperation as {
        status: string;
        url: string | null;
      };
      if (status === "COMPLETED") url = resultUrl;
      else await new Promise((r) => setTimeout(r, 10));
    }
    const lines = (await (await fetch(url ?? "")).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id?: string; __parentId?: string });
    const roots = lines.filter((l) => !l.__parentId);
    expect(roots.map((r) => r.id).sort()).toEqual(store.products.map((p) => p.id).sort());
    const variants = lines.filter((l) => l.id?.includes("/ProductVariant/"));
    expect(variants).toHaveLength(store.products.reduce((n, p) => n + p.variants.length, 0));
  });

  it("quotes or warns for every market's sample address", async () => {
    const shippable = store.products.find(
      (p) =>
        p.status === "ACTIVE" &&
        p.onlineStorePublishedAt &&
        !p.isGiftCard &&
        p.variants.some(
          (v) => v.inventoryItem.requiresShipping && v.inventoryPolicy === "CONTINUE",
        ),
    );
    const variant = shippable?.variants.find(
      (v) => v.inventoryItem.requiresShipping && v.inventoryPolicy === "CONTINUE",
    );
    expect(variant).toBeDefined();
    for (const market of store.markets.filter((m) => m.sampleAddress)) {
      const result = await graphql(
        "/api/2026-10/graphql.json",
        `
          mutation ($input: CartInput!) {
            cartCreate(input: $input) {
              cart {
                deliveryGroups(first: 1) {
                  nodes {
                    deliveryOptions {
                      title
                    }
                  }
                }
              }
              warnings {
                code
              }
              userErrors {
                message
              }
            }
          }
        `,
        {
          input: {
            lines: [{ merchandiseId: variant?.id }],
            delivery: {
              addresses: [{ selected: true, address: { deliveryAddress: market.sampleAddress } }],
            },
          },
        },
      );
      const payload = result.data?.cartCreate as {
        cart: { deliveryGroups: { nodes: { deliveryOptions: unknown[] }[] } };
        warnings: { code: string }[];
        userErrors: unknown[];
      };
      expect(payload.userErrors).toEqual([]);
      const options = payload.cart.deliveryGroups.nodes[0]?.deliveryOptions ?? [];
      const warned = payload.warnings.some(
        (w) => w.code === "PRODUCT_UNAVAILABLE_IN_BUYER_LOCATION",
      );
      expect(options.length > 0 !== warned, market.handle).toBe(true);
    }
  });
});
