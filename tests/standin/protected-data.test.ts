/**
 * Protected customer data in the stand-in, as shopify.dev documents it
 * (shopify.dev/docs/apps/launch/protected-customer-data): `Order.customer` needs read_customers
 * and approved access (level 1), a customer's name/email/phone need level 2, and an unapproved
 * type answers null with Shopify's "not approved" error beside the rest of the data (HTTP 200).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultScopes } from "../../standin/auth/scopes";
import { makeStore } from "./fixtures";
import { startShop, type ShopHarness } from "../shopify/helpers";

const QUERY = `query($id: ID!) { order(id: $id) { name customer { id email } } }`;
const ORDER = "gid://shopify/Order/9001";

let h: ShopHarness;
let withCustomers = "";

beforeAll(async () => {
  h = await startShop(makeStore());
  withCustomers = h.standin.grantOfflineToken(h.shop, {
    scopes: [...defaultScopes(), "read_customers"],
  }).accessToken;
});
afterAll(async () => {
  await h?.close();
});

async function post(token: string) {
  const res = await fetch(`https://${h.shop}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token },
    body: JSON.stringify({ query: QUERY, variables: { id: ORDER } }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    data: { order: { name: string; customer: { id: string; email: string | null } | null } };
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  };
}

describe("Order.customer", () => {
  it("needs read_customers (the Customer type's scope)", async () => {
    const body = await post(h.token);
    expect(body.data.order).toEqual({ name: "#1001", customer: null });
    expect(body.errors?.[0]).toMatchObject({
      message: "Access denied for customer field. Required access: `read_customers` access scope.",
      path: ["order", "customer"],
      extensions: { code: "ACCESS_DENIED" },
    });
  });

  it("is null with Shopify's 'not approved' error without protected customer data", async () => {
    h.standin.setProtectedCustomerData(h.shop, 0);
    try {
      const body = await post(withCustomers);
      expect(body.data.order).toEqual({ name: "#1001", customer: null });
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.message).toMatch(
        /^This app is not approved to access the Customer object\. See https:\/\/partners\.shopify\.com\/.+\/customer_data for more details\.$/,
      );
      expect(body.errors?.[0]?.path).toEqual(["order", "customer"]);
      expect(body.errors?.[0]?.extensions).toBeUndefined();
    } finally {
      h.standin.setProtectedCustomerData(h.shop, 2);
    }
  });

  it("gives the customer but not the email at level 1", async () => {
    h.standin.setProtectedCustomerData(h.shop, 1);
    try {
      const body = await post(withCustomers);
      expect(body.data.order.customer).toEqual({ id: "gid://shopify/Customer/801", email: null });
      expect(body.errors?.[0]?.path).toEqual(["order", "customer", "email"]);
    } finally {
      h.standin.setProtectedCustomerData(h.shop, 2);
    }
  });

  it("gives everything at level 2", async () => {
    const body = await post(withCustomers);
    expect(body.errors).toBeUndefined();
    expect(body.data.order.customer).toEqual({
      id: "gid://shopify/Customer/801",
      email: "ada@example.com",
    });
  });
});
