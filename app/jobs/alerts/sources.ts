/**
 * Alert sources: whatever a run found that the manager must hear about, as AlertItems. Each
 * source keys its items with its own prefix ("finding:", later "checkout:"), and the run that
 * found them passes them to `enqueueAlerts` (./enqueue.server.ts). Adding a source is one more
 * function here; delivery, deduplication and retries are shared.
 */
import type { AlertItem } from "../definitions";

/** runShopAudit's `newCriticalFindings`. */
export interface NewCriticalFinding {
  key: string;
  ruleId: string;
  message: string;
  productTitle: string | null;
  fixUrl: string | null;
}

export function findingAlerts(findings: readonly NewCriticalFinding[]): AlertItem[] {
  return findings.map((f) => ({
    key: `finding:${f.key}`,
    title: f.productTitle ?? f.ruleId,
    detail: f.message,
    url: f.fixUrl,
  }));
}
