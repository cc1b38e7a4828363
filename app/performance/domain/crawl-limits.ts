/**
 * The storefront crawl's limits (decision 016) and the findings that say when one was reached.
 * A storefront's HTML is the merchant's (theme files, product descriptions, app script tags):
 * it decides what the crawl downloads, so every download is bounded, and a measurement that hit
 * a bound says so instead of showing a page lighter than it is.
 *
 * Texts in English (`message`) and Danish (`details.messageDa`, and CRAWL_LIMIT_RULES_DA).
 */
import { findingKey } from "~/findings/finding-key";
import type { Finding, RuleDefinition } from "~/findings/types";
import { formatBytes } from "./bytes";
import type { PageFigures, PageType } from "./types";

const MB = 1024 * 1024;

export interface CrawlLimits {
  /** Redirects followed per request; the next one is not. */
  redirects: number;
  /** Bytes read of one response (HTML or subresource); the rest is not downloaded. */
  resourceBytes: number;
  /** Bytes downloaded by one run, all pages together; then nothing more is downloaded. */
  runBytes: number;
  /** Subresources downloaded per page, in document order; later references are not. */
  resourcesPerPage: number;
  /** Milliseconds for one request, connection to last byte. */
  requestTimeoutMs: number;
}

export const CRAWL_LIMITS: CrawlLimits = {
  redirects: 5,
  resourceBytes: 16 * MB,
  runBytes: 128 * MB,
  resourcesPerPage: 250,
  requestTimeoutMs: 15_000,
};

/**
 * Why a subresource was not (fully) downloaded:
 * - `internal-address`: its URL, or a redirect it led to, is at a loopback, private, link-local
 *   or other non-public address; nothing was requested there;
 * - `redirects`: it redirected more than `redirects` times;
 * - `resource-bytes`: it is larger than `resourceBytes`; counted up to that;
 * - `run-bytes`: the run had downloaded `runBytes` already (counted up to where it stopped);
 * - `timeout`: no full answer within `requestTimeoutMs`.
 */
export type CrawlLimit =
  "internal-address" | "redirects" | "resource-bytes" | "run-bytes" | "timeout";

/** What the limits left out of one page's figures (absent when nothing). */
export interface PageLimitHits {
  resources: { url: string; limit: CrawlLimit }[];
  /** References beyond `resourcesPerPage`, not downloaded. */
  omitted: number;
  /** Distinct subresources the page's HTML refers to, omitted ones included. */
  referenced: number;
  /** The page's own HTML was larger than `resourceBytes` and read only up to it. */
  htmlTruncated: boolean;
}

/** A page the crawl meant to measure and could not load (home aside: without it the run fails). */
export interface UnmeasuredPage {
  type: PageType;
  url: string;
  /** The limit that stopped it, or null for another failure (connection refused, DNS). */
  limit: CrawlLimit | null;
  /** The error, in words. */
  detail: string;
}

export const CRAWL_LIMIT_RULES = {
  internalAddress: {
    id: "perf.internal-address",
    category: "performance",
    severity: "warning",
    title: "Page refers to an internal network address",
    why: "The page loads a file from a loopback, private or link-local address (such as 127.0.0.1, 10.x.x.x or 169.254.169.254). Visitors' browsers cannot load it from your store (or reach into their own network instead), and Tovholder does not fetch it.",
    fix: "Find the address in the theme code (Online Store → Themes → ⋯ → Edit code), the product description or the app's settings, and replace it with the file's public https:// address, or remove it.",
  },
  crawlLimit: {
    id: "perf.crawl-limit",
    category: "performance",
    severity: "info",
    title: "Page not fully measured",
    why: "Tovholder stops at fixed limits (redirects, size per file and per run, files per page, time per request) so one storefront cannot exhaust the measurement; what lies beyond a limit is not counted, so the page is heavier or slower than the figures show.",
    fix: "Look at the files named: huge files, redirect chains and files that do not answer slow down real visitors too. Shrink, fix or remove them.",
  },
} as const satisfies Record<string, RuleDefinition>;

