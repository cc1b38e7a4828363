/** `audit.run-shop`: one full audit of the shop, then its new critical findings as alerts. */
import type { JobContext } from "../define";
import { enqueueAlerts } from "../alerts/enqueue.server";
import { findingAlerts } from "../alerts/sources";

export interface AuditRunShopPayload {
  shop: string;
  trigger: "schedule" | "manual" | "install" | "cli";
}

export default async function auditRunShop(payload: AuditRunShopPayload, ctx: JobContext) {
  const { runShopAudit } = await import("~/services/audit/run-shop-audit.server");
  const result = await runShopAudit({
    shop: payload.shop,
    trigger: payload.trigger,
    jobRunId: ctx.jobRunId,
    signal: ctx.signal,
    onProgress: (phase, percent) => ctx.progress(phase, percent),
  });
  // Enqueued before this run is marked succeeded: a crash in between retries the audit, and the
  // delivery job's key (the audit run id) keeps one delivery per audit run.
  const alerts = await enqueueAlerts({
    shop: payload.shop,
    runId: result.auditRunId,
    items: findingAlerts(result.newCriticalFindings),
  });
  return {
    auditRunId: result.auditRunId,
    newCriticalFindings: result.newCriticalFindings.length,
    alertsJobRunId: alerts?.id ?? null,
  };
}
