/**
 * Runs one claimed JobRun: the same code under both providers. It keeps the lease alive, turns
 * cancellation, timeout and a lost lease into the handler's AbortSignal, records progress, and
 * records the outcome: succeeded, failed (retry at runAt, exponential backoff), dead (no attempts
 * left, or a PermanentJobError) or cancelled.
 */
import { getShop } from "~/db/shops.server";
import {
  finishAttempt,
  recordProgress,
  renewLease,
  type JobRunRow,
  type Outcome,
} from "~/jobs/models/job-runs.server";
import {
  PermanentJobError,
  backoffDelay,
  type JobContext,
  type JobDefinition,
  type JobRegistry,
} from "./define";

export type AbortKind = "cancelled" | "timeout" | "lost" | "shutdown";

/** The reason a run's signal carries. */
export class JobAbort extends Error {
  override readonly name = "JobAbort";
  constructor(
    readonly kind: AbortKind,
    message: string,
  ) {
    super(message);
  }
}

export interface RunnerOptions {
  workerId: string;
  registry: JobRegistry;
  leaseMs: number;
  /** How often the lease is renewed and cancellation looked for. Default: min(1 s, lease / 3). */
  heartbeatMs?: number;
  /** How long an aborted handler gets to return before the attempt is recorded anyway. */
  graceMs?: number;
  log(line: string): void;
  /** After an attempt failed with attempts left: lets a transport deliver the retry at `at`. */
  onRetry?(run: JobRunRow, at: Date): Promise<void>;
}

/** The smallest progress change worth a database write, unless the phase changes. */
const PROGRESS_MIN_INTERVAL_MS = 250;
const RESULT_MAX_CHARS = 100_000;

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function serialiseResult(result: unknown): string | null {
  if (result === undefined) return null;
  const json = JSON.stringify(result);
  return json.length <= RESULT_MAX_CHARS ? json : JSON.stringify({ truncated: true });
}

export class JobRunner {
  readonly #options: RunnerOptions;
  readonly #active = new Map<string, AbortController>();

  constructor(options: RunnerOptions) {
    this.#options = options;
  }

  get activeCount(): number {
    return this.#active.size;
  }

  /** Aborts a run this runner is executing (local cancellation, shutdown); false if not here. */
  abort(runId: string, reason: JobAbort): boolean {
    const controller = this.#active.get(runId);
    controller?.abort(reason);
    return controller !== undefined;
  }

  abortAll(reason: JobAbort): void {
    for (const controller of this.#active.values()) controller.abort(reason);
  }

  /** Runs a run this worker has claimed; resolves when its outcome is recorded. */
  async execute(run: JobRunRow): Promise<Outcome["status"] | "lost"> {
    const held = { id: run.id, workerId: this.#options.workerId, attempts: run.attempts };
    const controller = new AbortController();
    this.#active.set(run.id, controller);
    try {
      const outcome = await this.#attempt(run, controller);
      if (controller.signal.reason instanceof JobAbort && controller.signal.reason.kind === "lost")
        return "lost";
      const recorded = await finishAttempt(held, outcome);
      if (!recorded) return "lost";
      if (outcome.status === "failed") await this.#options.onRetry?.(run, outcome.retryAt);
      this.#options.log(
        `[${run.id}] ${outcome.status}${"error" in outcome ? `: ${outcome.error}` : ""}`,
      );
      return outcome.status;
    } finally {
      this.#active.delete(run.id);
    }
  }

  async #attempt(run: JobRunRow, controller: AbortController): Promise<Outcome> {
    const definition = this.#options.registry.get(run.jobId);
    if (!definition)
      return { status: "dead", error: `No job "${run.jobId}" is defined in this version.` };
    const parsed = definition.payload.safeParse(JSON.parse(run.payload));
    if (!parsed.success)
      return { status: "dead", error: `Invalid payload: ${parsed.error.message}` };
    if (run.shop !== "") {
      const shop = await getShop(run.shop);
      if (!shop || shop.uninstalledAt)
        return { status: "cancelled", error: `The app is not installed on ${run.shop}.` };
    }
    const stopTimers = this.#watch(run, definition, controller);
    try {
      const handler = (await definition.handler()).default;
      const result = await this.#untilSettledOrGrace(
        handler(parsed.data, this.#context(run, controller.signal)),
        controller.signal,
      );
      return { status: "succeeded", result: serialiseResult(result) };
    } catch (error) {
      return this.#failure(run, definition, controller.signal, error);
    } finally {
      stopTimers();
    }
  }

