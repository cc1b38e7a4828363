/**
 * `POST /admin/api/2026-10/graphql.json`: authentication, validation, the calculated query cost
 * with its leaky bucket, execution over the shop's store, and Shopify's response extensions.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { loadAdminSchema, API_VERSION } from "../schema";
import { actualQueryCost, requestedQueryCost } from "../graphql/cost";
import type { ThrottleStatus } from "../graphql/bucket";
import { executeRequest, prepareRequest, type GraphQLRequestBody } from "../graphql/pipeline";
import type { WalkScope } from "../graphql/walk";
import { header, readBody, sendJson } from "../http/util";
import type { StandinState } from "../state";
import type { StandinStore } from "../store/types";
import type { AdminContext, SearchReport } from "./context";
import { adminRoot } from "./root";

export const INVALID_TOKEN_BODY = {
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
};
export const NOT_FOUND_BODY = { errors: "Not Found" };
const RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";

function maxCostMessage(cost: number, max: number): string {
  return (
    `Query cost is ${cost}, which exceeds the single query max cost limit (${max}).\n\n` +
    "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n" +
    "cost of a query is calculated.\n\n" +
    "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
    "See https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n"
  );
}

function costExtension(
  requested: number,
  actual: number | null,
  status: ThrottleStatus,
): Record<string, unknown> {
  return {
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status },
  };
}

/** The context for one Admin request; bulk runs reuse it with a window over the top-level list. */
export function adminContext(
  state: StandinState,
  store: StandinStore,
  scopes: readonly string[],
): AdminContext {
  const shop = store.shop.myshopifyDomain;
  const base = {
    store,
    scopes: new Set(scopes),
    now: state.now,
    appApiKey: state.apiKey,
    storefrontTokens: state.tokens.storefrontTokens(shop),
    webPixels: state.webPixels.service(shop),
    searchReports: [] as SearchReport[],
  };
  const bulk = state.bulk.service(shop, (bulkWindow) => ({
    ...base,
    bulk,
    bulkWindow,
    searchReports: [],
  }));
  return { ...base, bulk };
}

function parseGraphqlBody(req: IncomingMessage, text: string): GraphQLRequestBody | undefined {
  if ((header(req, "content-type") ?? "").includes("application/graphql")) return { query: text };
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? (value as GraphQLRequestBody) : undefined;
  } catch {
    return undefined;
  }
}

export async function handleAdminGraphql(
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
  const token = state.tokens.verify(shop, header(req, "x-shopify-access-token"));
  if (!token) {
    sendJson(res, 401, INVALID_TOKEN_BODY);
    return;
  }
  const stats = state.stats(shop);
  stats.requests++;
  const headers = { "X-Shopify-API-Version": API_VERSION };
  const body = parseGraphqlBody(req, await readBody(req));
  if (!body) {
    sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } }, headers);
    return;
  }
  const prepared = prepareRequest(state.adminChecker, body);
  if (!prepared.ok) {
    sendJson(res, 200, { errors: prepared.errors }, headers);
    return;
  }
  const { request } = prepared;
  const schema = loadAdminSchema();
  const scope: WalkScope = { schema, fragments: request.fragments, variables: request.variables };
  const requested = requestedQueryCost(scope, request.operation);
  const bucket = state.bucket(shop);

  if (requested > state.maxQueryCost) {
    stats.maxCostExceeded++;
    const error = {
      message: maxCostMessage(requested, state.maxQueryCost),
      extensions: {
        code: "MAX_COST_EXCEEDED",
        cost: requested,
        maxCost: state.maxQueryCost,
        documentation: RATE_LIMITS_DOC,
      },
    };
    sendJson(
      res,
      200,
      { errors: [error], extensions: costExtension(requested, null, bucket.status(state.now())) },
      headers,
    );
    return;
  }
  if (!bucket.tryTake(requested, state.now())) {
    stats.throttled++;
    const error = {
      message: "Throttled",
      extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOC },
    };
    sendJson(
      res,
      200,
      { errors: [error], extensions: costExtension(requested, null, bucket.status(state.now())) },
      headers,
    );
    return;
  }

  const context = adminContext(state, store, token.scopes);
  const result = await executeRequest(schema, request, adminRoot, context);
  const actual = Math.min(requested, actualQueryCost(scope, request.operation, result.data));
  bucket.refund(requested - actual, state.now());
  stats.pointsUsed += actual;

  const extensions: Record<string, unknown> = costExtension(
    requested,
    actual,
    bucket.status(state.now()),
  );
  if (context.searchReports.length > 0) extensions.search = context.searchReports;
  const response: Record<string, unknown> = {};
  if (result.errors) response.errors = result.errors.map((e) => e.toJSON());
  response.data = result.data ?? null;
  response.extensions = extensions;
  sendJson(res, 200, response, headers);
}
