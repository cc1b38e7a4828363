import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./helpers";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ products: 30 });
});
afterAll(async () => h.close());

describe("authentication and routing", () => {
  const query = "{ shop { name } }";

  it("answers a live token with data and cost extensions", async () => {
    const { status, body } = await h.admin(query);
    expect(status).toBe(200);
    expect(body.data).toEqual({ shop: { name: "Fixture Shop" } });
    expect(body.extensions?.cost?.requestedQueryCost).toBe(1);
  });

  it.each([
    ["a missing token", ""],
    ["a wrong token", "shpat_not-a-real-token"],
  ])("rejects %s with Shopify's 401 body", async (_label, token) => {
    const { status, body } = await h.admin(query, undefined, { token });
    expect(status).toBe(401);
    expect(body).toEqual({
      errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
    });
  });

  it("rejects an expiring token once it has expired on the clock", async () => {
    const { accessToken, expiresIn } = h.standin.grantOfflineToken(h.shop, { expiring: true });
    expect(expiresIn).toBe(3600);
    expect((await h.admin(query, undefined, { token: accessToken })).status).toBe(200);
    h.clock.advance(3600 * 1000);
    expect((await h.admin(query, undefined, { token: accessToken })).status).toBe(401);
  });

  it("rejects tokens revoked as on uninstall", async () => {
    const { accessToken } = h.standin.grantOfflineToken(h.shop, { expiring: true });
    h.standin.revokeTokens(h.shop);
    expect((await h.admin(query, undefined, { token: accessToken })).status).toBe(401);
    h.token = h.standin.grantOfflineToken(h.shop).accessToken;
  });

  it("answers 404 for another API version and for an unknown shop", async () => {
    const otherVersion = await h.admin(query, undefined, { version: "2025-10" });
    expect(otherVersion.status).toBe(404);
    expect(otherVersion.body).toEqual({ errors: "Not Found" });
    const unknownShop = await fetch("https://nope.myshopify.com/admin/api/2026-10/graphql.json", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": h.token },
      body: JSON.stringify({ query }),
    });
    expect(unknownShop.status).toBe(404);
  });
});

describe("validation against the official 2026-10 schema", () => {
  it("rejects a field 2026-10 does not have, in graphql-ruby's shape", async () => {
    // ProductVariant.inventoryManagement existed in older versions and is gone in 2026-10.
    const query = "{ productVariants(first: 1) { edges { node { inventoryManagement } } } }";
    const { status, body } = await h.admin(query);
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: "Field 'inventoryManagement' doesn't exist on type 'ProductVariant'",
          locations: [{ line: 1, column: query.indexOf("inventoryManagement") + 1 }],
          path: ["query", "productVariants", "edges", "node", "inventoryManagement"],
          extensions: {
            code: "undefinedField",
            typeName: "ProductVariant",
            fieldName: "inventoryManagement",
          },
        },
      ],
    });
  });

  it("names the operation in the path of a named query", async () => {
    const { body } = await h.admin("query Crawl { products(first: 1) { nodes { fooBar } } }");
    expect(body.errors?.[0]).toMatchObject({
      path: ["query Crawl", "products", "nodes", "fooBar"],
    });
  });

  it("maps unknown and missing arguments", async () => {
    const unknown = await h.admin("{ products(first: 1, colour: RED) { nodes { id } } }");
    expect(unknown.body.errors?.[0]).toMatchObject({
      message: "Field 'products' doesn't accept argument 'colour'",
      path: ["query", "products", "colour"],
      extensions: {
        code: "argumentNotAccepted",
        name: "products",
        typeName: "Field",
        argumentName: "colour",
      },
    });
    const missing = await h.admin("{ product { id } }");
    expect(missing.body.errors?.[0]).toMatchObject({
      message: "Field 'product' is missing required arguments: id",
      extensions: {
        code: "missingRequiredArguments",
        className: "Field",
        name: "product",
        arguments: "id",
      },
    });
  });

  it("maps variable type mismatches and invalid literals", async () => {
    const mismatch = await h.admin("query ($id: String!) { product(id: $id) { id } }", {
      id: "gid://shopify/Product/1001",
    });
    expect(mismatch.body.errors?.[0]).toMatchObject({
      message: "Type mismatch on variable $id and argument id (String! / ID!)",
      extensions: {
        code: "variableMismatch",
        variableName: "id",
        typeName: "String!",
        argumentName: "id",
      },
    });
    const literal = await h.admin('{ products(first: "ten") { nodes { id } } }');
    expect(literal.body.errors?.[0]).toMatchObject({
      message: `Argument 'first' on Field 'products' has an invalid value ("ten"). Expected type 'Int'.`,
      extensions: {
        code: "argumentLiteralsIncompatible",
        typeName: "Field",
        argumentName: "first",
      },
    });
  });

  it("coerces variables per the schema and reports invalid values", async () => {
    const ok = await h.admin("query ($n: Int!) { products(first: $n) { nodes { id } } }", { n: 2 });
    expect((ok.body.data?.products as { nodes: unknown[] }).nodes).toHaveLength(2);
    const bad = await h.admin("query ($n: Int!) { products(first: $n) { nodes { id } } }", {
      n: "two",
    });
    expect(bad.body.errors?.[0]).toMatchObject({
      message: "Variable $n of type Int! was provided invalid value",
      extensions: {
        value: "two",
        problems: [{ path: [], explanation: expect.stringContaining("two") }],
      },
    });
    expect(bad.body.data).toBeUndefined();
  });

  it("reports parse errors like graphql-ruby's parser", async () => {
    const { status, body } = await h.admin("{ shop { name }");
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: "syntax error, unexpected end of file at [1, 16]",
          locations: [{ line: 1, column: 16 }],
        },
      ],
    });
  });
});

