/**
 * Saving the storefront password the performance runs log in with: it is tried on the
 * storefront first (the crawler's own login, `enterStorefront`), and a password the storefront
 * rejects is refused rather than stored, so the manager learns at once, not at the next run.
 */
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

/**
 * The password intents of a page's action (`save-password`, `remove-password`), or null for
 * any other intent. The language follows Shopify admin's `locale` parameter.
 */
export async function passwordIntent(
  shop: string,
  request: Request,
  form: FormData,
): Promise<{ form: "password"; ok: boolean; message: string } | null> {
  const intent = form.get("intent");
  if (intent !== "save-password" && intent !== "remove-password") return null;
  const lang = requestLanguage(request);
  const result =
    intent === "save-password"
      ? await saveStorefrontPassword(shop, String(form.get("password") ?? ""), lang)
      : await removeStorefrontPassword(shop, lang);
  return { form: "password", ok: result.ok, message: result.message };
}

export function requestLanguage(request: Request): PasswordLanguage {
  return passwordLanguage(
    new URL(request.url).searchParams.get("locale") ?? request.headers.get("accept-language"),
  );
}
