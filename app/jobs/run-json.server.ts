/**
 * Job runs as the UI receives them: plain JSON, times already formatted in the shop's time
 * zone on the server (so server and browser render the same text).
 */
import { formatInZone } from "~/format";
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
  /** Formatted, shop time zone. */
  created: string;
  started: string | null;
  /** When a waiting run will run (retries), formatted. */
  runAt: string;
  /** Seconds from start to finish; null while it runs or if it never started. */
  durationSeconds: number | null;
  active: boolean;
}

export function runJson(run: JobRunView, timeZone: string): RunJson {
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
    created: formatInZone(run.createdAt, timeZone),
    started: run.startedAt ? formatInZone(run.startedAt, timeZone) : null,
    runAt: formatInZone(run.runAt, timeZone),
    durationSeconds:
      run.startedAt && run.finishedAt
        ? Math.max(0, Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000))
        : null,
    active: run.status === "queued" || run.status === "running" || run.status === "failed",
  };
}