/** The two rules' texts in Danish. */
export const CRAWL_LIMIT_RULES_DA: Record<string, Pick<RuleDefinition, "title" | "why" | "fix">> = {
  [CRAWL_LIMIT_RULES.internalAddress.id]: {
    title: "Siden henviser til en intern netværksadresse",
    why: "Siden henter en fil fra en loopback-, privat eller link-local-adresse (som 127.0.0.1, 10.x.x.x eller 169.254.169.254). Besøgendes browsere kan ikke hente den fra butikken (eller rækker i stedet ind i deres eget netværk), og Tovholder henter den ikke.",
    fix: "Find adressen i temaets kode (Webshop → Temaer → ⋯ → Rediger kode), i produktbeskrivelsen eller i appens indstillinger, og erstat den med filens offentlige https://-adresse, eller fjern den.",
  },
  [CRAWL_LIMIT_RULES.crawlLimit.id]: {
    title: "Siden er ikke målt helt",
    why: "Tovholder stopper ved faste grænser (viderestillinger, størrelse pr. fil og pr. måling, filer pr. side, tid pr. forespørgsel), så én butik ikke kan opbruge målingen; det, der ligger ud over en grænse, tælles ikke med, så siden er tungere eller langsommere, end tallene viser.",
    fix: "Se på de nævnte filer: meget store filer, kæder af viderestillinger og filer, der ikke svarer, gør også siden langsom for rigtige besøgende. Gør dem mindre, ret dem eller fjern dem.",
  },
};

/** Page types in sentences: "home", "home and product", "home, cart and search". */
const PAGE_NAMES: Record<PageType, { en: string; da: string }> = {
  home: { en: "home", da: "forside" },
  collection: { en: "collection", da: "kollektion" },
  product: { en: "product", da: "produkt" },
  cart: { en: "cart", da: "kurv" },
  search: { en: "search", da: "søgning" },
};
const PAGE_LABELS: Record<PageType, { en: string; da: string }> = {
  home: { en: "Home page", da: "Forsiden" },
  collection: { en: "Collection page", da: "Kollektionssiden" },
  product: { en: "Product page", da: "Produktsiden" },
  cart: { en: "Cart page", da: "Kurvsiden" },
  search: { en: "Search page", da: "Søgesiden" },
};

