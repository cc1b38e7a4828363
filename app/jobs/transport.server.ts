/**
 * How a worker learns that a run is due. JobRun rows are the truth under both providers; the
 * transport only carries wake-ups, so a lost or repeated message is harmless (claiming is
 * conditional, and the BullMQ scheduler re-delivers waiting runs every minute).
 */
import type { JobsConfig } from "./config.server";

export interface RunRef {
  id: string;
  shop: string;
  /** Attempts made so far: one message per attempt. */
  attempts: number;
}

export interface JobTransport {
  /** Makes a worker look at the run at `at` (now if in the past). */
  deliver(run: RunRef, at: Date): Promise<void>;
  /** Drops the run's pending message (a cancelled run). */
  discard(run: RunRef): Promise<void>;
  /** shop/redact: drops every pending message of the shop; returns how many. */
  discardShop(shop: string): Promise<number>;
  /** Aborts the run at once if it runs in this process (in-process provider). */
  abortLocal(runId: string): boolean;
  close(): Promise<void>;
}

const globalForJobs = globalThis as typeof globalThis & {
  __tovholderTransport?: { key: string; transport: Promise<JobTransport> };
};

/** The process's transport for the configured provider (on globalThis: dev reloads keep it). */
export function transportFor(config: JobsConfig): Promise<JobTransport> {
  const key = `${config.provider}|${config.redisUrl}|${config.redisPrefix}`;
  const cached = globalForJobs.__tovholderTransport;
  if (cached?.key === key) return cached.transport;
  const transport =
    config.provider === "bullmq"
      ? import("./providers/bullmq.server").then((m) => m.bullmqTransport(config))
      : import("./providers/inprocess.server").then((m) => m.inProcessTransport());
  globalForJobs.__tovholderTransport = { key, transport };
  return transport;
}

export async function closeTransport(): Promise<void> {
  const cached = globalForJobs.__tovholderTransport;
  delete globalForJobs.__tovholderTransport;
  if (cached) await (await cached.transport).close();
}
