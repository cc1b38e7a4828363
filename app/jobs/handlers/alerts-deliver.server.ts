/** `alerts.deliver`: sends a run's alerts (see ../alerts/deliver.server.ts). */
import type { JobContext } from "../define";
import type { AlertItem } from "../definitions";
import { deliverAlerts } from "../alerts/deliver.server";

export default async function alertsDeliver(
  payload: { shop: string; runId: string; items: AlertItem[] },
  ctx: JobContext,
) {
  await ctx.progress("sending", 0);
  return { channels: await deliverAlerts(payload, ctx.signal) };
}
