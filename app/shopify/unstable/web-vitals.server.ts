/**
 * Real-user Core Web Vitals from Shopify's `performanceMetrics` (decision 012) — an UNSTABLE
 * Admin API field: it exists in the `unstable` schema only, not in 2026-10, so it may change or
 * vanish without notice. Off unless `TOVHOLDER_UNSTABLE_WEB_VITALS=1`.
 *
 * This module is deliberately outside `app/shopify/documents/` (which codegen types and the
 * tests validate against 2026-10): its one query is a plain string, sent to the `unstable`
 * endpoint, and validated against the unstable schema by tests/shopify/unstable-web-vitals.test.ts.
 * The metric entries are JSON whose shape Shopify does not document; they are kept as returned.
 */
import { type ProcessVariable, variable } from "~/env.server";
export const UNSTABLE_WEB_VITALS_FLAG = "TOVHOLDER_UNSTABLE_WEB_VITALS" satisfies ProcessVariable;
export const UNSTABLE_API_VERSION = "unstable";

export const REAL_USER_WEB_VITALS_QUERY = /* GraphQL */ `
  query RealUserWebVitals($maxDays: Int) {
    performanceMetrics(
      aggregationLevel: ROLLING28DAYS
      deviceTypes: [MOBILE, DESKTOP]
      maxDays: $maxDays
    ) {
      deviceType
      metrics
    }
  }
`;

export function unstableWebVitalsEnabled(): boolean {
  return variable(UNSTABLE_WEB_VITALS_FLAG) === "1";
}

export interface RealUserWebVitals {
  apiVersion: typeof UNSTABLE_API_VERSION;
  /** Per device type, the metric entries exactly as Shopify returned them. */
  devices: { deviceType: string; metrics: unknown[] }[];
}

/**
 * The shop's real-user Web Vitals over the last 28 days, or null when the flag is off (no
 * request is made). Throws when Shopify answers with errors (e.g. the field was removed).
 */
export async function readRealUserWebVitals(
  session: { shop: string; accessToken?: string | undefined },
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<RealUserWebVitals | null> {
  if (!unstableWebVitalsEnabled()) return null;
  const response = await fetchImpl(
    `https://${session.shop}/admin/api/${UNSTABLE_API_VERSION}/graphql.json`,
    {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Access-Token": session.accessToken ?? "",
      },
      body: JSON.stringify({ query: REAL_USER_WEB_VITALS_QUERY, variables: { maxDays: 28 } }),
    },
  );
  const body = (await response.json().catch(() => ({}))) as {
    data?: { performanceMetrics?: { deviceType: string; metrics: unknown[] }[] | null };
    errors?: { message: string }[] | string;
  };
  if (!response.ok || body.errors)
    throw new Error(
      `performanceMetrics (unstable Admin API) failed: ${
        typeof body.errors === "string"
          ? body.errors
          : (body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status}`)
      }`,
    );
  return { apiVersion: UNSTABLE_API_VERSION, devices: body.data?.performanceMetrics ?? [] };
}
