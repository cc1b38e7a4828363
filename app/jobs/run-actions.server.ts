/**
 * Run now, cancel and live status for any job a page can start: the one server half of every
 * run card (dashboard audit, checkout checks, storefront measurement, Lighthouse). A page's
 * action adds `runIntents(...)` to its form schema and hands those intents to `runIntent`.
 */
import { z } from "zod";
import type { JobDefinition } from "./define";
import { activeJobRuns, cancelJob, enqueueJob, getJobRun, listJobRuns } from "./client.server";
import { runJson, type RunJson } from "./run-json.server";
import { getShopSettings } from "~/db/shop-settings.server";

/** What "run" or "cancel" answered; the card shows the message. */
export interface RunActionResult {
  ok: boolean;
  message: string;
}

/** A job's live status: the run to follow and the last one. */
export interface JobRunStatus {
  /** Server time of this status (ms): the UI keeps whichever copy is newest. */
  at: number;
  /** The run to follow live: the one running, else the next waiting one. */
  current: RunJson | null;
  /** The most recent run, whatever its outcome. */
  latest: RunJson | null;
}

/** What a page says when its job is started or cancelled. */
export interface RunTexts {
  /** "An audit of this shop is already queued or running." */
  already: string;
  /** "Audit started. Progress shows below." */
  started: string;
  /** "Cancelling the audit. It stops at its next step." */
  cancelling: string;
}

/** A job a page can start by hand, with what the page says about it. */
export interface RunnableJob extends RunTexts {
  id: string;
  enqueue(shop: string): Promise<unknown>;
}

/** `job` started by hand ("Run now": trigger "manual") from a page that says `texts`. */
export function runnable<P>(
  job: JobDefinition<P>,
  manual: (shop: string) => P,
  texts: RunTexts,
): RunnableJob {
  return { ...texts, id: job.id, enqueue: (shop) => enqueueJob(job, manual(shop)) };
}

type JobIds = [string, ...string[]];

/**
 * The "run" and "cancel" intents for the page's jobs. `job` names which one (the first when
 * absent, so a page with one job needs no field for it); `runId` is required to cancel.
 */
export function runIntents<const Ids extends JobIds>(ids: Ids) {
  const job = z.enum(ids).default(ids[0]);
  return [
    z.object({ intent: z.literal("run"), job }),
    z.object({ intent: z.literal("cancel"), job, runId: z.string().min(1) }),
  ] as const;
}

export type RunIntent =
  { intent: "run"; job: string } | { intent: "cancel"; job: string; runId: string };

/** Starts or cancels one of `jobs` for `shop`, as the intent says. */
export async function runIntent(
  shop: string,
  intent: RunIntent,
  jobs: readonly RunnableJob[],
): Promise<RunActionResult> {
  const runnable = jobs.find((j) => j.id === intent.job);
  if (!runnable) return { ok: false, message: "That job cannot be run from this page." };
  return intent.intent === "run"
    ? startJobRun(shop, runnable)
    : cancelJobRun(shop, runnable, intent.runId);
}

export async function startJobRun(shop: string, runnable: RunnableJob): Promise<RunActionResult> {
  if ((await activeJobRuns(shop, runnable.id)).length > 0)
    return { ok: false, message: runnable.already };
  await runnable.enqueue(shop);
  return { ok: true, message: runnable.started };
}

export async function cancelJobRun(
  shop: string,
  runnable: RunnableJob,
  runId: string,
): Promise<RunActionResult> {
  const run = await getJobRun(runId);
  // Only this shop's runs of this job: the id comes from the browser.
  if (run === null || run.shop !== shop || run.jobId !== runnable.id)
    return { ok: false, message: "That run does not exist for this shop." };
  return (await cancelJob(runId))
    ? { ok: true, message: runnable.cancelling }
    : { ok: false, message: "The run had already finished." };
}

/** The live status of `jobId` for `shop`, times in the shop's time zone (or `timeZone`). */
export async function jobRunStatus(
  shop: string,
  jobId: string,
  now = new Date(),
  timeZone?: string,
): Promise<JobRunStatus> {
  const [zone, active, [latest]] = await Promise.all([
    timeZone ?? getShopSettings(shop).then((s) => s.timeZone),
    activeJobRuns(shop, jobId),
    listJobRuns(shop, { limit: 1, jobId }),
  ]);
  const current =
    active.find((r) => r.status === "running") ?? active.find((r) => r.runAt <= now) ?? active[0];
  return {
    at: now.getTime(),
    current: current ? runJson(current, zone) : null,
    latest: latest ? runJson(latest, zone) : null,
  };
}
