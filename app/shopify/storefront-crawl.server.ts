/**
 * Crawls a shop's Online Store by plain HTTP, the way a first-time visitor's browser would fetch
 * it (without running scripts): home, the first collection the home page links to, the first
 * product of that collection, the cart and a search. Every subresource the HTML references
 * (scripts, stylesheets, images, preloads) is downloaded once to measure its bytes; bytes are
 * the body as received after HTTP decompression (what `fetch` hands over).
 *
 * Password-protected storefronts (every development store): the password is posted to
 * `/password` like the form does, and the `storefront_digest` cookie it sets is sent with every
 * page request to the shop. Without a password the crawl stops with `password-required`.
 *
 * Outbound safety (decision 016): the HTML is the merchant's, so every URL in it is untrusted.
 * Each request goes through the egress dispatcher, which refuses loopback, private, link-local
 * and other non-public addresses after DNS resolution; redirects are followed by hand (at most
 * CRAWL_LIMITS.redirects) so that each hop is a new, checked connection; and every download is
 * bounded (bytes per response and per run, subresources per page, time per request). What a
 * limit left out is recorded on the resource (`limit`) and becomes a finding.
 */
import {
  CRAWL_LIMITS,
  type CrawlLimit,
  type CrawlLimits,
  type UnmeasuredPage,
} from "~/performance";
import { pageLinks, pageResources } from "~/performance";
import type { CrawledPage, FetchedResource, PageType } from "~/performance";
import { egressDispatcher, egressRefusalOf } from "~/lib/egress/egress.server";

const USER_AGENT =
  "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36 Tovholder-perf";

export interface CrawlOptions {
  /** The shop's storefront host (`acme.myshopify.com` or its primary domain). */
  host: string;
  password: string | null;
  /** Default: the global fetch, looked up per request; it is always given the egress dispatcher. */
  fetch?: typeof fetch;
  /** Parallel subresource downloads. Default 4. */
  concurrency?: number;
  /** Overrides of CRAWL_LIMITS (tests use small ones). */
  limits?: Partial<CrawlLimits>;
}

export type CrawlResult =
  | {
      status: "ok";
      pages: CrawledPage[];
      /** Pages that could not be loaded (home always loads, or the crawl is unreachable). */
      unmeasured: UnmeasuredPage[];
      limits: CrawlLimits;
    }
  | { status: "password-required" | "password-rejected" | "unreachable"; reason: string };

/** A download stopped by a crawl limit. */
class LimitError extends Error {
  constructor(
    readonly limit: CrawlLimit,
    message: string,
  ) {
    super(message);
  }
}

/** The crawl limit an error amounts to, or null for another failure. */
function limitOf(error: unknown): CrawlLimit | null {
  if (error instanceof LimitError) return error.limit;
  if (egressRefusalOf(error)) return "internal-address";
  // AbortSignal.timeout's reason, as thrown by fetch or a body read (or wrapped as its cause).
  for (let e = error, depth = 0; e && depth < 3; depth++, e = (e as { cause?: unknown }).cause)
    if ((e as { name?: unknown }).name === "TimeoutError") return "timeout";
  return null;
}

/** Bytes the whole run may still download; shared by all downloads of one crawl. */
class Budget {
  constructor(public remaining: number) {}
  get spent(): boolean {
    return this.remaining <= 0;
  }
}

class Session {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly origin: string,
    private readonly fetchImpl: typeof fetch | undefined,
    readonly limits: CrawlLimits,
    readonly budget: Budget,
  ) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  /**
   * One request, never following a redirect; cookies go only to the shop's own origin. The
   * timeout covers reading the body too.
   */
  async request(url: string, init: RequestInit = {}): Promise<{ response: Response }> {
    const target = new URL(url);
    if (target.protocol !== "https:" && target.protocol !== "http:")
      throw new Error(`${target.protocol} URLs are not fetched`);
    const headers = new Headers(init.headers);
    headers.set("User-Agent", USER_AGENT);
    if (target.origin === this.origin && this.cookies.size > 0)
      headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const signal = AbortSignal.timeout(this.limits.requestTimeoutMs);
    const fetchImpl = this.fetchImpl ?? globalThis.fetch;
    const response = await fetchImpl(url, {
      ...init,
      headers,
      redirect: "manual",
      signal,
      dispatcher: egressDispatcher(),
    } as RequestInit);
    if (target.origin === this.origin) this.remember(response);
    return { response };
  }

  /**
   * GET with at most `limits.redirects` redirects followed, each a new request (and so a new
   * address check); throws LimitError("redirects") at the next one.
   */
  async get(url: string, accept = "text/html"): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const { response } = await this.request(current, { headers: { Accept: accept } });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= this.limits.redirects)
          throw new LimitError(
            "redirects",
            `more than ${this.limits.redirects} redirects (HTTP ${response.status})`,
          );
        current = new URL(location, current).href;
        continue;
      }
      return { response, url: current };
    }
  }
}

