/**
 * The BullMQ provider (scale-out): Redis carries wake-ups to worker processes (`tovholder
 * worker`); JobRun stays the record of every run, so history, progress, cancellation and dead
 * letters look the same as in-process. A BullMQ message only names a run: the worker claims
 * the run in the database exactly as the in-process provider does (conditional, with a lease
 * and the concurrency-key check), so a repeated or stalled message cannot run a job twice, and
 * retries are new messages scheduled from the run's own backoff.
 */
import { DelayedError, Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { BUSY_RETRY_MS, claimRun } from "~/jobs/models/job-runs.server";
import { QUEUE_NAME, type JobsConfig } from "../config.server";
import type { JobRegistry } from "../define";
import { JobAbort, JobRunner } from "../runner.server";
import type { JobTransport, RunRef } from "../transport.server";

export interface Message {
  runId: string;
  shop: string;
}

/** BullMQ refuses ":" in custom job ids; run ids have them. One message per attempt. */
export function messageId(run: RunRef): string {
  return `${encodeURIComponent(run.id)}~${run.attempts}`;
}

function redis(config: JobsConfig): Redis {
  if (!config.redisUrl) throw new Error("REDIS_URL is required with JOBS_PROVIDER=bullmq");
  // BullMQ's workers need maxRetriesPerRequest: null (their blocking commands must not time out).
  return new Redis(config.redisUrl, { maxRetriesPerRequest: null });
}

function queue(config: JobsConfig, connection: Redis): Queue<Message> {
  return new Queue<Message>(QUEUE_NAME, {
    connection,
    prefix: config.redisPrefix,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 1 },
  });
}

const PENDING = ["waiting", "delayed", "prioritized"] as const;
const PAGE = 500;

export function bullmqTransport(config: JobsConfig): JobTransport {
  const connection = redis(config);
  const q = queue(config, connection);
  return {
    async deliver(run, at) {
      await q.add(
        "run",
        { runId: run.id, shop: run.shop },
        { jobId: messageId(run), delay: Math.max(0, at.getTime() - Date.now()) },
      );
    },
    async discard(run) {
      await q.remove(messageId(run)).catch(() => 0); // an active (locked) message finishes by itself
    },
    async discardShop(shop) {
      let removed = 0;
      for (let start = 0; ; start += PAGE) {
        const jobs = await q.getJobs([...PENDING], start, start + PAGE - 1);
        for (const job of jobs) {
          if ((job.data as Message | undefined)?.shop !== shop || !job.id) continue;
          removed += await q.remove(job.id).catch(() => 0);
        }
        if (jobs.length < PAGE) break;
      }
      return removed;
    },
    abortLocal: () => false,
    async close() {
      await q.close();
      connection.disconnect();
    },
  };
}

/** Prisma's errors carry the whole query; the log needs the cause. */
function lastLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).trim().split("\n");
  return lines[lines.length - 1] ?? "";
}

export interface BullmqWorkerOptions {
  config: JobsConfig;
  registry: JobRegistry;
  workerId: string;
  log(line: string): void;
}

/** A worker process's BullMQ consumer; runs each message's run with the shared JobRunner. */
export class BullmqJobWorker {
  readonly #options: BullmqWorkerOptions;
  readonly #runner: JobRunner;
  readonly #connection: Redis;
  readonly #retries: JobTransport;
  #worker: Worker<Message> | undefined;

  constructor(options: BullmqWorkerOptions) {
    this.#options = options;
    this.#connection = redis(options.config);
    this.#retries = bullmqTransport(options.config);
    this.#runner = new JobRunner({
      workerId: options.workerId,
      registry: options.registry,
      leaseMs: options.config.leaseMs,
      graceMs: options.config.shutdownGraceMs,
      log: options.log,
      onRetry: (run, at) => this.#retries.deliver(run, at),
    });
  }

  start(): void {
    const { config } = this.#options;
    this.#worker = new Worker<Message>(QUEUE_NAME, (job, token) => this.#process(job, token), {
      connection: this.#connection,
      prefix: config.redisPrefix,
      concurrency: config.concurrency,
      // A message whose worker died is handed out again after the lock expires; the run's own
      // lease (same length) decides whether it may run, and counts the attempt.
      lockDuration: config.leaseMs,
      stalledInterval: Math.max(1000, Math.floor(config.leaseMs / 2)),
      maxStalledCount: 1000,
    });
    this.#worker.on("error", (error) => this.#options.log(`redis: ${error.message}`));
  }

  async #process(job: Job<Message>, token: string | undefined): Promise<void> {
    const { runId } = job.data;
    let claim: Awaited<ReturnType<typeof claimRun>>;
    try {
      claim = await claimRun(runId, {
        workerId: this.#options.workerId,
        leaseMs: this.#options.config.leaseMs,
        now: new Date(),
      });
    } catch (error) {
      // The database did not answer (busy, restarting): ask again soon. A failed message would
      // keep its id in Redis, and the scheduler's re-delivery under that id would be ignored.
      this.#options.log(`[${runId}] claim failed, retrying: ${lastLine(error)}`);
      await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
      throw new DelayedError();
    }
    if (claim.kind === "none") return;
    if (claim.kind === "later") {
      // Not due, its shop's audit is running, or another worker holds its lease: look again then.
      await job.moveToDelayed(Math.max(claim.at.getTime(), Date.now() + 250), token);
      throw new DelayedError();
    }
    await this.#runner.execute(claim.run);
  }

  /** Lets running jobs finish for the grace period, then aborts them (handed back, not counted). */
  async stop(): Promise<void> {
    const worker = this.#worker;
    if (worker) {
      const closing = worker.close();
      const grace = new Promise((r) => setTimeout(r, this.#options.config.shutdownGraceMs).unref());
      if ((await Promise.race([closing.then(() => "done"), grace])) !== "done") {
        this.#runner.abortAll(new JobAbort("shutdown", "The worker is shutting down."));
        await closing;
      }
    }
    await this.#retries.close();
    this.#connection.disconnect();
  }
}
