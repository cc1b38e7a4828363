/** A shop's full-audit status for the dashboard: the current run, the last one, the next slot. */
import { nextWeeklySlot } from "~/time/slots";
import { getShopSettings } from "~/db/shop-settings.server";
import { auditRunShopJob } from "./definitions";
import { formatInZone } from "~/format";
import { jobRunStatus, type JobRunStatus } from "./run-actions.server";

export interface AuditStatus extends JobRunStatus {
  schedule: { enabled: boolean; next: string | null; timeZone: string };
}

export async function auditStatus(shop: string, now = new Date()): Promise<AuditStatus> {
  const settings = await getShopSettings(shop);
  const { timeZone } = settings;
  return {
    ...(await jobRunStatus(shop, auditRunShopJob.id, now, timeZone)),
    schedule: {
      enabled: settings.enabled,
      timeZone,
      next: settings.enabled ? formatInZone(nextWeeklySlot(settings, now).at, timeZone) : null,
    },
  };
}
