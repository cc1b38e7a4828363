/**
 * The storefront crawl's limits (decision 016) and the findings that say when one was reached.
 * A storefront's HTML is the merchant's (theme files, product descriptions, app script tags):
 * it decides what the crawl downloads, so every download is bounded, and a measurement that hit
 * a bound says so instead of showing a page lighter than it is.
 *
 * Texts in English (`message`) and Danish (`details.messageDa`, and CRAWL_LIMIT_RULES_DA).
 */
import { findingKey } from "~/domain/audit/finding-key";
import type { Finding, RuleDefinition } from "~/domain/audit/types";
import { formatBytes } from "./analysis";
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
    fix: "Find adressen i temaets kode (Onlinebutik → Temaer → ⋯ → Rediger kode), i produktbeskrivelsen eller i appens indstillinger, og erstat den med filens offentlige https://-adresse, eller fjern den.",
  },
  [CRAWL_LIMIT_RULES.crawlLimit.id]: {
    title: "Siden er ikke målt helt",
    why: "Tovholder stopper ved faste grænser (viderestillinger, størrelse pr. fil og pr. måling, filer pr. side, tid pr. forespørgsel), så én butik ikke kan opbruge målingen; det, der ligger ud over en grænse, tælles ikke med, så siden er tungere eller langsommere, end tallene viser.",
    fix: "Se på de nævnte filer: meget store filer, kæder af viderestillinger og filer, der ikke svarer, gør også siden langsom for rigtige besøgende. Gør dem mindre, ret dem eller fjern dem.",
  },
};

const LABELS: Record<PageType, { en: string; da: string }> = {
  home: { en: "Home page", da: "Forsiden" },
  collection: { en: "Collection page", da: "Kollektionssiden" },
  product: { en: "Product page", da: "Produktsiden" },
  cart: { en: "Cart page", da: "Kurvsiden" },
  search: { en: "Search page", da: "Søgesiden" },
};

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

/** One sentence per limit, in both languages, about `urls` of a page. */
function limitSentences(
  limit: Exclude<CrawlLimit, "internal-address">,
  label: { en: string; da: string },
  urls: string[],
  limits: CrawlLimits,
): { en: string; da: string } {
  const n = urls.length;
  const en = urlList(urls, "en");
  const da = urlList(urls, "da");
  switch (limit) {
    case "redirects":
      return {
        en: `${label.en}: ${files(n, "en")} redirected more than ${limits.redirects} times; Tovholder stopped following and did not count ${n === 1 ? "it" : "them"}: ${en}`,
        da: `${label.da}: ${files(n, "da")} viderestillede mere end ${limits.redirects} gange; Tovholder stoppede og talte ${n === 1 ? "den" : "dem"} ikke med: ${da}`,
      };
    case "resource-bytes":
      return {
        en: `${label.en}: ${files(n, "en")} larger than ${formatBytes(limits.resourceBytes)}, counted only up to ${formatBytes(limits.resourceBytes)} each, so the page weighs more than shown: ${en}`,
        da: `${label.da}: ${files(n, "da")} større end ${bytesDa(limits.resourceBytes)}, kun talt med op til ${bytesDa(limits.resourceBytes)} hver, så siden vejer mere end vist: ${da}`,
      };
    case "run-bytes":
      return {
        en: `${label.en}: ${files(n, "en")} not (fully) downloaded because the measurement had reached ${formatBytes(limits.runBytes)}, its limit per run, so the page weighs more than shown: ${en}`,
        da: `${label.da}: ${files(n, "da")} ikke (helt) hentet, fordi målingen havde nået ${bytesDa(limits.runBytes)}, grænsen pr. måling, så siden vejer mere end vist: ${da}`,
      };
    case "timeout":
      return {
        en: `${label.en}: ${files(n, "en")} did not answer in full within ${seconds(limits.requestTimeoutMs)} and ${n === 1 ? "is" : "are"} not fully counted: ${en}`,
        da: `${label.da}: ${files(n, "da")} svarede ikke helt inden for ${secondsDa(limits.requestTimeoutMs)} og er ikke talt helt med: ${da}`,
      };
  }
}

function unmeasuredSentence(page: UnmeasuredPage, limits: CrawlLimits): { en: string; da: string } {
  const label = LABELS[page.type];
  const why: Record<CrawlLimit | "other", { en: string; da: string }> = {
    "internal-address": {
      en: "it leads to an internal network address, which Tovholder does not connect to",
      da: "den fører til en intern netværksadresse, som Tovholder ikke forbinder til",
    },
    redirects: {
      en: `it redirected more than ${limits.redirects} times`,
      da: `den viderestillede mere end ${limits.redirects} gange`,
    },
    "resource-bytes": {
      en: `it is larger than ${formatBytes(limits.resourceBytes)}`,
      da: `den er større end ${bytesDa(limits.resourceBytes)}`,
    },
    "run-bytes": {
      en: `the measurement had reached ${formatBytes(limits.runBytes)}, its limit per run`,
      da: `målingen havde nået ${bytesDa(limits.runBytes)}, grænsen pr. måling`,
    },
    timeout: {
      en: `it did not answer within ${seconds(limits.requestTimeoutMs)}`,
      da: `den svarede ikke inden for ${secondsDa(limits.requestTimeoutMs)}`,
    },
    other: { en: page.detail, da: page.detail },
  };
  const reason = why[page.limit ?? "other"];
  return {
    en: `${label.en} (${page.url}) could not be measured: ${reason.en}`,
    da: `${label.da} (${page.url}) kunne ikke måles: ${reason.da}`,
  };
}

