/**
 * The scheduler: every minute, enqueues each installed shop's latest weekly audit slot and the
 * daily maintenance run, under deterministic run ids (app/time/slots.ts). Enqueueing
 * an id that exists changes nothing, so any number of schedulers (app instances, BullMQ
 * workers) may run at once, and a slot missed during downtime runs once — only the latest slot
 * is ever enqueued, never one per missed week.
 *
 * Under BullMQ it also re-delivers waiting runs to Redis (a wake-up lost when Redis was down or
 * the web process died between writing the run and notifying the queue).
 */
import { existingRunIds, runsToDeliver } from "~/jobs/models/job-runs.server";
import { listWeeklySettings } from "~/db/shop-settings.server";
import { listInstalledShops } from "~/db/shops.server";
import { dailyRunId, latestMonthlySlot, latestWeeklySlot, slotRunId } from "~/time/slots";
import { addMonths } from "~/time";
import { enqueueJob } from "./client.server";
import type { JobsConfig } from "./config.server";
import { auditRunShopJob, maintenanceCleanupJob, reportMonthlyJob } from "./definitions";
import { transportFor } from "./transport.server";

export interface ScheduleTickResult {
  enqueued: string[];
  redelivered: number;
}

/** The weekly audit runs due at `now` that do not exist yet. */
async function dueWeeklyAudits(now: Date): Promise<{ id: string; shop: string; at: Date }[]> {
  const shops = await listInstalledShops();
  const installedAt = new Map(shops.map((s) => [s.shop, s.installedAt]));
  const due = [];
  for (const settings of await listWeeklySettings(shops.map((s) => s.shop))) {
    if (!settings.enabled) continue;
    const slot = latestWeeklySlot(settings, now);
    // A slot from before the install, or before the schedule was last changed, was never missed.
    const since = Math.max(
      installedAt.get(settings.shop)?.getTime() ?? 0,
      settings.changedAt?.getTime() ?? 0,
    );
    if (slot.at.getTime() < since) continue;
    due.push({
      id: slotRunId(auditRunShopJob.id, settings.shop, slot),
      shop: settings.shop,
      at: slot.at,
    });
  }
  const existing = await existingRunIds(due.map((d) => d.id));
  return due.filter((d) => !existing.has(d.id));
}

/**
 * The monthly report runs due at `now` that do not exist yet: each installed shop's latest
 * monthly slot (the 1st at its weekly hour, shop time), for the month before the slot's.
 */
async function dueMonthlyReports(
  now: Date,
): Promise<{ id: string; shop: string; month: string; at: Date }[]> {
  const shops = await listInstalledShops();
  const installedAt = new Map(shops.map((s) => [s.shop, s.installedAt]));
  const due = [];
  for (const settings of await listWeeklySettings(shops.map((s) => s.shop))) {
    const slot = latestMonthlySlot(settings, now);
    // A slot from before the install was never missed (and its month has nothing to report).
    if (slot.at.getTime() < (installedAt.get(settings.shop)?.getTime() ?? 0)) continue;
    due.push({
      id: slotRunId(reportMonthlyJob.id, settings.shop, slot),
      shop: settings.shop,
      month: addMonths(slot.local.slice(0, 7), -1),
      at: slot.at,
    });
  }
  const existing = await existingRunIds(due.map((d) => d.id));
  return due.filter((d) => !existing.has(d.id));
}

export async function scheduleTick(
  config: JobsConfig,
  now = new Date(),
): Promise<ScheduleTickResult> {
  const enqueued: string[] = [];
  for (const run of await dueWeeklyAudits(now)) {
    const { deduplicated } = await enqueueJob(
      auditRunShopJob,
      { shop: run.shop, trigger: "schedule" },
      { key: run.id, runAt: run.at },
    );
    if (!deduplicated) enqueued.push(run.id);
  }
  for (const run of await dueMonthlyReports(now)) {
    const { deduplicated } = await enqueueJob(
      reportMonthlyJob,
      { shop: run.shop, month: run.month },
      { key: run.id, runAt: run.at },
    );
    if (!deduplicated) enqueued.push(run.id);
  }
  const cleanup = await enqueueJob(
    maintenanceCleanupJob,
    {},
    { key: dailyRunId(maintenanceCleanupJob.id, now) },
  );
  if (!cleanup.deduplicated) enqueued.push(cleanup.id);
  let redelivered = 0;
  if (config.provider === "bullmq") {
    const transport = await transportFor(config);
    const runs = await runsToDeliver({ now, horizonMs: config.schedulerMs, take: 10_000 });
    for (const run of runs)
      await transport.deliver(run, run.status === "running" ? now : run.runAt);
    redelivered = runs.length;
  }
  return { enqueued, redelivered };
}

/** Runs scheduleTick now and then every `schedulerMs`, one tick at a time. */
export class Scheduler {
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: JobsConfig,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    const run = () => {
      this.#tick = this.#tick.then(async () => {
        try {
          const { enqueued } = await scheduleTick(this.config);
          if (enqueued.length > 0)
            this.log(
              `scheduled ${enqueued.length}: ${enqueued.slice(0, 5).join(", ")}${enqueued.length > 5 ? ", …" : ""}`,
            );
        } catch (error) {
          this.log(`scheduler tick failed: ${(error as Error).message}`);
        }
      });
    };
    run();
    this.#timer = setInterval(run, this.config.schedulerMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#tick;
  }
}