  #failure(
    run: JobRunRow,
    definition: JobDefinition<unknown>,
    signal: AbortSignal,
    error: unknown,
  ): Outcome {
    const abort = signal.aborted && signal.reason instanceof JobAbort ? signal.reason : null;
    if (abort?.kind === "cancelled") return { status: "cancelled", error: abort.message };
    if (abort?.kind === "shutdown" || abort?.kind === "lost") return { status: "released" };
    const message = abort ? abort.message : describe(error);
    if (error instanceof PermanentJobError || run.attempts >= run.maxAttempts)
      return {
        status: "dead",
        error: `${message}${error instanceof PermanentJobError ? "" : ` (attempt ${run.attempts} of ${run.maxAttempts})`}`,
      };
    const retryAt = new Date(Date.now() + backoffDelay(definition.backoff, run.attempts));
    return { status: "failed", error: message, retryAt };
  }

  /** Heartbeat (lease + cancellation) and timeout; returns their stopper. */
  #watch(
    run: JobRunRow,
    definition: JobDefinition<unknown>,
    controller: AbortController,
  ): () => void {
    const { leaseMs, workerId } = this.#options;
    const heartbeatMs = this.#options.heartbeatMs ?? Math.min(1000, Math.floor(leaseMs / 3));
    let beating = false;
    const heartbeat = setInterval(() => {
      if (beating || controller.signal.aborted) return;
      beating = true;
      renewLease({
        id: run.id,
        workerId,
        attempts: run.attempts,
        until: new Date(Date.now() + leaseMs),
      })
        .then((state) => {
          if (state === "cancel")
            controller.abort(new JobAbort("cancelled", "Cancelled while running."));
          if (state === "lost")
            controller.abort(
              new JobAbort("lost", "This worker lost its lease; another worker took the run."),
            );
        })
        .catch((error: unknown) =>
          this.#options.log(`[${run.id}] lease renewal failed: ${describe(error)}`),
        )
        .finally(() => (beating = false));
    }, heartbeatMs);
    const timeout = setTimeout(
      () =>
        controller.abort(
          new JobAbort("timeout", `Timed out after ${Math.round(definition.timeoutMs / 1000)} s.`),
        ),
      definition.timeoutMs,
    );
    return () => {
      clearInterval(heartbeat);
      clearTimeout(timeout);
    };
  }

  /**
   * The handler's promise, or — once the signal fired and the handler has not returned within
   * the grace period — the abort reason: a handler that ignores its signal cannot hold a
   * worker slot (or the run's lease) for ever.
   */
  #untilSettledOrGrace<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    const graceMs = this.#options.graceMs ?? 10_000;
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        timer = setTimeout(() => reject(signal.reason), graceMs);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
      work.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      });
    });
  }

  #context(run: JobRunRow, signal: AbortSignal): JobContext {
    const { workerId, log } = this.#options;
    let last = { phase: run.phase ?? "", progress: -1, at: 0 };
    return {
      jobRunId: run.id,
      attempt: run.attempts,
      signal,
      log: (line) => log(`[${run.id}] ${line}`),
      progress: async (phase, percent) => {
        const progress = Math.max(0, Math.min(100, Math.round(percent)));
        const now = Date.now();
        const changed = phase !== last.phase || (progress === 100 && last.progress !== 100);
        if (!changed && (progress === last.progress || now - last.at < PROGRESS_MIN_INTERVAL_MS))
          return;
        last = { phase, progress, at: now };
        await recordProgress({ id: run.id, workerId, attempts: run.attempts, phase, progress });
      },
    };
  }
}
