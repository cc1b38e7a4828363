/** `audit.run-shop`: one full audit of the shop, then its new critical findings as alerts. */
import type { JobContext } from "~/jobs/define";
import { enqueueAlerts } from "~/alerts/index.server";
import { findingAlerts } from "~/alerts";
import { enqueueJob } from "~/jobs/client.server";
import { checkoutSyntheticJob } from "~/jobs/definitions";

export interface AuditRunShopPayload {
  shop: string;
  trigger: "schedule" | "manual" | "install" | "cli";
}

export default async function auditRunShop(payload: AuditRunShopPayload, ctx: JobContext) {
  const { runShopAudit } = await import("~/product-qa/server/run-shop-audit.server");
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
  // The weekly audit also runs the checkout checks, on the snapshot it just stored, as a job of
  // their own (retried and shown on the Checkout page on their own); keyed by the audit run, so
  // a retried audit enqueues nothing twice.
  const checkout =
    payload.trigger === "schedule"
      ? await enqueueJob(
          checkoutSyntheticJob,
          {
            shop: payload.shop,
            trigger: "schedule",
            auditRunId: result.auditRunId,
            ...(result.summary.collection && { snapshotId: result.summary.collection.snapshotId }),
          },
          { key: `${checkoutSyntheticJob.id}:${payload.shop}:${result.auditRunId}` },
        )
      : null;
  return {
    auditRunId: result.auditRunId,
    newCriticalFindings: result.newCriticalFindings.length,
    alertsJobRunId: alerts?.id ?? null,
    checkoutJobRunId: checkout?.id ?? null,
  };
}
