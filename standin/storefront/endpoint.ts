/**
 * `POST /api/2026-10/graphql.json`, the Storefront API. A public
 * (`X-Shopify-Storefront-Access-Token`) or private (`Shopify-Storefront-Private-Token`) token
 * must be valid if sent; without one the request runs tokenless, as Shopify allows for
 * products and carts. Storefront requests are not cost-throttled (Shopify limits them per buyer
 * IP instead, which the stand-in does not model). An operation with an active `@defer` is
 * answered as a multipart/mixed stream in Shopify's incremental format (../graphql/defer.ts):
 * the non-deferred data at once, the deferred fragments when they are ready (a carrier's rates).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_VERSION, loadStorefrontSchema } from "../schema";
import {
  MULTIPART_BOUNDARY,
  MULTIPART_END,
  MULTIPART_START,
  deferredFieldNodes,
  distributeErrors,
  hasActiveDefer,
  multipartPart,
  splitDeferred,
} from "../graphql/defer";
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
  const { operation, fragments, rawVariables } = prepared.request;
  const deferred = hasActiveDefer(operation, fragments, rawVariables);
  let holdUntil = 0;
  const context: StorefrontRequestContext = {
    store,
    now: state.now,
    carts: state.carts,
    carrier: state.carrier,
    deferredFields: deferred ? deferredFieldNodes(operation, fragments, rawVariables) : new Set(),
    hold: (until) => void (holdUntil = Math.max(holdUntil, until)),
  };
  const result = await executeRequest(
    loadStorefrontSchema(),
    prepared.request,
    storefrontRoot,
    context,
  );
  if (deferred) {
    const data = (result.data ?? null) as Record<string, unknown> | null;
    const { initial, incremental } = splitDeferred(operation, fragments, rawVariables, data);
    const errors = distributeErrors(result.errors ?? [], incremental);
    res.writeHead(200, {
      "Content-Type": `multipart/mixed; boundary="${MULTIPART_BOUNDARY}"; deferSpec=20220824`,
      "X-Shopify-API-Version": API_VERSION,
    });
    res.write(
      MULTIPART_START +
        multipartPart({
          data: initial,
          ...(errors.length > 0 && { errors }),
          hasNext: incremental.length > 0,
        }),
    );
    if (incremental.length > 0) {
      const wait = holdUntil - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      res.write(multipartPart({ incremental, hasNext: false }));
    }
    res.end(MULTIPART_END);
    return;
  }
  const response: Record<string, unknown> = {};
  if (result.errors) response.errors = result.errors.map((e) => e.toJSON());
  response.data = result.data ?? null;
  sendJson(res, 200, response, { "X-Shopify-API-Version": API_VERSION });
}
