/**
 * The pure part of Lighthouse lab runs (decision 010): reading a Lighthouse result, the medians
 * of N runs of one page, the representative run, and the weighted store score Shopify uses for
 * app impact. Running Lighthouse is app/performance/server/lighthouse.server.ts.
 *
 * Median run: Lighthouse's run-to-run variance is large, so each page is measured N times
 * (default 3) and the run closest to the medians of the two heaviest-weighted metrics (LCP and
 * TBT) is kept — the approach of Lighthouse's own `computeMedianRun` (which uses FCP and TTI),
 * applied to the metrics that matter most for the v10+ score. A real run is kept, never an
 * average of runs, so its score and metrics belong together.
 */
import type { PageType } from "./types";

export const DEFAULT_LIGHTHOUSE_RUNS = 3;

export interface LighthouseResult {
  /** Performance score 0–100. */
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

/** Shopify's store speed weights: home 17 %, product 40 %, collection 43 %. */
export const STORE_SCORE_WEIGHTS = { home: 0.17, product: 0.4, collection: 0.43 } as const;
export type WeightedPage = keyof typeof STORE_SCORE_WEIGHTS;

/** The median of the values (mean of the middle two for an even count); 0 for none. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The run closest to the median LCP and TBT (each distance relative to its median); ties: the earlier run. */
export function medianRun<T extends LighthouseResult>(runs: T[]): T {
  if (runs.length === 0) throw new Error("medianRun needs at least one run");
  const lcp = median(runs.map((r) => r.lcpMs));
  const tbt = median(runs.map((r) => r.tbtMs));
  const distance = (r: T) => Math.hypot((r.lcpMs - lcp) / (lcp || 1), (r.tbtMs - tbt) / (tbt || 1));
  let best = runs[0] as T;
  for (const r of runs) if (distance(r) < distance(best)) best = r;
  return best;
}

/** The weighted store score (0–100, rounded), or null unless home, product and collection were measured. */
export function storeScore(scores: Partial<Record<PageType, number>>): number | null {
  let total = 0;
  for (const [page, weight] of Object.entries(STORE_SCORE_WEIGHTS) as [WeightedPage, number][]) {
    const score = scores[page];
    if (score === undefined) return null;
    total += score * weight;
  }
  return Math.round(total);
}

/** The page types Lighthouse measures: the three the store score weights. */
export const LIGHTHOUSE_PAGES: readonly WeightedPage[] = ["home", "collection", "product"];

/** The few parts of a Lighthouse result (LHR) read here. */
export interface LighthouseReport {
  lighthouseVersion?: string;
  finalDisplayedUrl?: string;
  runtimeError?: { code?: string; message?: string };
  runWarnings?: string[];
  categories?: { performance?: { score?: number | null } };
  audits?: Record<string, { numericValue?: number } | undefined>;
}

/** Score and metrics of one Lighthouse run; throws when the run produced no performance score. */
export function lighthouseMetrics(report: LighthouseReport): LighthouseResult {
  const score = report.categories?.performance?.score;
  const value = (id: string) => report.audits?.[id]?.numericValue;
  const lcp = value("largest-contentful-paint");
  const tbt = value("total-blocking-time");
  const cls = value("cumulative-layout-shift");
  if (typeof score !== "number" || lcp === undefined || tbt === undefined || cls === undefined)
    throw new Error(
      `Lighthouse produced no performance score${
        report.runtimeError?.message ? `: ${report.runtimeError.message}` : ""
      }`,
    );
  return {
    score: Math.round(score * 100),
    lcpMs: Math.round(lcp),
    tbtMs: Math.round(tbt),
    cls: Math.round(cls * 1000) / 1000,
  };
}

export interface LighthousePageResult {
  type: WeightedPage;
  url: string;
  /** Every run, in order. */
  runs: LighthouseResult[];
  /** The median of each figure over the runs (the figures shown). */
  median: LighthouseResult;
  /** Index in `runs` of the run closest to the median LCP and TBT (medianRun). */
  representativeRun: number;
}

/** What a Lighthouse PerfRun stores in `results` (version 1). */
export interface PerfLighthouseResults {
  version: 1;
  kind: "lighthouse";
  /** Lighthouse's default (mobile: emulated Moto G Power, simulated slow 4G). */
  formFactor: "mobile";
  runsPerPage: number;
  lighthouseVersion: string | null;
  pages: LighthousePageResult[];
  /** Weighted store score, null unless home, collection and product were measured. */
  storeScore: number | null;
  notes: string[];
  /**
   * Real-user Core Web Vitals from the unstable Admin API (decision 012), only when
   * TOVHOLDER_UNSTABLE_WEB_VITALS=1: Shopify's metric entries as returned, or why they are missing.
   */
  realUser?:
    | { apiVersion: "unstable"; devices: { deviceType: string; metrics: unknown[] }[] }
    | { error: string };
}

/** One page's runs summarised: median per figure, and the representative run. */
export function summarisePage(
  type: WeightedPage,
  url: string,
  runs: LighthouseResult[],
): LighthousePageResult {
  const representative = medianRun(runs);
  return {
    type,
    url,
    runs,
    median: {
      score: Math.round(median(runs.map((r) => r.score))),
      lcpMs: Math.round(median(runs.map((r) => r.lcpMs))),
      tbtMs: Math.round(median(runs.map((r) => r.tbtMs))),
      cls: Math.round(median(runs.map((r) => r.cls)) * 1000) / 1000,
    },
    representativeRun: runs.indexOf(representative),
  };
}

/** The store score over the pages' median scores. */
export function lighthouseStoreScore(pages: LighthousePageResult[]): number | null {
  return storeScore(Object.fromEntries(pages.map((p) => [p.type, p.median.score])));
}
