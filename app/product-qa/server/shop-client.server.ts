/**
 * What both audit services need before they read a shop: its offline session (refreshed
 * transparently by `unauthenticated.admin`), the Admin API client on it, and the shop's audit
 * settings; each failure as a sentence a person can act on.
 */
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { AuditSettings } from "~/product-qa/domain/settings";
import { readAuditSettings } from "~/product-qa/models/audit-settings.server";
import { unauthenticated } from "~/shopify.server";
import { AdminClient } from "~/shopify/admin-client.server";

/** A failure whose message is meant for the person who reads the run's error. */
export class AuditError extends Error {
  override readonly name = "AuditError";
}

/**
 * The shop's offline session through `unauthenticated.admin`, which refreshes an expired token.
 * When Shopify refuses the refresh (the app was uninstalled and the app/uninstalled webhook did
 * not arrive, or the refresh token expired), shopify-app-remix 6.0.1 throws a bare
 * `Response(500)` (helpers/refresh-token.mjs): turned here into a sentence a person can act on.
 */
async function offlineSession(shop: string) {
  return unauthenticated.admin(shop).then(
    (context) => context.session,
    (error: unknown) => {
      if (error instanceof SessionNotFoundError)
        throw new AuditError(
          `No offline session for ${shop}: the app is not installed on this shop (or was uninstalled).`,
        );
      if (error instanceof Response)
        throw new AuditError(
          `Shopify refused to renew Tovholder's access to ${shop} (token refresh answered HTTP ${error.status}): the app was probably uninstalled, or the shop's access expired. Open Tovholder from the shop's admin to install it again.`,
        );
      throw error;
    },
  );
}

export async function openShopClient(shop: string): Promise<AdminClient> {
  return new AdminClient(await offlineSession(shop), {
    refreshSession: () => offlineSession(shop),
  });
}

export async function auditSettingsOf(shop: string): Promise<AuditSettings> {
  const parsed = await readAuditSettings(shop);
  if (parsed.ok) return parsed.settings;
  const problems = parsed.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  throw new AuditError(
    `The shop's audit settings are invalid (${problems.join("; ")}); fix them under Products → Rule settings.`,
  );
}

/** The message a run records for an error: what went wrong, in one line. */
export function runErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, "; ").trim() || "Unknown error";
}
