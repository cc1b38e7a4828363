/** A shop's full-audit status for the dashboard: the current run, the last one, the next slot. */
import { nextWeeklySlot } from "~/time/slots";
import { getShopSettings } from "~/db/shop-settings.server";
import { activeJobRuns, listJobRuns } from "./client.server";
import { auditRunShopJob } from "./definitions";
import { formatInZone } from "~/format";
import { runJson, type RunJson } from "./run-json.server";

export interface AuditStatus {
  /** Server time of this status (ms): the UI keeps whichever copy is newest. */
  at: number;
  /** The run to follow live: the one running, else the next waiting one. */
  current: RunJson | null;
  /** The most recent run, whatever its outcome. */
  latest: RunJson | null;
  schedule: { enabled: boolean; next: string | null; timeZone: string };
}

export async function auditStatus(shop: string, now = new Date()): Promise<AuditStatus> {
  const [settings, active, [latest]] = await Promise.all([
    getShopSettings(shop),
    activeJobRuns(shop, auditRunShopJob.id),
    listJobRuns(shop, { limit: 1, jobId: auditRunShopJob.id }),
  ]);
  const { timeZone } = settings;
  const current =
    active.find((r) => r.status === "running") ?? active.find((r) => r.runAt <= now) ?? active[0];
  return {
    at: now.getTime(),
    current: current ? runJson(current, timeZone) : null,
    latest: latest ? runJson(latest, timeZone) : null,
    schedule: {
      enabled: settings.enabled,
      timeZone,
      next: settings.enabled ? formatInZone(nextWeeklySlot(settings, now).at, timeZone) : null,
    },
  };
}