function andList(items: string[], language: "en" | "da"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${language === "en" ? "and" : "og"} ${items.at(-1)}`;
}

/** "on the home and product pages" / "på forside og produkt". */
function onPages(types: PageType[], language: "en" | "da"): string {
  const names = andList(
    types.map((t) => PAGE_NAMES[t][language]),
    language,
  );
  if (language === "da") return `på ${types.length === 1 ? "siden" : "siderne"} ${names}`;
  return `on the ${names} page${types.length === 1 ? "" : "s"}`;
}

const bytesDa = (bytes: number) => formatBytes(bytes).replace(".", ",");
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const secondsDa = (ms: number) => seconds(ms).replace(".", ",");

/** Up to three URLs, then "and N more". */
function urlList(urls: string[], language: "en" | "da"): string {
  const shown = urls.slice(0, 3).join(", ");
  const more = urls.length - 3;
  if (more <= 0) return shown;
  return language === "en" ? `${shown} and ${more} more` : `${shown} og ${more} flere`;
}

const files = (n: number, language: "en" | "da") =>
  language === "en" ? `${n} file${n === 1 ? "" : "s"}` : `${n} ${n === 1 ? "fil" : "filer"}`;

/** The sentence for files one limit stopped, in both languages. */
function limitSentence(
  limit: Exclude<CrawlLimit, "internal-address">,
  urls: string[],
  types: PageType[],
  limits: CrawlLimits,
): { en: string; da: string } {
  const n = urls.length;
  const where = { en: onPages(types, "en"), da: onPages(types, "da") };
  const en = urlList(urls, "en");
  const da = urlList(urls, "da");
  switch (limit) {
    case "redirects":
      return {
        en: `${files(n, "en")} ${where.en} redirected more than ${limits.redirects} times; Tovholder stopped following and did not count ${n === 1 ? "it" : "them"}: ${en}`,
        da: `${files(n, "da")} ${where.da} viderestillede mere end ${limits.redirects} gange; Tovholder stoppede og talte ${n === 1 ? "den" : "dem"} ikke med: ${da}`,
      };
    case "resource-bytes":
      return {
        en: `${files(n, "en")} ${where.en} larger than ${formatBytes(limits.resourceBytes)}, counted only up to ${formatBytes(limits.resourceBytes)} each, so the pages weigh more than shown: ${en}`,
        da: `${files(n, "da")} ${where.da} større end ${bytesDa(limits.resourceBytes)}, kun talt med op til ${bytesDa(limits.resourceBytes)} hver, så siderne vejer mere end vist: ${da}`,
      };
    case "run-bytes":
      return {
        en: `${files(n, "en")} ${where.en} not (fully) downloaded because the measurement had reached ${formatBytes(limits.runBytes)}, its limit per run, so the pages weigh more than shown: ${en}`,
        da: `${files(n, "da")} ${where.da} ikke (helt) hentet, fordi målingen havde nået ${bytesDa(limits.runBytes)}, grænsen pr. måling, så siderne vejer mere end vist: ${da}`,
      };
    case "timeout":
      return {
        en: `${files(n, "en")} ${where.en} did not answer in full within ${seconds(limits.requestTimeoutMs)} and ${n === 1 ? "is" : "are"} not fully counted: ${en}`,
        da: `${files(n, "da")} ${where.da} svarede ikke helt inden for ${secondsDa(limits.requestTimeoutMs)} og er ikke talt helt med: ${da}`,
      };
  }
}

function unmeasuredReason(page: UnmeasuredPage, limits: CrawlLimits): { en: string; da: string } {
  switch (page.limit) {
    case "internal-address":
      return {
        en: "it leads to an internal network address, which Tovholder does not connect to",
        da: "den fører til en intern netværksadresse, som Tovholder ikke forbinder til",
      };
    case "redirects":
      return {
        en: `it redirected more than ${limits.redirects} times`,
        da: `den viderestillede mere end ${limits.redirects} gange`,
      };
    case "resource-bytes":
      return {
        en: `it is larger than ${formatBytes(limits.resourceBytes)}`,
        da: `den er større end ${bytesDa(limits.resourceBytes)}`,
      };
    case "run-bytes":
      return {
        en: `the measurement had reached ${formatBytes(limits.runBytes)}, its limit per run`,
        da: `målingen havde nået ${bytesDa(limits.runBytes)}, grænsen pr. måling`,
      };
    case "timeout":
      return {
        en: `it did not answer within ${seconds(limits.requestTimeoutMs)}`,
        da: `den svarede ikke inden for ${secondsDa(limits.requestTimeoutMs)}`,
      };
    default:
      return { en: page.detail, da: page.detail };
  }
}

export interface CrawlLimitFindingsInput {
  pages: PageFigures[];
  unmeasured?: UnmeasuredPage[];
  /** The limits the run used (default CRAWL_LIMITS). */
  limits?: CrawlLimits;
}

/** Distinct URLs stopped by `limit`, in page order, with the page types they are on. */
function stoppedBy(pages: PageFigures[], limit: CrawlLimit): { urls: string[]; types: PageType[] } {
  const urls: string[] = [];
  const types: PageType[] = [];
  for (const page of pages)
    for (const r of page.limits?.resources ?? []) {
      if (r.limit !== limit) continue;
      if (!urls.includes(r.url)) urls.push(r.url);
      if (!types.includes(page.type)) types.push(page.type);
    }
  return { urls, types };
}

/** A shop-level finding of `rule`, with its English message and its Danish one in the details. */
function limitFinding(
  rule: RuleDefinition,
  id: string,
  title: string,
  text: { en: string; da: string },
  details: Finding["details"],
): Finding {
  return {
    key: findingKey(rule.id, id),
    ruleId: rule.id,
    severity: rule.severity,
    category: rule.category,
    resource: { type: "shop", id, title },
    message: text.en,
    details: { ...details, messageDa: text.da },
    fixUrl: null,
  };
}

/** The files at internal network addresses (a warning), if any. */
function internalAddressFinding(pages: PageFigures[]): Finding | null {
  const internal = stoppedBy(pages, "internal-address");
  if (internal.urls.length === 0) return null;
  const n = internal.urls.length;
  return limitFinding(
    CRAWL_LIMIT_RULES.internalAddress,
    "internal-address",
    "Internal network addresses",
    {
      en: `${files(n, "en")} ${onPages(internal.types, "en")} ${n === 1 ? "is" : "are"} at internal network addresses, which Tovholder did not fetch and visitors' browsers cannot load from your store: ${urlList(internal.urls, "en")}`,
      da: `${files(n, "da")} ${onPages(internal.types, "da")} ligger på interne netværksadresser, som Tovholder ikke hentede, og som besøgendes browsere ikke kan hente fra butikken: ${urlList(internal.urls, "da")}`,
    },
    { urls: internal.urls, pages: internal.types },
  );
}

/** One finding per download limit that stopped a file (redirects, sizes, timeout). */
function downloadLimitFindings(pages: PageFigures[], limits: CrawlLimits): Finding[] {
  const findings: Finding[] = [];
  for (const limit of ["redirects", "resource-bytes", "run-bytes", "timeout"] as const) {
    const { urls, types } = stoppedBy(pages, limit);
    if (urls.length === 0) continue;
    findings.push(
      limitFinding(
        CRAWL_LIMIT_RULES.crawlLimit,
        `limit:${limit}`,
        "Measurement limits",
        limitSentence(limit, urls, types, limits),
        {
          limit,
          urls,
          pages: types,
          ...(limit === "redirects" && { maxRedirects: limits.redirects }),
          ...(limit === "resource-bytes" && { maxBytes: limits.resourceBytes }),
          ...(limit === "run-bytes" && { maxBytes: limits.runBytes }),
          ...(limit === "timeout" && { timeoutMs: limits.requestTimeoutMs }),
        },
      ),
    );
  }
  return findings;
}

