/**
 * The job system as the app uses it: enqueue, cancel, read runs. Works the same under both
 * providers (docs/decisions/007-jobs.md): the run is written to JobRun first, then the
 * provider's transport is told, so a run is never lost between the two.
 */
import { randomUUID } from "node:crypto";
import {
  activeJobRunRows,
  createJobRun,
  getJobRunRow,
  listJobRunRows,
  requestCancel,
  type JobRunRow,
  type JobStatus,
} from "~/jobs/models/job-runs.server";
import { jobsConfig } from "./config.server";
import type { JobDefinition } from "./define";
import { transportFor, type JobTransport } from "./transport.server";

export interface EnqueueOptions {
  /** Idempotency: the run's id. Enqueueing the same key again returns the existing run. */
  key?: string;
  /** Not before (default: now). */
  runAt?: Date;
  /** Overrides the shop taken from the payload's `shop` field. */
  shop?: string;
}

/** A wake-up that cannot be sent in this time is left to the scheduler's re-delivery. */
const DELIVER_TIMEOUT_MS = 5000;

async function transport(): Promise<JobTransport> {
  return transportFor(jobsConfig());
}

export async function enqueueJob<P>(
  definition: JobDefinition<P>,
  payload: P,
  options: EnqueueOptions = {},
): Promise<{ id: string; deduplicated: boolean }> {
  const valid = definition.payload.parse(payload);
  const id = options.key ?? `${definition.id}:${randomUUID()}`;
  const runAt = options.runAt ?? new Date();
  const shop = options.shop ?? definition.shopOf(valid);
  const result = await createJobRun({
    id,
    shop,
    jobId: definition.id,
    jobVersion: definition.version,
    payload: JSON.stringify(valid),
    runAt,
    maxAttempts: definition.maxAttempts,
    concurrencyKey: definition.concurrencyKey(valid),
  });
  if (!result.deduplicated) await wake({ id, shop, attempts: 0 }, runAt);
  return result;
}

async function wake(run: { id: string; shop: string; attempts: number }, at: Date) {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport().then((t) => t.deliver(run, at)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), DELIVER_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    // The run is stored as queued; workers find it anyway (poll, or the scheduler's re-delivery).
    console.error(`[jobs] could not notify workers of ${run.id}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Cancels a run: a waiting run is cancelled at once; a running run's handler is aborted (its
 * AbortSignal fires) and the run ends `cancelled`. false = no such run, or already finished.
 */
export async function cancelJob(id: string): Promise<boolean> {
  const row = await getJobRunRow(id);
  if (row === null) return false;
  const outcome = await requestCancel(id);
  if (outcome === false) return false;
  const t = await transport();
  if (outcome === "cancelled") await t.discard(row).catch(() => undefined);
  else t.abortLocal(id);
  return true;
}

/** shop/redact: removes the shop's pending messages from the transport (Redis under BullMQ). */
export async function discardShopJobs(shop: string): Promise<number> {
  return (await transport()).discardShop(shop);
}

export interface JobRunView {
  id: string;
  shop: string;
  jobId: string;
  status: JobStatus;
  /** The payload's `trigger` (schedule, manual, …) when it has one. */
  trigger: string | null;
  phase: string | null;
  progress: number;
  attempts: number;
  maxAttempts: number;
  error: string | null;
  cancelRequested: boolean;
  runAt: Date;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

function view(row: JobRunRow): JobRunView {
  let trigger: string | null = null;
  try {
    const value = (JSON.parse(row.payload) as { trigger?: unknown }).trigger;
    if (typeof value === "string") trigger = value;
  } catch {
    // A payload is always JSON we wrote; a damaged one just shows no trigger.
  }
  return {
    id: row.id,
    shop: row.shop,
    jobId: row.jobId,
    status: row.status as JobStatus,
    trigger,
    phase: row.phase,
    progress: row.progress,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    error: row.error,
    cancelRequested: row.cancelRequested,
    runAt: row.runAt,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export async function getJobRun(id: string): Promise<JobRunView | null> {
  const row = await getJobRunRow(id);
  return row ? view(row) : null;
}

/** The shop's runs, newest first (optionally of one job). */
export async function listJobRuns(
  shop: string,
  { limit, jobId }: { limit: number; jobId?: string },
): Promise<JobRunView[]> {
  return (await listJobRunRows(shop, { limit, jobId })).map(view);
}

/** The shop's waiting or running runs of a job, oldest first. */
export async function activeJobRuns(shop: string, jobId: string): Promise<JobRunView[]> {
  return (await activeJobRunRows(shop, jobId)).map(view);
}
