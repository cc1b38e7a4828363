/**
 * Starting and stopping the job system in a process (docs/decisions/007-jobs.md: what runs
 * where). The app server (server.ts) calls it with role "server": under the in-process provider
 * it runs the worker loop and the scheduler; under BullMQ it runs nothing (the web process only
 * enqueues). `tovholder worker` calls it with role "worker": a worker and the scheduler of the
 * configured provider.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { jobsConfig, type JobsConfig } from "./config.server";
import { JOBS } from "./definitions";
import "./handlers.server";
import type { JobRegistry } from "./define";
import { Scheduler } from "./scheduler.server";
import { closeTransport } from "./transport.server";

export interface JobService {
  workerId: string;
  provider: JobsConfig["provider"];
  stop(): Promise<void>;
}

export interface StartOptions {
  role: "server" | "worker";
  log?(line: string): void;
  registry?: JobRegistry;
  /** Run the scheduler too (default true). */
  scheduler?: boolean;
  config?: Partial<JobsConfig>;
}

export async function startJobService(options: StartOptions): Promise<JobService | null> {
  const config = jobsConfig(options.config);
  if (options.role === "server" && config.provider === "bullmq") return null;
  const log = options.log ?? ((line: string) => console.log(`[jobs] ${line}`));
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const settings = { config, registry: options.registry ?? JOBS, workerId, log };
  const worker =
    config.provider === "bullmq"
      ? new (await import("./providers/bullmq.server")).BullmqJobWorker(settings)
      : new (await import("./providers/inprocess.server")).InProcessWorker(settings);
  worker.start();
  const scheduler = options.scheduler === false ? null : new Scheduler(config, log);
  scheduler?.start();
  log(`${config.provider} worker ${workerId} started (concurrency ${config.concurrency})`);
  return {
    workerId,
    provider: config.provider,
    async stop() {
      await scheduler?.stop();
      await worker.stop();
      await closeTransport();
      log(`worker ${workerId} stopped`);
    },
  };
}
