/**
 * Job runs as the UI receives them: plain JSON, times as ISO strings. The components format them
 * in the shop's time zone from the parent route (~/ui/shop-settings), with an explicit locale and
 * zone, so server and browser render the same text.
 */
import type { JobRunView } from "./client.server";

export interface RunJson {
  id: string;
  jobId: string;
  status: JobRunView["status"];
  trigger: string | null;
  phase: string | null;
  progress: number;
  attempts: number;
  maxAttempts: number;
  error: string | null;
  cancelRequested: boolean;
  /** ISO. */
  createdAt: string;
  startedAt: string | null;
  /** When a waiting run will run (retries), ISO. */
  runAt: string;
  /** Seconds from start to finish; null while it runs or if it never started. */
  durationSeconds: number | null;
  active: boolean;
}

export function runJson(run: JobRunView): RunJson {
  return {
    id: run.id,
    jobId: run.jobId,
    status: run.status,
    trigger: run.trigger,
    phase: run.phase,
    progress: run.progress,
    attempts: run.attempts,
    maxAttempts: run.maxAttempts,
    error: run.error,
    cancelRequested: run.cancelRequested,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    runAt: run.runAt.toISOString(),
    durationSeconds:
      run.startedAt && run.finishedAt
        ? Math.max(0, Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000))
        : null,
    active: run.status === "queued" || run.status === "running" || run.status === "failed",
  };
}
