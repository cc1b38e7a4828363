/** The job system's settings, from the environment (app/env.server.ts; README: Environment). */
import { env } from "~/env.server";

export interface JobsConfig {
  /** "inprocess" (embedded default: JobRun is the queue) or "bullmq" (Redis, separate workers). */
  provider: "inprocess" | "bullmq";
  redisUrl: string | null;
  /** Jobs one worker process runs at a time. */
  concurrency: number;
  /** A worker's lease on a running job; a crashed worker's jobs are retried after it expires. */
  leaseMs: number;
  /** Prefix of every Redis key (BullMQ). */
  redisPrefix: string;
  /** How often the in-process provider looks for due runs. */
  pollMs: number;
  /** How often the scheduler enqueues due slots (and, on BullMQ, re-delivers lost messages). */
  schedulerMs: number;
  /** How long a stopping worker lets running jobs finish before aborting them. */
  shutdownGraceMs: number;
}

export function jobsConfig(overrides: Partial<JobsConfig> = {}): JobsConfig {
  const { jobs } = env();
  return {
    ...jobs,
    pollMs: 1000,
    schedulerMs: 60_000,
    shutdownGraceMs: 10_000,
    ...overrides,
  };
}

/** The BullMQ queue every job goes through (one queue: job ids are in the messages). */
export const QUEUE_NAME = "jobs";
