/**
 * Alert sources: whatever a run found that the manager must hear about, as AlertItems. Each
 * source keys its items with its own prefix ("finding:", later "checkout:"), and the run that
 * found them passes them to `enqueueAlerts` (./enqueue.server.ts). Adding a source is one more
 * function here; delivery, deduplication and retries are shared.
 */
import type { AlertItem } from "~/jobs/definitions";

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

/** One checkout run as the checkout alerts compare it with the run before. */
export interface CheckoutRunForAlerts {
  runId: string;
  markets: {
    marketHandle: string;
    marketName: string;
    status: "pass" | "fail";
    reason: string | null;
    /** Why it failed (domain/checkout/synthetic.ts FailureKind), when known. */
    failure: string | null;
  }[];
  findings: {
    key: string;
    severity: string;
    message: string;
    fixUrl: string | null;
    title: string;
  }[];
}

/**
 * A checkout run's alerts: a market whose synthetic cart fails now but did not in the run before
 * (or that had no run before), and a critical readiness finding the run before did not have.
 * Keys carry the run that first saw the problem, so a problem is alerted once while it lasts and
 * again only after it went away and came back (delivery deduplicates by key per channel).
 */
export function checkoutAlerts(
  current: CheckoutRunForAlerts,
  previous: CheckoutRunForAlerts | null,
  marketUrl: (market: CheckoutRunForAlerts["markets"][number]) => string | null = () => null,
): AlertItem[] {
  const failedBefore = new Set(
    (previous?.markets ?? []).filter((m) => m.status === "fail").map((m) => m.marketHandle),
  );
  const criticalBefore = new Set(
    (previous?.findings ?? []).filter((f) => f.severity === "critical").map((f) => f.key),
  );
  const markets = current.markets
    .filter((m) => m.status === "fail" && !failedBefore.has(m.marketHandle))
    .map((m) => ({
      key: `checkout:market:${m.marketHandle}:${current.runId}`,
      title: `Checkout fails in ${m.marketName}`,
      detail: m.reason,
      url: marketUrl(m),
    }));
  const findings = current.findings
    .filter((f) => f.severity === "critical" && !criticalBefore.has(f.key))
    .map((f) => ({
      key: `checkout:finding:${f.key}:${current.runId}`,
      title: f.title,
      detail: f.message,
      url: f.fixUrl,
    }));
  return [...markets, ...findings];
}
