/**
 * `maintenance.cleanup` (daily): drops what is past its retention — snapshots
 * (SNAPSHOT_RETENTION_DAYS), finished job runs (JOB_RUN_RETENTION_DAYS) and sent alerts
 * (ALERT_RETENTION_DAYS). Deleting by age is idempotent, so a retried run is harmless.
 */
import { env } from "~/env.server";
import { deleteAlertsOlderThan } from "~/models/alerts.server";
import { deleteFinishedRunsOlderThan } from "~/models/job-runs.server";
import { deleteSnapshotsOlderThan } from "~/models/snapshots.server";
import type { JobContext } from "../define";

export default async function maintenanceCleanup(_payload: object, ctx: JobContext) {
  const { retention } = env();
  const now = new Date();
  await ctx.progress("snapshots", 0);
  const snapshots = await deleteSnapshotsOlderThan(retention.snapshotDays, now);
  await ctx.progress("job runs", 40);
  const jobRuns = await deleteFinishedRunsOlderThan(retention.jobRunDays, now);
  await ctx.progress("alerts", 70);
  const alerts = await deleteAlertsOlderThan(retention.alertDays, now);
  await ctx.progress("done", 100);
  return { snapshots, jobRuns, alerts, retention };
}
