import "@shopify/shopify-api/adapters/node";
import {
  ApiVersion,
  LogSeverity,
  RequestedTokenType,
  shopifyApi,
  type Shopify,
} from "@shopify/shopify-api";
import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API_KEY, API_SECRET, startHarness, type Harness } from "./helpers";

let h: Harness;
let api: Shopify;

beforeEach(async () => {
  // Session tokens are minted on the real clock, so the stand-in's clock starts there too.
  h = await startHarness({ products: 2 }, {}, Date.now());
  api = shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: API_SECRET,
    apiVersion: ApiVersion.October26,
    hostName: "app.example",
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
    future: {},
  });
});
afterEach(async () => h.close());

async function sessionToken(
  overrides: Record<string, unknown> = {},
  secret = API_SECRET,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${h.shop}/admin`,
    dest: `https://${h.shop}`,
    aud: API_KEY,
    sub: "42",
    exp: now + 60,
    nbf: now - 5,
    iat: now,
    jti: crypto.randomUUID(),
    sid: crypto.randomUUID(),
    ...overrides,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(secret));
}

async function tokenEndpoint(
  body: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`https://${h.shop}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ client_id: API_KEY, client_secret: API_SECRET, ...body }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function shopName(accessToken: string | undefined): Promise<number> {
  return (await h.admin("{ shop { name } }", undefined, { token: accessToken ?? "" })).status;
}

describe("token exchange through @shopify/shopify-api", () => {
  it("issues an expiring offline token with a refresh token", async () => {
    const { session } = await api.auth.tokenExchange({
      shop: h.shop,
      sessionToken: await sessionToken(),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    expect(session.isOnline).toBe(false);
    expect(session.refreshToken).toMatch(/^shprt_/);
    expect(session.expires?.getTime()).toBeGreaterThan(Date.now() + 3590_000);
    expect(session.scope).toContain("read_products");
    expect(await shopName(session.accessToken)).toBe(200);
  });

  it("rotates refresh tokens: the old one is rejected with invalid_grant", async () => {
    const { session } = await api.auth.tokenExchange({
      shop: h.shop,
      sessionToken: await sessionToken(),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    const oldRefresh = session.refreshToken ?? "";
    const { session: refreshed } = await api.auth.refreshToken({
      shop: h.shop,
      refreshToken: oldRefresh,
    });
    expect(refreshed.accessToken).not.toBe(session.accessToken);
    expect(refreshed.refreshToken).not.toBe(oldRefresh);
    expect(await shopName(refreshed.accessToken)).toBe(200);

    const reused = await tokenEndpoint({ grant_type: "refresh_token", refresh_token: oldRefresh });
    expect(reused).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: expect.any(String) },
    });
    await expect(
      api.auth.refreshToken({ shop: h.shop, refreshToken: oldRefresh }),
    ).rejects.toThrow();
  });

  it("lets access tokens expire after an hour and refresh tokens after their lifetime", async () => {
    const { session } = await api.auth.tokenExchange({
      shop: h.shop,
      sessionToken: await sessionToken(),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    h.clock.advance(3600_000);
    expect(await shopName(session.accessToken)).toBe(401);
    h.clock.advance(90 * 86_400_000);
    expect(
      (await tokenEndpoint({ grant_type: "refresh_token", refresh_token: session.refreshToken }))
        .body.error,
    ).toBe("invalid_grant");
  });

  it("issues a non-expiring offline token when expiring is not asked for", async () => {
    const result = await tokenEndpoint({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: await sessionToken(),
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      expiring: "0",
    });
    expect(result.status).toBe(200);
    expect(Object.keys(result.body).sort()).toEqual(["access_token", "scope"]);
  });

  it("issues online tokens with the associated user", async () => {
    const { session } = await api.auth.tokenExchange({
      shop: h.shop,
      sessionToken: await sessionToken(),
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    });
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user).toMatchObject({
      id: 42,
      account_owner: true,
    });
    expect(await shopName(session.accessToken)).toBe(200);
  });
});

describe("token endpoint errors", () => {
  const exchange = async (subjectToken: string) =>
    tokenEndpoint({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subjectToken,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    });

  it.each([
    ["signed with another secret", () => sessionToken({}, "not-the-secret")],
    ["for another app", () => sessionToken({ aud: "other-app" })],
    ["for another shop", () => sessionToken({ dest: "https://other-shop.myshopify.com" })],
    ["expired", () => sessionToken({ exp: Math.floor(Date.now() / 1000) - 60 })],
  ])("rejects a session token %s", async (_label, mint) => {
    const result = await exchange(await mint());
    expect(result.status).toBe(400);
    expect(result.body.error).toBe("invalid_subject_token");
  });

  it("rejects wrong client credentials", async () => {
    const result = await tokenEndpoint({
      client_secret: "wrong",
      grant_type: "refresh_token",
      refresh_token: "x",
    });
    expect(result.status).toBe(401);
    expect(result.body.error).toBe("invalid_client");
  });
});
