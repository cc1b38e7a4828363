/** `alerts.deliver`: sends a run's alerts (see ../alerts/deliver.server.ts). */
import type { JobContext } from "~/jobs/define";
import type { AlertItem } from "~/jobs/definitions";
import { deliverAlerts } from "../server/deliver.server";

export default async function alertsDeliver(
  payload: { shop: string; runId: string; items: AlertItem[] },
  ctx: JobContext,
) {
  await ctx.progress("sending", 0);
  return { channels: await deliverAlerts(payload, ctx.signal) };
}
