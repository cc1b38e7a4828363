import { enqueueJob } from "~/jobs/client.server";
import { alertsDeliverJob, type AlertItem } from "~/jobs/definitions";

/**
 * Hands a run's alerts to the `alerts.deliver` job, once per run (keyed by the run id): a retried
 * run that enqueues again changes nothing. Nothing to say = no job.
 */
export async function enqueueAlerts(input: {
  shop: string;
  runId: string;
  items: AlertItem[];
}): Promise<{ id: string; deduplicated: boolean } | null> {
  if (input.items.length === 0) return null;
  return enqueueJob(alertsDeliverJob, input, {
    key: `${alertsDeliverJob.id}:${input.shop}:${input.runId}`,
  });
}
