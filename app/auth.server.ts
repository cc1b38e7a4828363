/**
 * Admin authentication for the app's routes.
 *
 * Inside Shopify admin this is `authenticate.admin(request)` (session token, token exchange).
 * In demo mode (`TOVHOLDER_DEMO=1` with NODE_ENV=development or test and no Shopify credentials;
 * app/env.server.ts has the rules) there is no Shopify admin
 * and no App Bridge: requests act as the demo shop through its offline session, exactly as
 * background work does (`unauthenticated.admin`).
 */
import type { Session } from "@shopify/shopify-api";
import { authenticate, unauthenticated } from "./shopify.server";
import { demoModeRefusal, env, variables } from "./env.server";

export interface AdminRequestContext {
  session: Session;
  /** The shop's myshopify domain. */
  shop: string;
  /** false in demo mode: render our own navigation, no App Bridge. */
  embedded: boolean;
}

export class DemoModeRefusedError extends Error {
  override name = "DemoModeRefusedError";
}

/**
 * Throws unless demo mode is explicitly enabled, NODE_ENV is exactly development or test (unset
 * is production) and no Shopify credentials other than the demo's are set.
 */
export function assertDemoModeAllowed(vars: Record<string, string | undefined>): void {
  if (vars.TOVHOLDER_DEMO !== "1")
    throw new DemoModeRefusedError("Demo mode is not enabled (TOVHOLDER_DEMO=1).");
  const refusal = demoModeRefusal(vars);
  if (refusal !== null) throw new DemoModeRefusedError(refusal);
}

export async function requireAdmin(request: Request): Promise<AdminRequestContext> {
  const config = env();
  if (config.demoMode) {
    // Checked again per request, not only at start-up: NODE_ENV can differ between processes.
    assertDemoModeAllowed(
      variables(["TOVHOLDER_DEMO", "NODE_ENV", "SHOPIFY_API_KEY", "SHOPIFY_API_SECRET"]),
    );
    const { session } = await unauthenticated.admin(config.demoShop);
    return { session, shop: session.shop, embedded: false };
  }
  const { session } = await authenticate.admin(request);
  return { session, shop: session.shop, embedded: true };
}
