/**
 * The pure part of Lighthouse lab runs (decision 010): choosing the representative of N runs of
 * one page, and the weighted store score Shopify uses for app impact. Running Lighthouse itself
 * is not built yet; these functions are what its results will go through.
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

function median(values: number[]): number {
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