describe("execution", () => {
  it("fails loudly on a field the stand-in does not emulate", async () => {
    const { body } = await h.admin("{ shop { name resourceLimits { maxProductVariants } } }");
    expect(body.errors?.[0]?.message).toBe("not emulated by the stand-in: Shop.resourceLimits");
  });

  it("resolves node(id:) and nodes(ids:) across types", async () => {
    const { body } = await h.admin(`{
      node(id: "gid://shopify/Product/1001") { id ... on Product { handle } }
      nodes(ids: ["gid://shopify/Collection/501", "gid://shopify/Location/11", "gid://shopify/Product/999999"]) { id __typename }
    }`);
    expect(body.data).toEqual({
      node: { id: "gid://shopify/Product/1001", handle: "product-1" },
      nodes: [
        { id: "gid://shopify/Collection/501", __typename: "Collection" },
        { id: "gid://shopify/Location/11", __typename: "Location" },
        null,
      ],
    });
  });

  it("filters with Shopify's search syntax", async () => {
    const ids = async (query: string): Promise<number[]> => {
      const { body } = await h.admin(
        "query ($q: String) { products(first: 250, query: $q) { nodes { legacyResourceId } } }",
        { q: query },
      );
      return (body.data?.products as { nodes: { legacyResourceId: string }[] }).nodes.map(
        (n) => Number(n.legacyResourceId) - 1000,
      );
    };
    expect(await ids("status:draft")).toEqual([10, 20, 30]);
    expect(await ids("status:active,draft")).toHaveLength(30);
    expect(await ids("vendor:'Nordic Bikes' AND product_type:Bike")).toEqual([]);
    expect(await ids("vendor:'Nordic Bikes' product_type:Helmet")).toEqual([
      1, 4, 7, 10, 13, 16, 19, 22, 25, 28,
    ]);
    expect(await ids("id:>1025")).toEqual([26, 27, 28, 29, 30]);
    expect(await ids("created_at:<'2026-01-01T00:03:00Z'")).toEqual([1, 2]);
    expect(await ids("title:'Product 00003' OR -status:active")).toEqual([3, 10, 20, 30]);
    expect(await ids("tag:even -status:active")).toEqual([10, 20, 30]);
  });

  it("ignores an unknown search field and reports it in extensions.search", async () => {
    const { body } = await h.admin('{ productsCount(query: "colour:red") { count } }');
    expect(body.data).toEqual({ productsCount: { count: 30 } });
    expect(body.extensions?.search).toEqual([
      {
        path: ["productsCount"],
        query: "colour:red",
        warnings: [{ field: "colour", message: "Invalid search field for this query." }],
      },
    ]);
  });

  it("denies fields the token has no scope for", async () => {
    const { body } = await h.admin("{ customers(first: 1) { nodes { id } } }");
    expect(body.errors?.[0]).toMatchObject({
      message: "Access denied for customers field. Required access: `read_customers` access scope.",
      extensions: { code: "ACCESS_DENIED" },
    });
  });

  it("keeps the Shopify Payments account behind its approval scope; the shop's wallets are open", async () => {
    const denied = await h.admin("{ shopifyPaymentsAccount { activated } }");
    expect(denied.body.errors?.[0]).toMatchObject({
      message:
        "Access denied for shopifyPaymentsAccount field. Required access: `read_shopify_payments` access scope.",
      extensions: { code: "ACCESS_DENIED" },
    });
    const approved = h.standin.grantOfflineToken(h.shop, {
      scopes: ["read_products", "read_shopify_payments"],
    });
    const granted = await h.admin("{ shopifyPaymentsAccount { activated } }", undefined, {
      token: approved.accessToken,
    });
    expect(granted.body.data).toEqual({ shopifyPaymentsAccount: { activated: true } });
    const wallets = await h.admin("{ shop { paymentSettings { supportedDigitalWallets } } }");
    expect(wallets.body.data).toEqual({
      shop: {
        paymentSettings: { supportedDigitalWallets: ["APPLE_PAY", "GOOGLE_PAY", "SHOPIFY_PAY"] },
      },
    });
  });

  it("shows only the last 60 days of orders without read_all_orders", async () => {
    const countOrders = async (token: string) =>
      (
        (await h.admin("{ ordersCount { count } }", undefined, { token })).body.data
          ?.ordersCount as { count: number }
      ).count;
    h.clock.advance(100 * 86_400_000); // orders were processed on days 30, 60 and 90
    const all = h.standin.grantOfflineToken(h.shop, {
      scopes: ["read_orders", "read_all_orders"],
    }).accessToken;
    expect(await countOrders(h.token)).toBe(2);
    expect(await countOrders(all)).toBe(3);
  });
});
