/**
 * `maintenance.cleanup` (daily): drops what is past its retention — snapshots
 * (SNAPSHOT_RETENTION_DAYS), finished job runs (JOB_RUN_RETENTION_DAYS), sent alerts
 * (ALERT_RETENTION_DAYS) and raw checkout events (CHECKOUT_EVENT_RETENTION_DAYS; their daily
 * roll-ups stay). Deleting by age is idempotent, so a retried run is harmless.
 */
import { env } from "~/env.server";
import { deleteAlertsOlderThan } from "~/alerts/index.server";
import { deleteCheckoutEventsOlderThan } from "~/checkout/index.server";
import { deleteFinishedRunsOlderThan } from "~/jobs/models/job-runs.server";
import { deleteSnapshotsOlderThan } from "~/snapshot/models/snapshots.server";
import type { JobContext } from "../define";

export default async function maintenanceCleanup(_payload: object, ctx: JobContext) {
  const { retention } = env();
  const now = new Date();
  await ctx.progress("snapshots", 0);
  const snapshots = await deleteSnapshotsOlderThan(retention.snapshotDays, now);
  await ctx.progress("job runs", 40);
  const jobRuns = await deleteFinishedRunsOlderThan(retention.jobRunDays, now);
  await ctx.progress("alerts", 60);
  const alerts = await deleteAlertsOlderThan(retention.alertDays, now);
  await ctx.progress("checkout events", 80);
  const checkoutEvents = await deleteCheckoutEventsOlderThan(retention.checkoutEventDays, now);
  await ctx.progress("done", 100);
  return { snapshots, jobRuns, alerts, checkoutEvents, retention };
}