/**
 * Reads a body up to `limits.resourceBytes` and while the run's budget lasts, keeping the bytes
 * only when asked (pages; subresources are only counted). A body that goes on is cancelled; one
 * that stalls past the request's timeout ends with what arrived and limit "timeout".
 */
async function readBody(
  response: Response,
  session: Session,
  keep: boolean,
): Promise<{ bytes: number; chunks: Uint8Array[]; limit: CrawlLimit | null }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  if (!reader) return { bytes, chunks, limit: null };
  const cap = session.limits.resourceBytes;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes, chunks, limit: null };
      const take = Math.min(value.byteLength, cap - bytes, Math.max(0, session.budget.remaining));
      bytes += take;
      session.budget.remaining -= take;
      if (keep && take > 0)
        chunks.push(take === value.byteLength ? value : value.subarray(0, take));
      if (take < value.byteLength)
        return { bytes, chunks, limit: bytes >= cap ? "resource-bytes" : "run-bytes" };
    }
  } catch (error) {
    if (limitOf(error) === "timeout") return { bytes, chunks, limit: "timeout" };
    throw error;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const isPasswordPage = (url: string, html: string) =>
  new URL(url).pathname === "/password" ||
  /name=["']form_type["']\s+value=["']storefront_password["']/.test(html);

interface LoadedPage {
  status: number;
  url: string;
  bytes: number;
  html: string;
  /** The HTML was longer than the per-response limit; `html` is its beginning. */
  truncated: boolean;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const all = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

function unreachable(origin: string, error: unknown): Exclude<CrawlResult, { status: "ok" }> {
  const why = egressRefusalOf(error)?.message ?? (error as Error).message;
  return {
    status: "unreachable",
    reason: `The storefront ${origin} could not be reached: ${why}`,
  };
}

/** A session on the storefront, past its password page when it has one. */
export async function enterStorefront(options: CrawlOptions): Promise<
  | {
      status: "ok";
      session: Session;
      origin: string;
      home: LoadedPage;
      loadPage(path: string): Promise<LoadedPage>;
    }
  | Exclude<CrawlResult, { status: "ok" }>
> {
  const origin = `https://${options.host}`;
  const limits = { ...CRAWL_LIMITS, ...options.limits };
  const session = new Session(origin, options.fetch, limits, new Budget(limits.runBytes));
  const decoder = new TextDecoder();

  /** A page of the shop: throws LimitError when a limit stops it before any HTML arrives. */
  const loadPage = async (path: string): Promise<LoadedPage> => {
    if (session.budget.spent)
      throw new LimitError("run-bytes", `the run's ${limits.runBytes} bytes are spent`);
    const { response, url } = await session.get(new URL(path, origin).href);
    const body = await readBody(response, session, true);
    if (body.limit === "timeout" || (body.limit === "run-bytes" && body.bytes === 0))
      throw new LimitError(body.limit, `no complete page within the ${body.limit} limit`);
    return {
      status: response.status,
      url,
      bytes: body.bytes,
      html: decoder.decode(concat(body.chunks, body.bytes)),
      truncated: body.limit !== null,
    };
  };

  let home: LoadedPage;
  try {
    home = await loadPage("/");
  } catch (error) {
    return unreachable(origin, error);
  }
  if (isPasswordPage(home.url, home.html)) {
    if (!options.password)
      return {
        status: "password-required",
        reason:
          "The storefront is password-protected and no storefront password is saved for this shop, so it could not be measured. Save the password (Online Store → Preferences) on Tovholder's Performance page.",
      };
    let login: Response;
    try {
      ({ response: login } = await session.request(`${origin}/password`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
        body: new URLSearchParams({
          form_type: "storefront_password",
          utf8: "✓",
          password: options.password,
        }).toString(),
      }));
      await login.body?.cancel();
    } catch (error) {
      return unreachable(origin, error);
    }
    if (login.status < 300 || login.status >= 400 || !session.cookies.has("storefront_digest"))
      return {
        status: "password-rejected",
        reason:
          "The saved storefront password was not accepted, so the storefront could not be measured. Update it on Tovholder's Performance page.",
      };
    try {
      home = await loadPage("/");
    } catch (error) {
      return unreachable(origin, error);
    }
    if (isPasswordPage(home.url, home.html))
      return {
        status: "password-rejected",
        reason:
          "The storefront still shows its password page after logging in; it could not be measured.",
      };
  }
  return { status: "ok", session, origin, home, loadPage };
}

/** Loads a page other than home; a failure is recorded as unmeasured instead of ending the crawl. */
async function tryLoad(
  type: PageType,
  path: string,
  origin: string,
  loadPage: (path: string) => Promise<LoadedPage>,
  unmeasured: UnmeasuredPage[],
): Promise<LoadedPage | null> {
  try {
    return await loadPage(path);
  } catch (error) {
    unmeasured.push({
      type,
      url: new URL(path, origin).href,
      limit: limitOf(error),
      detail: egressRefusalOf(error)?.message ?? (error as Error).message,
    });
    return null;
  }
}

/** The first collection the home page links to, and the first product of it (or of home). */
async function discoverPages(
  home: LoadedPage,
  origin: string,
  loadPage: (path: string) => Promise<LoadedPage>,
  unmeasured: UnmeasuredPage[],
): Promise<{ collectionPath?: string; collection: LoadedPage | null; productPath?: string }> {
  const links = pageLinks(home.html, home.url).map((u) => new URL(u));
  const collectionPath = links.find((u) => /^\/collections\/[^/]+$/.test(u.pathname))?.pathname;
  const collection = collectionPath
    ? await tryLoad("collection", collectionPath, origin, loadPage, unmeasured)
    : null;
  const productLinks = [
    ...(collection ? pageLinks(collection.html, collection.url).map((u) => new URL(u)) : []),
    ...links,
  ];
  const productPath = productLinks.find((u) => /^\/products\/[^/]+$/.test(u.pathname))?.pathname;
  return { collectionPath, collection, productPath };
}

export type StorefrontEntry =
  | {
      status: "ok";
      /** Absolute URLs of the pages to measure: home always, collection and product when linked. */
      urls: Partial<Record<"home" | "collection" | "product", string>>;
      /** Cookies the storefront set for its own origin (the password's `storefront_digest`). */
      cookies: { name: string; value: string }[];
    }
  | Exclude<CrawlResult, { status: "ok" }>;

/**
 * Enters the storefront like the crawl does (logging in with the password when it is protected)
 * and finds home, a collection and a product: what a browser-based audit needs to measure.
 */
export async function enterStorefrontPages(options: CrawlOptions): Promise<StorefrontEntry> {
  const entered = await enterStorefront(options);
  if (entered.status !== "ok") return entered;
  const { home, loadPage, origin, session } = entered;
  const found = await discoverPages(home, origin, loadPage, []);
  return {
    status: "ok",
    urls: {
      home: home.url,
      ...(found.collection && { collection: found.collection.url }),
      ...(found.productPath && { product: new URL(found.productPath, origin).href }),
    },
    cookies: [...session.cookies].map(([name, value]) => ({ name, value })),
  };
}

export async function crawlStorefront(options: CrawlOptions): Promise<CrawlResult> {
  const entered = await enterStorefront(options);
  if (entered.status !== "ok") return entered;
  const { session, home, loadPage, origin } = entered;
  const { limits, budget } = session;
  const unmeasured: UnmeasuredPage[] = [];
  const load = (type: PageType, path: string) => tryLoad(type, path, origin, loadPage, unmeasured);
  const { collection, productPath } = await discoverPages(home, origin, loadPage, unmeasured);
  const product = productPath ? await load("product", productPath) : null;
  const cart = await load("cart", "/cart");
  const term = productPath?.split("/").pop()?.split("-")[0] ?? "a";
  const search = await load("search", `/search?q=${encodeURIComponent(term)}`);

  const loaded: { type: PageType; page: LoadedPage | null }[] = [
    { type: "home", page: home },
    { type: "collection", page: collection },
    { type: "product", page: product },
    { type: "cart", page: cart },
    { type: "search", page: search },
  ];

  // Each distinct URL is downloaded once; every page that references it counts its bytes.
  type Outcome = Pick<FetchedResource, "status" | "bytes" | "limit">;
  const downloads = new Map<string, Promise<Outcome>>();
  const fetchResource = async (url: string): Promise<Outcome> => {
    if (budget.spent) return { status: null, bytes: 0, limit: "run-bytes" };
    let status: number | null = null;
    try {
      const { response } = await session.get(url, "*/*");
      status = response.status;
      const body = await readBody(response, session, false);
      return { status, bytes: body.bytes, ...(body.limit && { limit: body.limit }) };
    } catch (error) {
      const limit = limitOf(error);
      return { status, bytes: 0, ...(limit && { limit }) };
    }
  };
  const download = (url: string) => {
    let pending = downloads.get(url);
    if (!pending) {
      pending = fetchResource(url);
      downloads.set(url, pending);
    }
    return pending;
  };

  const pages: CrawledPage[] = [];
  for (const { type, page } of loaded) {
    if (!page) continue;
    const refs = pageResources(page.html, page.url);
    const measured = refs.slice(0, limits.resourcesPerPage);
    const fetched = await mapLimit(
      measured,
      options.concurrency ?? 4,
      async (r): Promise<FetchedResource> => ({ ...r, ...(await download(r.url)) }),
    );
    pages.push({
      type,
      url: page.url,
      status: page.status,
      htmlBytes: page.bytes,
      resources: fetched,
      ...(refs.length > measured.length && { omittedResources: refs.length - measured.length }),
      ...(page.truncated && { htmlTruncated: true }),
    });
  }
  return { status: "ok", pages, unmeasured, limits };
}
