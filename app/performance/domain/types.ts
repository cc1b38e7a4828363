/**
 * The performance audit's vocabulary: crawled pages and their resources, figures per page, the
 * app footprint, and what one run stores (PerfRun.results). Plain JSON throughout.
 */
import type { Finding } from "~/findings/types";
import type { CrawlLimit, PageLimitHits } from "./crawl-limits";

export const PAGE_TYPES = ["home", "collection", "product", "cart", "search"] as const;
export type PageType = (typeof PAGE_TYPES)[number];

export type ResourceType = "script" | "stylesheet" | "image" | "font" | "other";

/** A subresource a page's HTML references. */
export interface PageResource {
  /** Absolute URL. */
  url: string;
  type: ResourceType;
  /** Referenced inside <head>. */
  inHead: boolean;
  /** A script without async/defer/module, or a stylesheet for all media, in <head>. */
  renderBlocking: boolean;
}

/** A subresource after fetching it: bytes are the body's length as received (decoded). */
export interface FetchedResource extends PageResource {
  /** HTTP status, or null when the request failed (DNS, connection, timeout) or was not made. */
  status: number | null;
  bytes: number;
  /** The crawl limit that stopped this download, if one did (crawl-limits.ts). */
  limit?: CrawlLimit;
}

export interface CrawledPage {
  type: PageType;
  url: string;
  status: number;
  htmlBytes: number;
  resources: FetchedResource[];
  /** References beyond the per-page limit, not downloaded. */
  omittedResources?: number;
  /** The HTML was larger than the per-resource limit and was read only up to it. */
  htmlTruncated?: boolean;
}

export type Party = "first-party" | "third-party";

/** Who a URL belongs to: the shop (its domain and Shopify's hosts), a known app, or nobody known. */
export interface Attribution {
  host: string;
  party: Party;
  /** App name from the app-host list; null for first-party and for unknown hosts. */
  app: string | null;
}

export interface HostFigures extends Attribution {
  requests: number;
  bytes: number;
  scriptBytes: number;
}

export interface BlockingResource extends Attribution {
  url: string;
  type: ResourceType;
}

export interface PageFigures {
  type: PageType;
  url: string;
  status: number;
  htmlBytes: number;
  /** The HTML plus every subresource request. */
  requests: number;
  /** HTML + subresources. */
  totalBytes: number;
  bytesByType: Record<ResourceType | "html", number>;
  /** Largest first. */
  bytesByHost: HostFigures[];
  firstPartyBytes: number;
  thirdPartyBytes: number;
  /** JavaScript bytes from third-party hosts. */
  thirdPartyScriptBytes: number;
  imageBytes: number;
  renderBlocking: BlockingResource[];
  /** Subresources that answered an error (or nothing). */
  failed: { url: string; status: number | null }[];
  /** What the crawl limits left out of these figures; absent when nothing. */
  limits?: PageLimitHits;
}

/** An app embed (settings_data.json) or app block (templates, section groups) found in the theme. */
export interface ThemeAppReference {
  kind: "embed" | "block";
  handle: string;
  /** Block name inside the app (`reviews-embed`). */
  block: string;
  app: string;
  file: string;
  /** 1-based line of the block's `type` (absent in runs stored before theme files were parsed). */
  line?: number;
  enabled: boolean;
}

export interface AppFootprint {
  app: string;
  /** Enabled embeds and blocks (disabled ones are listed with enabled=false). */
  theme: ThemeAppReference[];
  scriptTags: string[];
  webPixel: boolean;
  hosts: string[];
  /** Distinct URLs loaded from the app's hosts over the crawled pages. */
  requests: number;
  bytes: number;
  scriptBytes: number;
  styleBytes: number;
  pages: PageType[];
}

export interface UnknownHost {
  host: string;
  requests: number;
  bytes: number;
  urls: string[];
  pages: PageType[];
  /** Where the theme's code writes this host in (file and line), when it does. */
  themeRefs?: { file: string; line: number }[];
}

export interface Leftover {
  file: string;
  /** 1-based. */
  line: number;
  url: string;
  host: string;
  app: string | null;
  /** How the host answered in the crawl (404 when the app's CDN no longer serves it), if loaded. */
  status: number | null;
  /** Every line of the file that loads from this host (the first is `line`). */
  lines?: number[];
  /** The JSON setting holding the code (a Custom Liquid section), or null for plain code. */
  setting?: string | null;
  /** Crawled page types whose templates render the file (settings_data: every page). */
  pages?: PageType[];
  /** Other templates that render it (`page`, `customers/account`). */
  templates?: string[];
  /** The files that pull it in, nearest first (`sections/main-product.liquid`, `templates/product.json`). */
  via?: string[];
}

export interface Footprint {
  apps: AppFootprint[];
  unknownHosts: UnknownHost[];
  leftovers: Leftover[];
}

/** One offence of Shopify's theme-check, as the audit keeps it. */
export interface ThemeCheckOffence {
  /** theme-check's check code (`ParserBlockingScript`). */
  check: string;
  /** theme-check's severity: 0 error, 1 warning, 2 info. */
  severity: number;
  message: string;
  file: string;
  /** 1-based. */
  line: number;
  /** The offending source text (whitespace collapsed, at most 160 characters). */
  source: string;
}

/** What was read of the published theme, and what it cost. */
export interface ThemeReadSummary {
  id: string;
  name: string;
  /** Code files read (bodies), and their bytes. */
  files: number;
  bytes: number;
  /** Asset files listed (names and sizes only). */
  assets: number;
  /** Admin API requests and query cost (actual points) spent on the theme. */
  requests: number;
  cost: number;
  /** Files listed but not read, with the reason (over a limit, served only as a URL). */
  skipped: { filename: string; reason: string }[];
  /** Files read only in part (unbalanced HTML, invalid JSON), with the reason. */
  problems: { file: string; message: string }[];
}

/** How theme-check went in this run. */
export type ThemeCheckSummary =
  | {
      status: "ran";
      /** Check codes that ran. */
      checks: string[];
      /** Recommended checks not run, with the reason. */
      notRun: Record<string, string>;
      /** Offences per check code (all of them, also those that are not reported as findings). */
      offences: Record<string, number>;
      /** Revision of the bundled Liquid docs theme-check used. */
      docsRevision: string | null;
      errors: string[];
      ms: number;
    }
  | { status: "failed" | "skipped"; reason: string; ms: number };

/** What a succeeded HTTP run stores in PerfRun.results. */
export interface PerfHttpResults {
  version: 1;
  pages: PageFigures[];
  footprint: Footprint;
  findings: Finding[];
  /** Compared with the previous succeeded run; empty for the first. */
  changes: PerfChange[];
  /**
   * When the run compared with: the previous succeeded run's start, or null for the first
   * measurement (absent in runs stored before this was recorded).
   */
  comparedWith?: string | null;
  /** The theme files read (absent in older runs). */
  theme?: ThemeReadSummary | null;
  /** Shopify's theme-check over those files (absent in older runs). */
  themeCheck?: ThemeCheckSummary;
  /** What the run could not see, in sentences (theme files not readable, …). */
  notes: string[];
}

export interface PerfChange {
  kind:
    | "embed-added"
    | "embed-removed"
    | "block-added"
    | "block-removed"
    | "script-bytes"
    | "page-bytes"
    | "finding-new"
    | "finding-resolved";
  message: string;
  /** Signed bytes for size changes. */
  delta?: number;
}
