/**
 * What a job is: an id, a payload schema and a lazily imported handler. Definitions know nothing
 * of the provider (in-process or BullMQ) that runs them, and handlers know nothing of either:
 * they get the validated payload and a JobContext (docs/decisions/007-jobs.md).
 */
import type { z } from "zod";

export interface JobContext {
  /** The JobRun row carrying this run (history, progress; also an idempotency key). */
  jobRunId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborts on cancellation, on timeout and when this worker lost its lease. */
  signal: AbortSignal;
  /** Shown live in the UI; percent is clamped to 0–100. */
  progress(phase: string, percent: number): Promise<void>;
  /** One line to the worker's log, prefixed with the run id. */
  log(line: string): void;
}

export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<unknown>;

/**
 * A handler module: `export default async function handler(payload, ctx) {…}`. Method syntax on
 * purpose: it lets every JobDefinition<P> be used as a JobDefinition<unknown> in registries.
 */
export interface JobHandlerModule<P> {
  default(payload: P, ctx: JobContext): Promise<unknown>;
}

/** Exponential backoff: attempt n waits baseMs × 2^(n-1), at most maxMs. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export interface JobDefinition<P> {
  id: string;
  /** Recorded on each run; bump it when the payload's meaning changes. */
  version: number;
  payload: z.ZodType<P>;
  /** At most one running job per key; null = no limit. */
  concurrencyKey(payload: P): string | null;
  /** The shop a run belongs to ("" = the whole installation): history, uninstall, redact. */
  shopOf(payload: P): string;
  maxAttempts: number;
  backoff: Backoff;
  timeoutMs: number;
  handler(): Promise<JobHandlerModule<P>>;
}

export interface JobSpec<S extends z.ZodType> {
  id: string;
  version: number;
  payload: S;
  concurrencyKey?(payload: z.output<S>): string | null;
  maxAttempts?: number;
  backoff?: Partial<Backoff>;
  timeoutMs?: number;
  /** Default: the handler registered for the id (app/jobs/handlers.server.ts). */
  handler?(): Promise<JobHandlerModule<z.output<S>>>;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_BACKOFF: Backoff = { baseMs: 30_000, maxMs: 30 * 60_000 };
export const DEFAULT_TIMEOUT_MS = 30 * 60_000;

/** A payload's `shop` field when it has one, else "" (installation-wide jobs). */
function shopField(payload: unknown): string {
  const shop = (payload as { shop?: unknown } | null)?.shop;
  return typeof shop === "string" ? shop : "";
}

export function defineJob<S extends z.ZodType>(spec: JobSpec<S>): JobDefinition<z.output<S>> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(spec.id))
    throw new Error(`job id "${spec.id}" must look like "area.name" (lower case, dots)`);
  return {
    id: spec.id,
    version: spec.version,
    payload: spec.payload as z.ZodType<z.output<S>>,
    concurrencyKey: spec.concurrencyKey ?? (() => null),
    shopOf: shopField,
    maxAttempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    backoff: { ...DEFAULT_BACKOFF, ...spec.backoff },
    timeoutMs: spec.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    handler: spec.handler ?? registeredHandler(spec.id),
  };
}

type HandlerLoader = () => Promise<JobHandlerModule<never>>;
const handlerLoaders = new Map<string, HandlerLoader>();

/**
 * Where the app's handlers live, registered once by the job service at start-up
 * (app/jobs/handlers.server.ts). Definitions do not import their handlers: code that enqueues a
 * job would otherwise import, through import(), the handler that enqueues it (decision 018).
 */
export function registerHandlers(loaders: Record<string, HandlerLoader>): void {
  for (const [id, load] of Object.entries(loaders)) handlerLoaders.set(id, load);
}

function registeredHandler<P>(id: string): () => Promise<JobHandlerModule<P>> {
  return async () => {
    const load = handlerLoaders.get(id);
    if (!load)
      throw new Error(`No handler is registered for job "${id}" (app/jobs/handlers.server.ts)`);
    // The loader was registered under this definition's id, for its payload.
    return (await load()) as unknown as JobHandlerModule<P>;
  };
}

/** The wait before attempt `attempt + 1` after attempt `attempt` failed. */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
}

/** A set of definitions by id; adding a job is one entry in the list given here. */
export class JobRegistry {
  readonly #byId = new Map<string, JobDefinition<unknown>>();

  constructor(definitions: readonly JobDefinition<unknown>[]) {
    for (const definition of definitions) this.add(definition);
  }

  add(definition: JobDefinition<unknown>): void {
    if (this.#byId.has(definition.id)) throw new Error(`job "${definition.id}" is defined twice`);
    this.#byId.set(definition.id, definition);
  }

  get(id: string): JobDefinition<unknown> | undefined {
    return this.#byId.get(id);
  }

  ids(): string[] {
    return [...this.#byId.keys()];
  }
}

/** Thrown by a handler for a failure that retrying cannot fix: the run goes dead at once. */
export class PermanentJobError extends Error {
  override readonly name = "PermanentJobError";
}
