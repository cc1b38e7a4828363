/**
 * The in-process provider (embedded default): JobRun is the queue. Each worker polls for due
 * runs, claims them with a conditional UPDATE (app/jobs/models/job-runs.server.ts) and runs them with
 * a lease it renews; a run whose lease expired (its process died) is claimed again. Any number
 * of app instances can run this loop on one database.
 */
import { claimDueRuns } from "~/jobs/models/job-runs.server";
import type { JobsConfig } from "../config.server";
import type { JobRegistry } from "../define";
import { JobAbort, JobRunner } from "../runner.server";
import type { JobTransport } from "../transport.server";

/** Workers of this process, so an enqueue or a cancel here reaches them without waiting. */
const globalForJobs = globalThis as typeof globalThis & {
  __tovholderLocalWorkers?: Set<InProcessWorker>;
};
const localWorkers = (globalForJobs.__tovholderLocalWorkers ??= new Set());

export function inProcessTransport(): JobTransport {
  return {
    async deliver(_run, at) {
      for (const worker of localWorkers) worker.wakeAt(at);
    },
    async discard() {
      // Nothing pending outside the database.
    },
    async discardShop() {
      return 0;
    },
    abortLocal(runId) {
      const reason = new JobAbort("cancelled", "Cancelled while running.");
      return [...localWorkers].some((worker) => worker.runner.abort(runId, reason));
    },
    async close() {
      // No connections of its own.
    },
  };
}

export interface WorkerOptions {
  config: JobsConfig;
  registry: JobRegistry;
  workerId: string;
  log(line: string): void;
}

export class InProcessWorker {
  readonly runner: JobRunner;
  readonly #options: WorkerOptions;
  readonly #running = new Set<Promise<unknown>>();
  #poll: NodeJS.Timeout | undefined;
  #soon: NodeJS.Timeout | undefined;
  #ticking = false;
  #again = false;
  #stopping = false;

  constructor(options: WorkerOptions) {
    this.#options = options;
    this.runner = new JobRunner({
      workerId: options.workerId,
      registry: options.registry,
      leaseMs: options.config.leaseMs,
      graceMs: options.config.shutdownGraceMs,
      log: options.log,
    });
  }

  start(): void {
    localWorkers.add(this);
    this.#poll = setInterval(() => void this.tick(), this.#options.config.pollMs);
    void this.tick();
  }

  /** Looks for due runs at `at` (now if due), rather than at the next poll. */
  wakeAt(at: Date): void {
    if (this.#stopping) return;
    const delay = at.getTime() - Date.now();
    if (delay > this.#options.config.pollMs) return; // the poll comes first
    clearTimeout(this.#soon);
    this.#soon = setTimeout(() => void this.tick(), Math.max(0, delay));
  }

  /** Claims as many due runs as there are free slots and starts them. */
  async tick(): Promise<void> {
    if (this.#stopping) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = true;
    try {
      const { config, registry, workerId } = this.#options;
      const free = config.concurrency - this.runner.activeCount;
      const runs = await claimDueRuns({
        workerId,
        leaseMs: config.leaseMs,
        now: new Date(),
        jobIds: registry.ids(),
        limit: free,
      });
      for (const run of runs) {
        const execution = this.runner
          .execute(run)
          .catch((error: unknown) =>
            this.#options.log(`[${run.id}] could not record the outcome: ${String(error)}`),
          )
          .finally(() => {
            this.#running.delete(execution);
            void this.tick();
          });
        this.#running.add(execution);
      }
    } catch (error) {
      this.#options.log(`could not claim jobs: ${(error as Error).message}`);
    } finally {
      this.#ticking = false;
      if (this.#again) {
        this.#again = false;
        void this.tick();
      }
    }
  }

  /**
   * Stops claiming, lets running jobs finish for the grace period, then aborts them: an aborted
   * run is handed back to the queue without counting the attempt.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#poll);
    clearTimeout(this.#soon);
    localWorkers.delete(this);
    const settled = Promise.allSettled([...this.#running]);
    const grace = new Promise((r) => setTimeout(r, this.#options.config.shutdownGraceMs).unref());
    if ((await Promise.race([settled.then(() => "done"), grace])) !== "done") {
      this.runner.abortAll(new JobAbort("shutdown", "The worker is shutting down."));
      await settled;
    }
  }
}
