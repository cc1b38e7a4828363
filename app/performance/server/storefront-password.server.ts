/**
 * Saving the storefront password the performance runs log in with: it is tried on the
 * storefront first (the crawler's own login, `enterStorefront`), and a password the storefront
 * rejects is refused rather than stored, so the manager learns at once, not at the next run.
 */
import { z } from "zod";
import { optionalText } from "~/lib/actions.server";
import {
  passwordLanguage,
  passwordMessage,
  type PasswordLanguage,
  type PasswordOutcome,
} from "~/performance/domain/password-messages";
import { deleteShopSecret, writeShopSecret } from "~/db/shop-secrets.server";
import { enterStorefront } from "~/shopify/storefront-crawl.server";

export async function checkStorefrontPassword(
  shop: string,
  password: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<Exclude<PasswordOutcome, "empty" | "removed">> {
  const entered = await enterStorefront({
    host: shop,
    password,
    fetch: options.fetch,
    ...(options.timeoutMs !== undefined && { limits: { requestTimeoutMs: options.timeoutMs } }),
  });
  switch (entered.status) {
    case "ok":
      return entered.session.cookies.has("storefront_digest") ? "accepted" : "not-protected";
    case "password-rejected":
      return "rejected";
    case "password-required": // not reached: a password was given
    case "unreachable":
      return "unreachable";
  }
}

export async function saveStorefrontPassword(
  shop: string,
  input: string,
  lang: PasswordLanguage,
  options: { fetch?: typeof fetch } = {},
): Promise<{ ok: boolean; outcome: PasswordOutcome; message: string }> {
  const password = input.trim();
  if (password === "")
    return { ok: false, outcome: "empty", message: passwordMessage("empty", lang) };
  const outcome = await checkStorefrontPassword(shop, password, options);
  if (outcome === "rejected")
    return { ok: false, outcome, message: passwordMessage(outcome, lang) };
  await writeShopSecret(shop, "storefront-password", password);
  return { ok: true, outcome, message: passwordMessage(outcome, lang) };
}

export async function removeStorefrontPassword(
  shop: string,
  lang: PasswordLanguage,
): Promise<{ ok: true; outcome: "removed"; message: string }> {
  await deleteShopSecret(shop, "storefront-password");
  return { ok: true, outcome: "removed", message: passwordMessage("removed", lang) };
}

/** The password intents of a page's form (`save-password`, `remove-password`). */
export const passwordIntents = [
  z.object({ intent: z.literal("save-password"), password: optionalText }),
  z.object({ intent: z.literal("remove-password") }),
] as const;

export type PasswordIntent = z.output<(typeof passwordIntents)[number]>;

/** Saves or removes the password; the language follows Shopify admin's `locale` parameter. */
export async function passwordAction(
  shop: string,
  request: Request,
  intent: PasswordIntent,
): Promise<{ form: "password"; ok: boolean; message: string }> {
  const lang = requestLanguage(request);
  const result =
    intent.intent === "save-password"
      ? await saveStorefrontPassword(shop, intent.password, lang)
      : await removeStorefrontPassword(shop, lang);
  return { form: "password", ok: result.ok, message: result.message };
}

export function requestLanguage(request: Request): PasswordLanguage {
  return passwordLanguage(
    new URL(request.url).searchParams.get("locale") ?? request.headers.get("accept-language"),
  );
}
