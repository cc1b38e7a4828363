/**
 * Opens a cart's checkout URL the way a browser would (redirects followed, cookies kept within
 * the chain) and says what the customer would see: the checkout, the storefront password page,
 * or an error page. Only GETs: nothing is submitted, no order can come of it.
 *
 * Redirects are followed by hand so that every hop is a new request (the same code then works
 * against Shopify and against the stand-in's routing), and so that a redirect to `/password`
 * is recognised without loading the page.
 *
 * The checkout URL is on the shop's primary domain, whose DNS the merchant controls, and its
 * redirects are the storefront's: every hop goes through the egress dispatcher (decision 016),
 * which refuses loopback, private and other non-public addresses after DNS resolution.
 */
import type { CheckoutPage } from "~/checkout";
import { egressDispatcher, egressRefusalOf } from "~/lib/egress/egress.server";

/** Redirects followed, as in the storefront crawl (decision 016). */
const MAX_REDIRECTS = 5;
/** Enough of a page to recognise it; checkout pages are larger, and the rest is not needed. */
const MAX_BODY_CHARS = 256 * 1024;

/** Markers of Shopify's storefront password page (theme-independent: the form is Shopify's). */
const PASSWORD_PAGE =
  /name=["']form_type["']\s+value=["']storefront_password["']|action=["']\/password["']/;

export interface OpenCheckoutOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface OpenedCheckout extends CheckoutPage {
  /** The URL of the last response. */
  finalUrl: string;
  redirects: number;
}

function isPasswordPath(url: URL): boolean {
  return url.pathname === "/password";
}

async function readText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  while (text.length < MAX_BODY_CHARS) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

function classify(status: number, url: URL, body: string): CheckoutPage["kind"] {
  if (isPasswordPath(url) || PASSWORD_PAGE.test(body)) return "password";
  if (status >= 200 && status < 300) return "checkout";
  if (status === 404 || status === 410) return "not-found";
  // Shopify answers 402 ("This store is unavailable") for paused or unpaid shops, 423 for locked ones.
  if (status === 402 || status === 423) return "unavailable";
  if (status === 429) return "rate-limited";
  return "error";
}

export async function openCheckout(
  checkoutUrl: string,
  options: OpenCheckoutOptions = {},
): Promise<OpenedCheckout> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 20_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const cookies = new Map<string, string>();
  let url = new URL(checkoutUrl);
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      if (url.protocol !== "https:" && url.protocol !== "http:")
        throw new Error(`${url.protocol} URLs are not opened`);
      response = await fetchImpl(url, {
        redirect: "manual",
        signal,
        dispatcher: egressDispatcher(),
        headers: {
          Accept: "text/html",
          "User-Agent": "Tovholder checkout check (no order is placed)",
          ...(cookies.size > 0 && {
            Cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
          }),
        },
      } as RequestInit);
    } catch (error) {
      options.signal?.throwIfAborted();
      return {
        kind: "network",
        status: null,
        detail: egressRefusalOf(error)?.message ?? (error as Error).message,
        finalUrl: url.href,
        redirects,
      };
    }
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const at = pair.indexOf("=");
      if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (isPasswordPath(next) || redirects >= MAX_REDIRECTS)
        return {
          kind: isPasswordPath(next) ? "password" : "error",
          status: response.status,
          detail: isPasswordPath(next) ? `redirected to ${next.pathname}` : "too many redirects",
          finalUrl: next.href,
          redirects: redirects + 1,
        };
      url = next;
      continue;
    }
    const body = await readText(response);
    return {
      kind: classify(response.status, url, body),
      status: response.status,
      detail: null,
      finalUrl: url.href,
      redirects,
    };
  }
}
