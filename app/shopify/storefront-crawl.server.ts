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
 * Redirects are followed by hand so that each hop is a new request (the stand-in's routing and
 * cookies work per request).
 */
import { pageLinks, pageResources } from "~/domain/perf/html";
import type { CrawledPage, FetchedResource, PageType } from "~/domain/perf/types";

const USER_AGENT =
  "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36 Tovholder-perf";
const MAX_REDIRECTS = 6;

export interface CrawlOptions {
  /** The shop's storefront host (`acme.myshopify.com` or its primary domain). */
  host: string;
  password: string | null;
  fetch?: typeof fetch;
  /** Parallel subresource downloads. Default 4. */
  concurrency?: number;
  timeoutMs?: number;
}

export type CrawlResult =
  | { status: "ok"; pages: CrawledPage[] }
  | { status: "password-required" | "password-rejected" | "unreachable"; reason: string };

class Session {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly origin: string,
    private readonly fetchImpl: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  /** One request; cookies go only to the shop's own origin. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("User-Agent", USER_AGENT);
    if (new URL(url).origin === this.origin && this.cookies.size > 0)
      headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await this.fetchImpl(url, {
      ...init,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (new URL(url).origin === this.origin) this.remember(response);
    return response;
  }

  /** GET with redirects followed; returns the last response and its URL. */
  async get(url: string, accept = "text/html"): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const response = await this.request(current, { headers: { Accept: accept } });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location && hop < MAX_REDIRECTS) {
        await response.body?.cancel();
        current = new URL(location, current).href;
        continue;
      }
      return { response, url: current };
    }
  }
}

async function bodyBytes(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
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
  bytes: Uint8Array;
  html: string;
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
  const session = new Session(
    origin,
    options.fetch ?? globalThis.fetch,
    options.timeoutMs ?? 30_000,
  );
  const decoder = new TextDecoder();

  const loadPage = async (path: string): Promise<LoadedPage> => {
    const { response, url } = await session.get(new URL(path, origin).href);
    const bytes = await bodyBytes(response);
    return { status: response.status, url, bytes, html: decoder.decode(bytes) };
  };

  let home: LoadedPage;
  try {
    home = await loadPage("/");
  } catch (error) {
    return {
      status: "unreachable",
      reason: `The storefront ${origin} could not be reached: ${(error as Error).message}`,
    };
  }
  if (isPasswordPage(home.url, home.html)) {
    if (!options.password)
      return {
        status: "password-required",
        reason:
          "The storefront is password-protected and no storefront password is saved for this shop, so it could not be measured. Save the password (Online Store → Preferences) on Tovholder's Performance page.",
      };
    const login = await session.request(`${origin}/password`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      body: new URLSearchParams({
        form_type: "storefront_password",
        utf8: "✓",
        password: options.password,
      }).toString(),
    });
    await login.body?.cancel();
    if (login.status < 300 || login.status >= 400 || !session.cookies.has("storefront_digest"))
      return {
        status: "password-rejected",
        reason:
          "The saved storefront password was not accepted, so the storefront could not be measured. Update it on Tovholder's Performance page.",
      };
    home = await loadPage("/");
    if (isPasswordPage(home.url, home.html))
      return {
        status: "password-rejected",
        reason:
          "The storefront still shows its password page after logging in; it could not be measured.",
      };
  }
  return { status: "ok", session, origin, home, loadPage };
}

/** The first collection the home page links to, and the first product of it (or of home). */
async function discoverPages(
  home: LoadedPage,
  loadPage: (path: string) => Promise<LoadedPage>,
): Promise<{ collectionPath?: string; collection: LoadedPage | null; productPath?: string }> {
  const links = pageLinks(home.html, home.url).map((u) => new URL(u));
  const collectionPath = links.find((u) => /^\/collections\/[^/]+$/.test(u.pathname))?.pathname;
  const collection = collectionPath ? await loadPage(collectionPath) : null;
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
  const found = await discoverPages(home, loadPage);
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
  const { session, home, loadPage } = entered;
  const { collection, productPath } = await discoverPages(home, loadPage);
  const product = productPath ? await loadPage(productPath) : null;
  const cart = await loadPage("/cart");
  const term = productPath?.split("/").pop()?.split("-")[0] ?? "a";
  const search = await loadPage(`/search?q=${encodeURIComponent(term)}`);

  const loaded: { type: PageType; page: LoadedPage | null }[] = [
    { type: "home", page: home },
    { type: "collection", page: collection },
    { type: "product", page: product },
    { type: "cart", page: cart },
    { type: "search", page: search },
  ];

  // Each distinct URL is downloaded once; every page that references it counts its bytes.
  const downloads = new Map<string, Promise<{ status: number | null; bytes: number }>>();
  const download = (url: string) => {
    let pending = downloads.get(url);
    if (!pending) {
      pending = session
        .get(url, "*/*")
        .then(async ({ response }) => ({
          status: response.status,
          bytes: (await bodyBytes(response)).byteLength,
        }))
        .catch(() => ({ status: null, bytes: 0 }));
      downloads.set(url, pending);
    }
    return pending;
  };

  const pages: CrawledPage[] = [];
  for (const { type, page } of loaded) {
    if (!page) continue;
    const refs = pageResources(page.html, page.url);
    const fetched = await mapLimit(
      refs,
      options.concurrency ?? 4,
      async (r): Promise<FetchedResource> => ({ ...r, ...(await download(r.url)) }),
    );
    pages.push({
      type,
      url: page.url,
      status: page.status,
      htmlBytes: page.bytes.byteLength,
      resources: fetched,
    });
  }
  return { status: "ok", pages };
}
