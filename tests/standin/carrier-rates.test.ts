/**
 * Carrier-calculated rates on the stand-in's Storefront API, as the 2026-10 schema documents
 * them: `Cart.deliveryGroups(withCarrierRates: true)` only inside a deferred fragment, answered
 * as multipart/mixed in Shopify's incremental format. The stream is read with Shopify's own
 * client (@shopify/graphql-client `requestStream`), so the stand-in's format is checked against
 * the parser real storefront code uses, not against ours.
 */
import { createGraphQLClient } from "@shopify/graphql-client";
import { afterEach, describe, expect, it } from "vitest";
import { API_VERSION } from "../../standin/schema";
import { CARRIER_SERVICE, withCarrierShipping } from "./fixtures";
import { startHarness, type Harness } from "./helpers";

let h: Harness;
afterEach(async () => h.close());

const CREATE = `mutation ($input: CartInput!) {
  cartCreate(input: $input) {
    cart { id deliveryGroups(first: 5) { nodes { deliveryOptions { title } } } }
    userErrors { code message }
    warnings { code message }
  }
}`;

const CARRIER_RATES = `query CarrierRates($id: ID!) {
  cart(id: $id) {
    id
    ... @defer(label: "carrierRates") {
      deliveryGroups(first: 5, withCarrierRates: true) {
        nodes { deliveryOptions { title code estimatedCost { amount currencyCode } } }
      }
    }
  }
}`;

async function cartTo(country: string): Promise<{
  id: string;
  staticTitles: string[];
  warnings: string[];
}> {
  const { body } = await h.storefront(CREATE, {
    input: {
      lines: [{ merchandiseId: "gid://shopify/ProductVariant/10010", quantity: 1 }],
      buyerIdentity: { countryCode: country },
      delivery: {
        addresses: [
          {
            selected: true,
            address: { deliveryAddress: { countryCode: country, city: "Berlin", zip: "10115" } },
          },
        ],
      },
    },
  });
  const payload = body.data?.cartCreate as {
    cart: { id: string; deliveryGroups: { nodes: { deliveryOptions: { title: string }[] }[] } };
    warnings: { code: string }[];
  };
  return {
    id: payload.cart.id,
    staticTitles: payload.cart.deliveryGroups.nodes.flatMap((g) =>
      g.deliveryOptions.map((o) => o.title),
    ),
    warnings: payload.warnings.map((w) => w.code),
  };
}

/** Shopify's client over the stand-in (fetch is routed to it by the test setup). */
function shopifyClient() {
  return createGraphQLClient({
    url: `https://${h.shop}/api/${API_VERSION}/graphql.json`,
    headers: { "Content-Type": "application/json" },
  });
}

async function streamed(id: string) {
  const parts: { data?: unknown; errors?: unknown; hasNext: boolean }[] = [];
  const stream = await shopifyClient().requestStream(CARRIER_RATES, { variables: { id } });
  for await (const part of stream) parts.push(part as (typeof parts)[number]);
  return parts;
}

type Options = { title: string; code: string; estimatedCost: { amount: string } }[];
const optionsOf = (data: unknown): Options =>
  (
    data as { cart: { deliveryGroups: { nodes: { deliveryOptions: Options }[] } } }
  ).cart.deliveryGroups.nodes.flatMap((g) => g.deliveryOptions);

