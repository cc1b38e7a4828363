/**
 * The performance audit's vocabulary: crawled pages and their resources, figures per page, the
 * app footprint, and what one run stores (PerfRun.results). Plain JSON throughout.
 */
import type { Finding } from "~/domain/audit/types";
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

/** An app embed (settings_data.json) or app block (templates) found in the theme. */
export interface ThemeAppReference {
  kind: "embed" | "block";
  handle: string;
  /** Block name inside the app (`reviews-embed`). */
  block: string;
  app: string;
  file: string;
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
}

export interface Footprint {
  apps: AppFootprint[];
  unknownHosts: UnknownHost[];
  leftovers: Leftover[];
}

/** What a succeeded HTTP run stores in PerfRun.results. */
export interface PerfHttpResults {
  version: 1;
  pages: PageFigures[];
  footprint: Footprint;
  findings: Finding[];
  /** Compared with the previous succeeded run; empty for the first. */
  changes: PerfChange[];
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
