/**
 * What a finished audit run keeps in `AuditRun.summary`: counts per rule and per change class,
 * the rules that did not run and why, the health score with every number it is made of (so the
 * UI and reports can explain it), and what the collection read. Run history, the dashboard,
 * alerts and reports read this instead of opening the run's findings.
 */
import type { HealthScore } from "~/product-qa/domain/score";
import type { SkippedRule } from "~/findings/types";
import type { SnapshotGap, SnapshotSource } from "~/snapshot/domain/types";
import type { RunCounts, StoredRunFindings } from "./evaluate";

export const SUMMARY_VERSION = 1;

export interface CollectionStats {
  snapshotId: string;
  source: SnapshotSource;
  products: number;
  variants: number;
  media: number;
  /** What the collection could not read, and why. */
  gaps: SnapshotGap[];
  durationMs: number;
}

export interface AuditRunSummary {
  version: typeof SUMMARY_VERSION;
  kind: "full" | "product";
  /** The run's time (ISO 8601), the one history and suppressions were judged at. */
  at: string;
  /** kind "product": the product re-checked. */
  productId: string | null;
  counts: RunCounts;
  skipped: SkippedRule[];
  /** Per audit id, e.g. { "product-qa": { productsChecked, variantsChecked, rulesRun } }. */
  stats: Record<string, Record<string, number>>;
  /** Full runs only: per category and overall, with the numbers (score.ts `explainCategoryScore`). */
  score: HealthScore | null;
  /** Full runs only. */
  collection: CollectionStats | null;
  /** Why a product re-check changed nothing (no full run to compare with yet), else null. */
  note: string | null;
}

/** A stored summary, or null for one this code does not read (written by another version). */
export function parseSummary(value: unknown): AuditRunSummary | null {
  const s = value as Partial<AuditRunSummary> | null;
  return s !== null && typeof s === "object" && s.version === SUMMARY_VERSION
    ? (s as AuditRunSummary)
    : null;
}

export interface NewCriticalFinding {
  key: string;
  ruleId: string;
  message: string;
  productTitle: string | null;
  fixUrl: string | null;
}

/** Critical problems the run found for the first time (alerts): not suppressed, not seen before. */
export function newCriticalFindings(stored: StoredRunFindings): NewCriticalFinding[] {
  return stored.findings
    .filter((f) => f.change === "new" && f.severity === "critical" && !f.suppressed)
    .map((f) => ({
      key: f.key,
      ruleId: f.ruleId,
      message: f.message,
      productTitle: "productTitle" in f.resource ? f.resource.productTitle : null,
      fixUrl: f.fixUrl,
    }));
}

/** A run's stored findings, as written by the run services. */
export function parseStoredFindings(value: unknown): StoredRunFindings {
  const v = value as Partial<StoredRunFindings> | null;
  return {
    findings: Array.isArray(v?.findings) ? v.findings : [],
    fixed: Array.isArray(v?.fixed) ? v.fixed : [],
  };
}
