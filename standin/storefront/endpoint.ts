/**
 * `POST /api/2026-10/graphql.json`, the Storefront API. A public
 * (`X-Shopify-Storefront-Access-Token`) or private (`Shopify-Storefront-Private-Token`) token
 * must be valid if sent; without one the request runs tokenless, as Shopify allows for
 * products and carts. Storefront requests are not cost-throttled (Shopify limits them per buyer
 * IP instead, which the stand-in does not model).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_VERSION, loadStorefrontSchema } from "../schema";
import { executeRequest, prepareRequest, type GraphQLRequestBody } from "../graphql/pipeline";
import { NOT_FOUND_BODY } from "../admin/endpoint";
import { header, readBody, sendJson } from "../http/util";
import type { StandinState } from "../state";
import type { StandinStore } from "../store/types";
import { storefrontRoot, type StorefrontRequestContext } from "./root";

const UNAUTHORIZED_BODY = { errors: [{ message: "", extensions: { code: "UNAUTHORIZED" } }] };

export async function handleStorefrontGraphql(
  state: StandinState,
  store: StandinStore,
  version: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const shop = store.shop.myshopifyDomain;
  if (version !== API_VERSION || req.method !== "POST") {
    sendJson(res, 404, NOT_FOUND_BODY);
    return;
  }
  const token =
    header(req, "x-shopify-storefront-access-token") ??
    header(req, "shopify-storefront-private-token");
  if (token !== undefined && !state.tokens.verifyStorefront(shop, token)) {
    sendJson(res, 401, UNAUTHORIZED_BODY);
    return;
  }
  let body: GraphQLRequestBody | undefined;
  try {
    body = JSON.parse(await readBody(req)) as GraphQLRequestBody;
  } catch {
    body = undefined;
  }
  if (!body || typeof body !== "object") {
    sendJson(res, 400, { errors: [{ message: "Invalid JSON in request body" }] });
    return;
  }
  const prepared = prepareRequest(state.storefrontChecker, body);
  if (!prepared.ok) {
    sendJson(res, 200, { errors: prepared.errors });
    return;
  }
  const context: StorefrontRequestContext = { store, now: state.now, carts: state.carts };
  const result = await executeRequest(
    loadStorefrontSchema(),
    prepared.request,
    storefrontRoot,
    context,
  );
  const response: Record<string, unknown> = {};
  if (result.errors) response.errors = result.errors.map((e) => e.toJSON());
  response.data = result.data ?? null;
  sendJson(res, 200, response, { "X-Shopify-API-Version": API_VERSION });
}
