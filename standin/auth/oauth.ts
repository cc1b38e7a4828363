/**
 * `POST /admin/oauth/access_token`, as `@shopify/shopify-api` calls it: token exchange (session
 * token → online or offline access token, optionally expiring with a refresh token) and the
 * refresh-token grant. Error bodies follow OAuth 2.0 (`{"error": …, "error_description": …}`),
 * which is what Shopify answers.
 */
import { jwtVerify } from "jose";
import type { TokenGrant, TokenStore } from "./tokens";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

/** Session tokens are checked with the same leeway @shopify/shopify-api allows. */
const CLOCK_TOLERANCE_SECONDS = 10;

export interface OAuthDeps {
  apiKey: string;
  apiSecret: string;
  tokens: TokenStore;
  scopes: string[];
  now: () => number;
}

export interface OAuthResponse {
  status: number;
  body: Record<string, unknown>;
}

function failure(status: number, error: string, description: string): OAuthResponse {
  return { status, body: { error, error_description: description } };
}

const INVALID_GRANT = failure(
  400,
  "invalid_grant",
  "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
);

function grantBody(grant: TokenGrant): Record<string, unknown> {
  const body: Record<string, unknown> = { access_token: grant.accessToken, scope: grant.scope };
  if (grant.expiresIn !== undefined) body.expires_in = grant.expiresIn;
  if (grant.refreshToken !== undefined) {
    body.refresh_token = grant.refreshToken;
    body.refresh_token_expires_in = grant.refreshTokenExpiresIn;
  }
  return body;
}

function hostOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    return new URL(value.includes("://") ? value : `https://${value}`).host.toLowerCase();
  } catch {
    return undefined;
  }
}

async function tokenExchange(
  shop: string,
  params: Record<string, unknown>,
  deps: OAuthDeps,
): Promise<OAuthResponse> {
  if (params.subject_token_type !== ID_TOKEN_TYPE || typeof params.subject_token !== "string") {
    return failure(
      400,
      "invalid_request",
      "subject_token and subject_token_type (id_token) are required.",
    );
  }
  const requested = params.requested_token_type;
  if (requested !== OFFLINE_TOKEN_TYPE && requested !== ONLINE_TOKEN_TYPE) {
    return failure(
      400,
      "invalid_request",
      "requested_token_type must be an online or offline access token type.",
    );
  }
  let payload: Record<string, unknown>;
  try {
    payload = (
      await jwtVerify(params.subject_token, new TextEncoder().encode(deps.apiSecret), {
        algorithms: ["HS256"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(deps.now()),
      })
    ).payload;
  } catch (error) {
    return failure(
      400,
      "invalid_subject_token",
      `Session token is invalid: ${(error as Error).message}`,
    );
  }
  if (payload.aud !== deps.apiKey)
    return failure(400, "invalid_subject_token", "Session token was issued for another app (aud).");
  if (hostOf(payload.dest) !== shop)
    return failure(
      400,
      "invalid_subject_token",
      "Session token was issued for another shop (dest).",
    );

  const expiring = params.expiring === "1" || params.expiring === 1 || params.expiring === true;
  if (requested === OFFLINE_TOKEN_TYPE) {
    return { status: 200, body: grantBody(deps.tokens.issue(shop, deps.scopes, { expiring })) };
  }
  const grant = deps.tokens.issue(shop, deps.scopes, { expiring, online: true });
  const userId = Number(payload.sub) || 1;
  return {
    status: 200,
    body: {
      ...grantBody(grant),
      associated_user_scope: grant.scope,
      session: typeof payload.sid === "string" ? payload.sid : undefined,
      account_number: 0,
      associated_user: {
        id: userId,
        first_name: "Stand-in",
        last_name: "Merchant",
        email: `merchant@${shop}`,
        account_owner: true,
        locale: "en",
        collaborator: false,
        email_verified: true,
      },
    },
  };
}

export async function handleAccessTokenRequest(
  shop: string,
  params: Record<string, unknown> | undefined,
  deps: OAuthDeps,
): Promise<OAuthResponse> {
  if (!params)
    return failure(400, "invalid_request", "The request body must be JSON or form-encoded.");
  if (params.client_id !== deps.apiKey || params.client_secret !== deps.apiSecret) {
    return failure(
      401,
      "invalid_client",
      "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
    );
  }
  if (params.grant_type === TOKEN_EXCHANGE_GRANT) return tokenExchange(shop, params, deps);
  if (params.grant_type === "refresh_token") {
    const grant =
      typeof params.refresh_token === "string"
        ? deps.tokens.rotate(shop, params.refresh_token)
        : null;
    return grant ? { status: 200, body: grantBody(grant) } : INVALID_GRANT;
  }
  return failure(
    400,
    "unsupported_grant_type",
    "The authorization grant type is not supported by the authorization server.",
  );
}