export interface CrawlLimitFindingsInput {
  pages: PageFigures[];
  unmeasured?: UnmeasuredPage[];
  /** The limits the run used (default CRAWL_LIMITS). */
  limits?: CrawlLimits;
}

/** One finding per page and limit reached; internal addresses are a warning of their own. */
export function crawlLimitFindings(input: CrawlLimitFindingsInput): Finding[] {
  const limits = input.limits ?? CRAWL_LIMITS;
  const findings: Finding[] = [];
  const emit = (
    rule: RuleDefinition,
    page: PageType,
    kind: string,
    text: { en: string; da: string },
    details: Finding["details"],
  ) => {
    const id = `page:${page}:${kind}`;
    findings.push({
      key: findingKey(rule.id, id),
      ruleId: rule.id,
      severity: rule.severity,
      category: rule.category,
      resource: { type: "shop", id, title: LABELS[page].en },
      message: text.en,
      details: { ...details, messageDa: text.da },
      fixUrl: null,
    });
  };

  for (const page of input.pages) {
    const hits = page.limits;
    if (!hits) continue;
    const label = LABELS[page.type];
    const byLimit = new Map<CrawlLimit, string[]>();
    for (const r of hits.resources) byLimit.set(r.limit, [...(byLimit.get(r.limit) ?? []), r.url]);

    const internal = byLimit.get("internal-address") ?? [];
    if (internal.length > 0)
      emit(
        CRAWL_LIMIT_RULES.internalAddress,
        page.type,
        "internal-address",
        {
          en: `${label.en} refers to ${files(internal.length, "en")} at internal network addresses, which Tovholder did not fetch and visitors' browsers cannot load from your store: ${urlList(internal, "en")}`,
          da: `${label.da} henviser til ${files(internal.length, "da")} på interne netværksadresser, som Tovholder ikke hentede, og som besøgendes browsere ikke kan hente fra butikken: ${urlList(internal, "da")}`,
        },
        { url: page.url, urls: internal },
      );
    for (const limit of ["redirects", "resource-bytes", "run-bytes", "timeout"] as const) {
      const urls = byLimit.get(limit) ?? [];
      if (urls.length === 0) continue;
      emit(
        CRAWL_LIMIT_RULES.crawlLimit,
        page.type,
        limit,
        limitSentences(limit, label, urls, limits),
        {
          url: page.url,
          limit,
          urls,
          ...(limit === "redirects" && { maxRedirects: limits.redirects }),
          ...(limit === "resource-bytes" && { maxBytes: limits.resourceBytes }),
          ...(limit === "run-bytes" && { maxBytes: limits.runBytes }),
          ...(limit === "timeout" && { timeoutMs: limits.requestTimeoutMs }),
        },
      );
    }
    if (hits.omitted > 0) {
      const total = hits.referenced;
      emit(
        CRAWL_LIMIT_RULES.crawlLimit,
        page.type,
        "resources-per-page",
        {
          en: `${label.en} refers to ${total} files; only the first ${limits.resourcesPerPage} were considered and ${hits.omitted} were not downloaded or counted`,
          da: `${label.da} henviser til ${total} filer; kun de første ${limits.resourcesPerPage} blev taget med, og ${hits.omitted} blev hverken hentet eller talt med`,
        },
        {
          url: page.url,
          limit: "resources-per-page",
          omitted: hits.omitted,
          max: limits.resourcesPerPage,
        },
      );
    }
    if (hits.htmlTruncated)
      emit(
        CRAWL_LIMIT_RULES.crawlLimit,
        page.type,
        "html-bytes",
        {
          en: `${label.en}: its HTML is larger than ${formatBytes(limits.resourceBytes)}; only that much was read, so files referenced after it were not measured`,
          da: `${label.da}: sidens HTML er større end ${bytesDa(limits.resourceBytes)}; kun så meget blev læst, så filer, der henvises til derefter, er ikke målt`,
        },
        { url: page.url, limit: "resource-bytes", maxBytes: limits.resourceBytes },
      );
  }

  for (const page of input.unmeasured ?? [])
    emit(
      page.limit === "internal-address"
        ? CRAWL_LIMIT_RULES.internalAddress
        : CRAWL_LIMIT_RULES.crawlLimit,
      page.type,
      "unmeasured",
      unmeasuredSentence(page, limits),
      { url: page.url, limit: page.limit, detail: page.detail },
    );
  return findings;
}

/**
 * Whether a subresource was requested at all (and counts as a request): not when its address
 * was refused, nor when the run's byte budget was spent before it started (no status then).
 */
export function wasRequested(r: { limit?: CrawlLimit; status: number | null }): boolean {
  if (r.limit === "internal-address") return false;
  return !(r.limit === "run-bytes" && r.status === null);
}
