/**
 * The product page block's backend (extensions/product-qa-block):
 *
 * - `GET  /api/product-findings?id=<product GID>`: the product's open findings.
 * - `POST /api/product-findings?id=<product GID>`: re-audit the product live, then the same.
 * - `OPTIONS`: the CORS preflight (the block runs on Shopify's extension origin). Remix hands
 *   OPTIONS to the loader; `authenticate.admin` answers it (204 with CORS headers) before any
 *   token check.
 *
 * Authentication: the block's `fetch` carries Shopify's ID token as `Authorization: Bearer …`;
 * `authenticate.admin` verifies it (signature with the app secret, audience, expiry) and loads
 * the shop's offline session. The shop is the token's, never a parameter: a session of one shop
 * cannot name another. Demo mode does not apply: the block exists only inside Shopify admin.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { listProductFindings } from "~/product-qa/index.server";
import { reauditProduct } from "~/product-qa/index.server";
import { authenticate } from "~/shopify.server";
import type { ApiErrorBody } from "../../../extensions/product-qa-block/src/contract";
import { lastAuditedAt } from "./last-audit.server";
import { productFindingsPayload } from "./payload.server";

const ProductGid = z.string().regex(/^gid:\/\/shopify\/Product\/[1-9]\d*$/);

type Cors = (response: Response) => Response;

export const loader = ({ request }: LoaderFunctionArgs) =>
  handleBlockRequest(request, async (shop) => {
    const productId = productIdOf(request);
    if (productId === null) return invalidProductId();
    return findingsResponse(shop, productId);
  });

export const action = ({ request }: ActionFunctionArgs) =>
  handleBlockRequest(request, async (shop) => {
    if (request.method !== "POST") {
      const allow = { Allow: "GET, POST, OPTIONS" };
      return jsonError(405, "method-not-allowed", "GET reads findings, POST re-checks.", allow);
    }
    const productId = productIdOf(request);
    if (productId === null) return invalidProductId();
    await reauditProduct({ shop, productId, trigger: "manual" });
    return findingsResponse(shop, productId);
  });

/**
 * Authenticates, then answers with CORS headers whatever happens: a cross-origin 500 without
 * them reaches the block as a failed fetch, and it would tell the merchant the app is
 * unreachable instead of that it failed.
 */
async function handleBlockRequest(
  request: Request,
  handler: (shop: string) => Promise<Response>,
): Promise<Response> {
  const { shop, cors } = await authenticateBlock(request);
  try {
    return cors(await handler(shop));
  } catch (error) {
    console.error(error);
    return cors(jsonError(500, "server-error", "Tovholder failed to answer; the error is logged."));
  }
}

async function findingsResponse(shop: string, productId: string): Promise<Response> {
  const [findings, checkedAt] = await Promise.all([
    listProductFindings(shop, productId),
    lastAuditedAt(shop, productId),
  ]);
  return Response.json(productFindingsPayload(productId, findings, checkedAt), {
    headers: { "Cache-Control": "no-store" },
  });
}

async function authenticateBlock(request: Request): Promise<{ shop: string; cors: Cors }> {
  try {
    const { session, cors } = await authenticate.admin(request);
    return { shop: session.shop, cors };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    // A bad token: the library's empty 401 (with CORS and retry headers). No token at all: the
    // library takes the request for a page load and redirects it to the login page, which
    // means nothing to a fetch. The preflight (204) has no token either and goes out as is.
    const noToken = request.method !== "OPTIONS" && !request.headers.has("Authorization");
    if (thrown.status !== 401 && !noToken) throw thrown;
    const headers = new Headers(thrown.headers);
    headers.delete("Location");
    throw jsonError(
      401,
      "unauthorized",
      "The session token is missing, expired or not signed for this app.",
      headers,
    );
  }
}

function productIdOf(request: Request): string | null {
  const parsed = ProductGid.safeParse(new URL(request.url).searchParams.get("id"));
  return parsed.success ? parsed.data : null;
}

function invalidProductId(): Response {
  return jsonError(
    400,
    "invalid-product-id",
    'The "id" parameter must be a product GID such as gid://shopify/Product/123.',
  );
}

function jsonError(
  status: number,
  error: ApiErrorBody["error"],
  message: string,
  headers?: HeadersInit,
): Response {
  const body: ApiErrorBody = { error, message };
  const response = Response.json(body, { status, headers });
  response.headers.set("Cache-Control", "no-store");
  return response;
}