describe("carrier-calculated rates", () => {
  it("are not among the static options; the zone still ships there (no 'can't ship' warning)", async () => {
    h = await startHarness({ products: 3 });
    withCarrierShipping(h.standin.store(h.shop));
    const cart = await cartTo("DE");
    expect(cart.staticTitles).toEqual([]);
    expect(cart.warnings).toEqual([]);
  });

  it("arrive in the deferred part of a multipart answer that Shopify's own client reads", async () => {
    h = await startHarness({ products: 3 });
    withCarrierShipping(h.standin.store(h.shop), { responseMs: 150 });
    const cart = await cartTo("DE");

    // Asked at once: the carrier answers 150 ms after the address was set, so the non-deferred
    // part arrives first and the deferred one when the carrier has answered.
    const parts = await streamed(cart.id);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ data: { cart: { id: cart.id } }, hasNext: true });
    expect(parts.at(-1)?.hasNext).toBe(false);
    expect(optionsOf(parts.at(-1)?.data)).toEqual([
      {
        title: "Nordic Freight Economy",
        code: "NF-ECO",
        estimatedCost: { amount: "79.00", currencyCode: "DKK" },
      },
      {
        title: "Nordic Freight Express",
        code: "NF-EXP",
        estimatedCost: { amount: "149.50", currencyCode: "DKK" },
      },
    ]);

    // The wire format: Shopify's boundary and parts.
    const raw = await fetch(`https://${h.shop}/api/${API_VERSION}/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: CARRIER_RATES, variables: { id: cart.id } }),
    });
    expect(raw.headers.get("content-type")).toBe(
      'multipart/mixed; boundary="graphql"; deferSpec=20220824',
    );
    const text = await raw.text();
    expect(text.startsWith("--graphql\r\nContent-Type: application/json")).toBe(true);
    expect(text.endsWith("--graphql--\r\n")).toBe(true);
  });

  it("a carrier that quotes nothing for the address leaves the group without options", async () => {
    h = await startHarness({ products: 3 });
    withCarrierShipping(h.standin.store(h.shop), {
      rates: [{ serviceName: "Sweden only", serviceCode: "SE", price: "10", countries: ["SE"] }],
    });
    const cart = await cartTo("DE");
    expect(optionsOf((await streamed(cart.id)).at(-1)?.data)).toEqual([]);
  });

  it("a carrier slower than Shopify's read timeout is dropped: no options", async () => {
    h = await startHarness({ products: 3 }, { carrier: { timeoutMs: 100, holdMs: 50 } });
    withCarrierShipping(h.standin.store(h.shop), { responseMs: 5_000 });
    const cart = await cartTo("DE");
    expect(optionsOf((await streamed(cart.id)).at(-1)?.data)).toEqual([]);
  });

  it("while the carrier is still answering, the deferred part says PENDING_DELIVERY_GROUPS", async () => {
    h = await startHarness({ products: 3 }, { carrier: { timeoutMs: 10_000, holdMs: 20 } });
    withCarrierShipping(h.standin.store(h.shop), { responseMs: 400 });
    const cart = await cartTo("DE");
    const first = await fetch(`https://${h.shop}/api/${API_VERSION}/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: CARRIER_RATES, variables: { id: cart.id } }),
    });
    const text = await first.text();
    expect(text).toContain('"code":"PENDING_DELIVERY_GROUPS"');
    expect(text).toContain('"path":["cart","deliveryGroups"]');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(optionsOf((await streamed(cart.id)).at(-1)?.data)).toHaveLength(2);
  });

  it("withCarrierRates outside a deferred fragment is an error, as the schema requires @defer", async () => {
    h = await startHarness({ products: 3 });
    withCarrierShipping(h.standin.store(h.shop));
    const cart = await cartTo("DE");
    const { body } = await h.storefront(
      "query ($id: ID!) { cart(id: $id) { deliveryGroups(first: 5, withCarrierRates: true) { nodes { deliveryOptions { title } } } } }",
      { id: cart.id },
    );
    expect(body.errors?.[0]?.message).toMatch(/requires the @defer directive/);
  });

  it("the Admin API shows the method's rate provider as the carrier service", async () => {
    h = await startHarness({ products: 3 });
    withCarrierShipping(h.standin.store(h.shop));
    const { body } = await h.admin(`{
      deliveryProfiles(first: 1) { nodes { profileLocationGroups { locationGroupZones(first: 5) { nodes {
        zone { name }
        methodDefinitions(first: 5) { nodes { name rateProvider {
          __typename
          ... on DeliveryParticipant { carrierService { id name } }
          ... on DeliveryRateDefinition { price { amount } }
        } } }
      } } } } }
    }`);
    const zones = (
      body.data as {
        deliveryProfiles: {
          nodes: {
            profileLocationGroups: {
              locationGroupZones: {
                nodes: { zone: { name: string }; methodDefinitions: { nodes: unknown[] } }[];
              };
            }[];
          }[];
        };
      }
    ).deliveryProfiles.nodes[0]!.profileLocationGroups[0]!.locationGroupZones.nodes;
    const europe = zones.find((z) => z.zone.name === "Europe")!;
    expect(europe.methodDefinitions.nodes).toEqual([
      {
        name: "Nordic Freight (calculated at checkout)",
        rateProvider: {
          __typename: "DeliveryParticipant",
          carrierService: { id: CARRIER_SERVICE, name: "Nordic Freight" },
        },
      },
    ]);
  });
});
