/**
 * The block's calls to the app's backend.
 *
 * Authentication: in an admin UI extension, `fetch` of a relative URL goes to the app's
 * `application_url`, and Shopify adds `Authorization: Bearer <ID token>` (a signed OpenID Connect
 * JWT for the shop and user) to every request to the app's domain. The extension never handles
 * the token; the route checks it with `authenticate.admin(request)` and takes the shop from it.
 * (shopify.dev/docs/api/admin-extensions → Network features → App authentication.)
 */
import type { ProductFinding, ProductFindingsPayload } from "./contract";

/** Why a call failed, as the merchant is told (locales: error.<kind>). */
export type FailureKind = "unauthorized" | "invalid" | "server" | "network";

export type ApiResult =
  { ok: true; data: ProductFindingsPayload } | { ok: false; failure: FailureKind };

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export function findingsUrl(productId: string): string {
  return `/api/product-findings?id=${encodeURIComponent(productId)}`;
}

/** GET: the product's open findings. */
export function loadFindings(productId: string, fetchFn: Fetch): Promise<ApiResult> {
  return call(fetchFn, findingsUrl(productId), { method: "GET" });
}

/** POST: re-audit the product now; answers with the findings after the re-check. */
export function recheckProduct(productId: string, fetchFn: Fetch): Promise<ApiResult> {
  return call(fetchFn, findingsUrl(productId), { method: "POST" });
}

async function call(fetchFn: Fetch, url: string, init: RequestInit): Promise<ApiResult> {
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, headers: { Accept: "application/json" } });
  } catch {
    return { ok: false, failure: "network" };
  }
  if (!response.ok) return { ok: false, failure: failureOf(response.status) };
  try {
    const body: unknown = await response.json();
    // An answer of another shape (an HTML error page from a proxy, an older app version) is
    // the server's failure, not something to render half of.
    return isPayload(body) ? { ok: true, data: body } : { ok: false, failure: "server" };
  } catch {
    return { ok: false, failure: "server" };
  }
}

function failureOf(status: number): FailureKind {
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 400) return "invalid";
  // Anything else, 404 included (an app deployed without this route), is the app's failure.
  return "server";
}

const SEVERITIES: readonly unknown[] = ["critical", "warning", "info"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === "string";
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isFinding(value: unknown): value is ProductFinding {
  if (!isRecord(value)) return false;
  const { variant } = value;
  return (
    typeof value.key === "string" &&
    typeof value.ruleId === "string" &&
    SEVERITIES.includes(value.severity) &&
    typeof value.title === "string" &&
    typeof value.message === "string" &&
    isStringOrNull(value.fixHint) &&
    (variant === null ||
      (isRecord(variant) && typeof variant.title === "string" && isStringOrNull(variant.adminLink)))
  );
}

/** The backend's answer checked field by field (no schema library: the bundle stays small). */
export function isPayload(value: unknown): value is ProductFindingsPayload {
  return (
    isRecord(value) &&
    typeof value.productId === "string" &&
    isStringOrNull(value.checkedAt) &&
    Array.isArray(value.findings) &&
    value.findings.every(isFinding) &&
    isCount(value.openCount) &&
    isCount(value.suppressedCount)
  );
}
