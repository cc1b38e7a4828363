/**
 * Embedded authentication against the stand-in's OAuth endpoint: session tokens, token
 * exchange for expiring offline tokens, transparent refresh for background work, and forged
 * tokens rejected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import {
  API_KEY,
  API_SECRET_KEY,
  RequestType,
  TEST_SHOP,
  getJwt,
  setUpValidRequest,
} from "@shopify/shopify-api/test-helpers";
import { startStandin, type Standin } from "../../standin/server";
import { makeStore } from "../standin/fixtures";
import { prisma } from "~/db/db.server";
import { decrypt } from "~/lib/encryption.server";
import { sessionStorage, unauthenticated } from "~/shopify.server";
import { AuditError, openShopClient } from "~/product-qa/server/shop-client.server";
import { loader as appLoader } from "~/routes/app";
import { loader as dashboardLoader } from "~/routes/app._index";

let standin: Standin;

beforeAll(async () => {
  standin = await startStandin({
    stores: [makeStore({ shop: TEST_SHOP, products: 25 })],
    apiKey: API_KEY,
    apiSecret: API_SECRET_KEY,
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
});
afterAll(async () => {
  await standin.close();
});

async function callLoader<T>(
  loader: (args: {
    request: Request;
    params: Record<string, string>;
    context: Record<string, unknown>;
  }) => Promise<T>,
  request: Request,
): Promise<T | Response> {
  try {
    return await loader({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("embedded authentication", () => {
  it("a valid session token installs the shop through token exchange with an expiring offline token", async () => {
    const request = await setUpValidRequest(
      {
        type: RequestType.Admin,
        store: "test-shop",
        apiKey: API_KEY,
        apiSecretKey: API_SECRET_KEY,
      },
      new Request("https://my-test-app.myshopify.io/app"),
    );
    const result = await callLoader(appLoader, request);
    expect(result).toMatchObject({ shop: TEST_SHOP, embedded: true });

    const stored = await prisma.session.findFirst({ where: { shop: TEST_SHOP, isOnline: false } });
    expect(stored?.accessToken).toBeTruthy();
    expect(stored?.refreshToken).toBeTruthy();
    const expiresIn = (stored!.expires!.getTime() - Date.now()) / 1000;
    expect(expiresIn).toBeGreaterThan(3500);
    expect(expiresIn).toBeLessThanOrEqual(3600);
    expect(stored?.refreshTokenExpires?.getTime()).toBeGreaterThan(Date.now() + 80 * 86400_000);
    expect(
      (await prisma.shop.findUnique({ where: { shop: TEST_SHOP } }))?.uninstalledAt,
    ).toBeNull();
  });

  it("the dashboard reads the shop through the Admin API with that session", async () => {
    const request = await setUpValidRequest(
      {
        type: RequestType.Admin,
        store: "test-shop",
        apiKey: API_KEY,
        apiSecretKey: API_SECRET_KEY,
      },
      new Request("https://my-test-app.myshopify.io/app"),
    );
    const result = await callLoader(dashboardLoader, request);
    expect(result).toMatchObject({
      error: null,
      overview: { domain: TEST_SHOP, productCount: 25 },
    });
  });

  it("rejects a session token signed with another secret and stores nothing", async () => {
    const before = await prisma.session.count();
    const { token } = await getJwt("other-shop", API_KEY, "a-forged-secret");
    const url = new URL("https://my-test-app.myshopify.io/app");
    url.searchParams.set("embedded", "1");
    url.searchParams.set("shop", "other-shop.myshopify.com");
    url.searchParams.set(
      "host",
      Buffer.from("admin.shopify.com/store/other-shop").toString("base64"),
    );
    url.searchParams.set("id_token", token);
    const result = await callLoader(appLoader, new Request(url));
    expect(result).toBeInstanceOf(Response);
    expect([302, 401]).toContain((result as Response).status);
    expect(await prisma.session.count()).toBe(before);
  });

  it("rejects a forged bearer token on a fetch request with 401", async () => {
    const { token } = await getJwt("test-shop", API_KEY, "a-forged-secret");
    const request = new Request("https://my-test-app.myshopify.io/app", {
      headers: { Authorization: `Bearer ${token}` },
    });
    const result = await callLoader(appLoader, request);
    expect((result as Response).status).toBe(401);
  });

  it("rejects a session token issued for another app", async () => {
    const { token } = await getJwt("test-shop", "someone-elses-app", API_SECRET_KEY);
    const request = new Request("https://my-test-app.myshopify.io/app", {
      headers: { Authorization: `Bearer ${token}` },
    });
    const result = await callLoader(appLoader, request);
    expect((result as Response).status).toBe(401);
  });
});

describe("background work with expiring offline tokens", () => {
  it("refreshes an expired access token transparently; the refresh token rotates", async () => {
    const shop = "refresh-shop.myshopify.com";
    standin.addStore(makeStore({ shop, products: 3 }));
    const granted = standin.grantOfflineToken(shop, { expiring: true });
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        accessToken: granted.accessToken,
        scope: granted.scope,
        expires: new Date(Date.now() - 60_000),
        refreshToken: granted.refreshToken,
        refreshTokenExpires: new Date(Date.now() + 30 * 86400_000),
      }),
    );

    const { session } = await unauthenticated.admin(shop);
    expect(session.accessToken).not.toBe(granted.accessToken);
    expect(session.refreshToken).not.toBe(granted.refreshToken);
    expect(session.expires!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    // Stored as the new pair, encrypted at rest (the row never holds the token itself).
    const stored = await prisma.session.findUnique({ where: { id: `offline_${shop}` } });
    expect(stored?.accessToken).not.toContain(session.accessToken);
    expect(decrypt(stored!.accessToken, `Session.accessToken:offline_${shop}`)).toBe(
      session.accessToken,
    );
    expect(decrypt(stored!.refreshToken!, `Session.refreshToken:offline_${shop}`)).toBe(
      session.refreshToken,
    );

    // The new token works against the Admin API; the old refresh token no longer does.
    const res = await fetch(`https://${shop}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Access-Token": session.accessToken!,
      },
      body: JSON.stringify({ query: "{ shop { myshopifyDomain } }" }),
    });
    expect((await res.json()).data.shop.myshopifyDomain).toBe(shop);
    const reuse = await fetch(`https://${shop}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        client_id: API_KEY,
        client_secret: API_SECRET_KEY,
        grant_type: "refresh_token",
        refresh_token: granted.refreshToken,
      }),
    });
    expect(reuse.status).toBe(400);
  });

  it("a refresh Shopify refuses (tokens revoked) fails background work with a readable reason", async () => {
    const shop = "revoked-shop.myshopify.com";
    standin.addStore(makeStore({ shop, products: 1 }));
    const granted = standin.grantOfflineToken(shop, { expiring: true });
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        accessToken: granted.accessToken,
        expires: new Date(Date.now() - 60_000),
        refreshToken: granted.refreshToken,
        refreshTokenExpires: new Date(Date.now() + 30 * 86400_000),
      }),
    );
    standin.revokeTokens(shop);
    const error = await openShopClient(shop).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditError);
    expect((error as Error).message).toMatch(
      /^Shopify refused to renew Tovholder's access to revoked-shop\.myshopify\.com .*install it again\.$/,
    );
  });

  it("keeps a still-valid token without refreshing", async () => {
    const shop = "fresh-shop.myshopify.com";
    standin.addStore(makeStore({ shop, products: 1 }));
    const granted = standin.grantOfflineToken(shop, { expiring: true });
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        accessToken: granted.accessToken,
        expires: new Date(Date.now() + 3000_000),
        refreshToken: granted.refreshToken,
        refreshTokenExpires: new Date(Date.now() + 30 * 86400_000),
      }),
    );
    const { session } = await unauthenticated.admin(shop);
    expect(session.accessToken).toBe(granted.accessToken);
  });
});