/** Pages that refer to more files than are measured per page, if any. */
function resourcesPerPageFinding(pages: PageFigures[], limits: CrawlLimits): Finding | null {
  const crowded = pages.filter((p) => (p.limits?.omitted ?? 0) > 0);
  if (crowded.length === 0) return null;
  const each = (language: "en" | "da") =>
    andList(
      crowded.map((p) =>
        language === "en"
          ? `${PAGE_NAMES[p.type].en} ${p.limits?.referenced}`
          : `${PAGE_NAMES[p.type].da} ${p.limits?.referenced}`,
      ),
      language,
    );
  return limitFinding(
    CRAWL_LIMIT_RULES.crawlLimit,
    "limit:resources-per-page",
    "Measurement limits",
    {
      en: `Pages refer to more files than the ${limits.resourcesPerPage} measured per page (${each("en")}); the rest were not downloaded or counted`,
      da: `Siderne henviser til flere filer end de ${limits.resourcesPerPage}, der måles pr. side (${each("da")}); resten blev hverken hentet eller talt med`,
    },
    {
      limit: "resources-per-page",
      max: limits.resourcesPerPage,
      pages: crowded.map((p) => ({
        type: p.type,
        referenced: p.limits?.referenced ?? 0,
        omitted: p.limits?.omitted ?? 0,
      })),
    },
  );
}

/** Pages whose own HTML was read only up to the size limit, if any. */
function htmlTruncatedFinding(pages: PageFigures[], limits: CrawlLimits): Finding | null {
  const truncated = pages.filter((p) => p.limits?.htmlTruncated);
  if (truncated.length === 0) return null;
  const types = truncated.map((p) => p.type);
  return limitFinding(
    CRAWL_LIMIT_RULES.crawlLimit,
    "limit:html-bytes",
    "Measurement limits",
    {
      en: `The HTML of the ${andList(
        types.map((t) => PAGE_NAMES[t].en),
        "en",
      )} ${types.length === 1 ? "page is" : "pages are"} larger than ${formatBytes(limits.resourceBytes)}; only that much was read, so files referred to after it were not measured`,
      da: `HTML'en ${onPages(types, "da")} er større end ${bytesDa(limits.resourceBytes)}; kun så meget blev læst, så filer, der henvises til derefter, er ikke målt`,
    },
    { limit: "resource-bytes", pages: types, maxBytes: limits.resourceBytes },
  );
}

/** Pages the crawl meant to measure and could not load, if any. */
function unmeasuredFinding(unmeasured: UnmeasuredPage[], limits: CrawlLimits): Finding | null {
  if (unmeasured.length === 0) return null;
  const list = (language: "en" | "da") =>
    unmeasured
      .map(
        (p) =>
          `${PAGE_LABELS[p.type][language]} (${p.url}): ${unmeasuredReason(p, limits)[language]}`,
      )
      .join("; ");
  return limitFinding(
    CRAWL_LIMIT_RULES.crawlLimit,
    "limit:unmeasured",
    "Measurement limits",
    {
      en: `${unmeasured.length === 1 ? "A page" : `${unmeasured.length} pages`} could not be measured. ${list("en")}`,
      da: `${unmeasured.length === 1 ? "En side" : `${unmeasured.length} sider`} kunne ikke måles. ${list("da")}`,
    },
    {
      pages: unmeasured.map((p) => ({
        type: p.type,
        url: p.url,
        limit: p.limit,
        detail: p.detail,
      })),
    },
  );
}

/**
 * One finding per problem, over all page types: the files at internal addresses (a warning),
 * and one per limit reached (info), each naming the files, the page types and the limit.
 */
export function crawlLimitFindings(input: CrawlLimitFindingsInput): Finding[] {
  const limits = input.limits ?? CRAWL_LIMITS;
  const { pages } = input;
  return [
    internalAddressFinding(pages),
    ...downloadLimitFindings(pages, limits),
    resourcesPerPageFinding(pages, limits),
    htmlTruncatedFinding(pages, limits),
    unmeasuredFinding(input.unmeasured ?? [], limits),
  ].filter((f): f is Finding => f !== null);
}

/**
 * Whether a subresource was requested at all (and counts as a request): not when its address
 * was refused, nor when the run's byte budget was spent before it started (no status then).
 */
export function wasRequested(r: { limit?: CrawlLimit; status: number | null }): boolean {
  if (r.limit === "internal-address") return false;
  return !(r.limit === "run-bytes" && r.status === null);
}
