/**
 * Verifying a webhook delivery without touching the shop's tokens (docs/decisions/014).
 *
 * `authenticate.webhook` of @shopify/shopify-app-remix 6.0.1 validates the HMAC, then — with
 * `future.expiringOfflineAccessTokens` — refreshes an expired stored offline token before it
 * returns (helpers/ensure-valid-offline-session.mjs → refresh-token.mjs). After an uninstall
 * Shopify refuses that refresh, and the library throws a bare `Response(500)`: `app/uninstalled`,
 * `shop/redact` and `customers/redact` never reach their handler and Shopify retries into the same
 * failure (shopify-app-js issue 3360). It also `JSON.parse`s the body unguarded, so a signed but
 * malformed body is a 500 that Shopify retries forever.
 *
 * Here the same documented building blocks run without the refresh step:
 * - `webhooks.validate` of @shopify/shopify-api (HMAC of the raw body with the app secret, the
 *   required `X-Shopify-*` headers): 401 on a bad HMAC, 400 on missing headers, 405 on non-POST —
 *   the answers `authenticate.webhook` gives;
 * - the shop domain through `utils.sanitizeShop` (so `SHOP_CUSTOM_DOMAIN` applies here too);
 * - the JSON body parsed under our control: anything but a JSON object is a 400;
 * - the stored offline session loaded as it is, never refreshed. No handler calls the Admin API
 *   inline (they write to the database or queue a job); a job that needs the API goes through
 *   `unauthenticated.admin(shop)`, which refreshes the token there, where a refusal is an
 *   ordinary, retried job failure.
 */
import type { Session } from "@shopify/shopify-api";
import { WebhookValidationErrorReason } from "@shopify/shopify-api";
import { sessionStorage, shopifyLibrary } from "~/shopify.server";

export interface WebhookDelivery {
  /** The shop's myshopify domain (from `X-Shopify-Shop-Domain`, sanitised). */
  shop: string;
  /** As the library reports it for storage: `APP_UNINSTALLED`, `CUSTOMERS_REDACT`, … */
  topic: string;
  webhookId: string;
  apiVersion: string;
  eventId: string | null;
  triggeredAt: string | null;
  /** The JSON body; integers beyond 2^53 are kept as their exact digits (a string). */
  payload: Record<string, unknown>;
  /**
   * The shop's offline session as stored, or undefined when there is none (never installed,
   * or removed on uninstall). Its access token may have expired: it is not refreshed here.
   */
  session: Session | undefined;
}

const bad = (status: number, statusText: string, body?: string) =>
  new Response(body, { status, statusText });

/**
 * JSON.parse keeping integers that a double cannot hold exactly as their digits (Node 22's
 * `JSON.parse` source text access): shopify.dev's example payloads carry ids like
 * 788032119674292922, which a plain parse would silently round.
 */
export function parseWebhookJson(rawBody: string): unknown {
  const reviver = (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === "number" &&
    Number.isInteger(value) &&
    !Number.isSafeInteger(value) &&
    context?.source !== undefined &&
    /^-?\d+$/.test(context.source)
      ? context.source
      : value;
  return JSON.parse(rawBody, reviver as (key: string, value: unknown) => unknown);
}

/**
 * Verifies a webhook request; throws a `Response` (405, 401 or 400) for anything that is not a
 * genuine, well-formed delivery. A route lets the thrown response through as its answer.
 */
export async function authenticateWebhook(request: Request): Promise<WebhookDelivery> {
  if (request.method !== "POST") throw bad(405, "Method not allowed");
  const rawBody = await request.text();
  const check = await shopifyLibrary.webhooks.validate({ rawBody, rawRequest: request });
  if (!check.valid) {
    if (check.reason === WebhookValidationErrorReason.InvalidHmac) throw bad(401, "Unauthorized");
    throw bad(400, "Bad Request", `Webhook rejected: ${check.reason}`);
  }
  const shop = shopifyLibrary.utils.sanitizeShop(check.domain);
  if (!shop) throw bad(400, "Bad Request", "X-Shopify-Shop-Domain is not a shop domain");

  let payload: unknown;
  try {
    payload = parseWebhookJson(rawBody);
  } catch {
    throw bad(400, "Bad Request", "The webhook body is not valid JSON");
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload))
    throw bad(400, "Bad Request", "The webhook body is not a JSON object");

  const session = await sessionStorage.loadSession(shopifyLibrary.session.getOfflineId(shop));
  return {
    shop,
    topic: check.topic,
    webhookId: check.webhookId,
    apiVersion: check.apiVersion,
    eventId: "eventId" in check && typeof check.eventId === "string" ? check.eventId : null,
    triggeredAt:
      "triggeredAt" in check && typeof check.triggeredAt === "string" ? check.triggeredAt : null,
    payload: payload as Record<string, unknown>,
    session,
  };
}
