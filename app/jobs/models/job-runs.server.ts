/**
 * JobRun rows: the history of every job run under both providers, and the in-process
 * provider's queue (docs/decisions/007-jobs.md).
 *
 * Claiming is the one delicate operation. A run is claimed with a conditional UPDATE (its status
 * and attempt count as read), so two workers never both claim it; the check that no other run
 * with the same concurrency key holds a live lease happens in the same transaction, which is
 * serialised across workers: SQLite transactions are serialisable (a concurrent writer gets
 * SQLITE_BUSY and the claim is retried) and on PostgreSQL the transaction takes an advisory lock.
 */
import type { Prisma } from "@tovholder/prisma-sqlite";
import { databaseKind, prisma, type Db } from "~/db/db.server";
import type { Tx } from "~/db/webhook-deliveries.server";
import { databaseUrl } from "~/env.server";

export const JOB_STATUSES = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "dead",
  "cancelled",
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/** Waiting to run: new, or failed with attempts left (runAt = the retry time). */
export const WAITING: JobStatus[] = ["queued", "failed"];
export const ACTIVE: JobStatus[] = ["queued", "failed", "running"];
export const FINISHED: JobStatus[] = ["succeeded", "dead", "cancelled"];

/** Advisory lock key for claims on PostgreSQL ("tovj" in ASCII). */
const PG_CLAIM_LOCK = 1953462890;
const ERROR_MAX_CHARS = 4000;

export type JobRunRow = Prisma.JobRunGetPayload<object>;

export interface NewJobRun {
  id: string;
  shop: string;
  jobId: string;
  jobVersion: number;
  payload: string;
  runAt: Date;
  maxAttempts: number;
  concurrencyKey: string | null;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

/** Inserts the run unless a run with that id exists; `deduplicated` says which. */
export async function createJobRun(
  run: NewJobRun,
  db: Db = prisma,
): Promise<{ id: string; deduplicated: boolean }> {
  try {
    await db.jobRun.create({ data: { ...run, status: "queued" } });
    return { id: run.id, deduplicated: false };
  } catch (error) {
    if (isUniqueViolation(error)) return { id: run.id, deduplicated: true };
    throw error;
  }
}

/** Ids per query: SQLite allows 999 bound parameters in one statement (Prisma P2029). */
const IDS_PER_QUERY = 500;

/** Of these ids, those that have a run (any status). */
export async function existingRunIds(ids: string[], db: Db = prisma): Promise<Set<string>> {
  const existing = new Set<string>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const batch = ids.slice(i, i + IDS_PER_QUERY);
    const rows = await db.jobRun.findMany({ where: { id: { in: batch } }, select: { id: true } });
    for (const r of rows) existing.add(r.id);
  }
  return existing;
}

export interface LeaseOptions {
  workerId: string;
  leaseMs: number;
  now: Date;
}

export interface ClaimOptions extends LeaseOptions {
  /** Only runs of these jobs (the ones this worker can run). */
  jobIds: string[];
  limit: number;
}

/** What happened to a run a worker tried to take. */
export type ClaimResult =
  | { kind: "claimed"; run: JobRunRow }
  /** Not now: not due yet, its concurrency key is busy, or another worker's lease is live. */
  | { kind: "later"; at: Date }
  /** Nothing to run: finished, cancelled, dead (just now, out of attempts) or unknown. */
  | { kind: "none"; status: JobStatus | "missing" };

function claimable(run: JobRunRow, now: Date): boolean {
  if (WAITING.includes(run.status as JobStatus)) return run.runAt <= now;
  return run.status === "running" && (run.lockedUntil ?? now) <= now;
}

/** Busy concurrency keys: held by a running run whose lease is live. */
async function busyKeys(tx: Tx, now: Date): Promise<Set<string>> {
  const rows = await tx.jobRun.findMany({
    where: { status: "running", lockedUntil: { gt: now }, concurrencyKey: { not: null } },
    select: { concurrencyKey: true },
  });
  return new Set(rows.map((r) => r.concurrencyKey ?? ""));
}

/**
 * Takes one claimable run. A run whose lease expired (its worker died) counts as a failed
 * attempt: with none left it is dead; a run whose cancellation was requested is cancelled.
 */
async function take(
  tx: Tx,
  run: JobRunRow,
  { workerId, leaseMs, now }: LeaseOptions,
): Promise<ClaimResult> {
  const guard = { id: run.id, status: run.status, attempts: run.attempts };
  const expired = run.status === "running";
  // This worker's own attempt, still running, whose lease renewal is late: not a dead worker.
  if (expired && run.lockedBy === workerId) return { kind: "later", at: now };
  if (run.cancelRequested || (expired && run.attempts >= run.maxAttempts)) {
    const cancelled = run.cancelRequested;
    const status: JobStatus = cancelled ? "cancelled" : "dead";
    await tx.jobRun.updateMany({
      where: guard,
      data: {
        status,
        finishedAt: now,
        lockedBy: null,
        lockedUntil: null,
        ...(cancelled
          ? {}
          : {
              error: `The worker running attempt ${run.attempts} stopped (lease expired) and no attempts are left.`,
            }),
      },
    });
    return { kind: "none", status };
  }
  const { count } = await tx.jobRun.updateMany({
    where: guard,
    data: {
      status: "running",
      lockedBy: workerId,
      lockedUntil: new Date(now.getTime() + leaseMs),
      attempts: { increment: 1 },
      startedAt: run.startedAt ?? now,
      ...(expired
        ? {
            error: `The worker running attempt ${run.attempts} stopped (lease expired); retried.`,
          }
        : {}),
    },
  });
  if (count !== 1) return { kind: "later", at: now };
  return {
    kind: "claimed",
    run: {
      ...run,
      status: "running",
      lockedBy: workerId,
      lockedUntil: new Date(now.getTime() + leaseMs),
      attempts: run.attempts + 1,
      startedAt: run.startedAt ?? now,
    },
  };
}

/** Runs `work` in a claim transaction, retrying when SQLite reports a concurrent writer. */
async function inClaimTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const postgres = databaseKind(databaseUrl()) === "postgres";
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        if (postgres) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PG_CLAIM_LOCK})`);
        return work(tx);
      });
    } catch (error) {
      const busy = /SQLITE_BUSY|database is locked/i.test(String((error as Error).message));
      if (!busy || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

/** Claims up to `limit` due runs, oldest due first, at most one per concurrency key. */
export async function claimDueRuns(options: ClaimOptions, db: Db = prisma): Promise<JobRunRow[]> {
  if (options.limit <= 0) return [];
  const { now, jobIds } = options;
  return inClaimTransaction(db, async (tx) => {
    const busy = await busyKeys(tx, now);
    const candidates = await tx.jobRun.findMany({
      where: {
        jobId: { in: jobIds },
        OR: [
          { status: { in: WAITING }, runAt: { lte: now } },
          { status: "running", lockedUntil: { lte: now } },
        ],
      },
      orderBy: [{ runAt: "asc" }, { createdAt: "asc" }],
      take: options.limit + busy.size + 20,
    });
    const claimed: JobRunRow[] = [];
    for (const run of candidates) {
      if (claimed.length >= options.limit) break;
      if (run.concurrencyKey !== null && busy.has(run.concurrencyKey)) continue;
      const result = await take(tx, run, options);
      if (result.kind !== "claimed") continue;
      claimed.push(result.run);
      if (run.concurrencyKey !== null) busy.add(run.concurrencyKey);
    }
    return claimed;
  });
}

/** How long a worker told "later" because of a busy key waits before asking again. */
export const BUSY_RETRY_MS = 2000;

/** Claims one run by id (the BullMQ worker: the message names the run). */
export async function claimRun(
  id: string,
  options: LeaseOptions,
  db: Db = prisma,
): Promise<ClaimResult> {
  const { now } = options;
  return inClaimTransaction(db, async (tx) => {
    const run = await tx.jobRun.findUnique({ where: { id } });
    if (run === null) return { kind: "none", status: "missing" };
    if (!claimable(run, now)) {
      if (WAITING.includes(run.status as JobStatus)) return { kind: "later", at: run.runAt };
      if (run.status === "running")
        return { kind: "later", at: run.lockedUntil ?? new Date(now.getTime() + BUSY_RETRY_MS) };
      return { kind: "none", status: run.status as JobStatus };
    }
    if (run.concurrencyKey !== null && (await busyKeys(tx, now)).has(run.concurrencyKey))
      return { kind: "later", at: new Date(now.getTime() + BUSY_RETRY_MS) };
    return take(tx, run, options);
  });
}

/** The lease holder's view of its run. */
/** One attempt of a run, as its worker holds it: the attempt number tells a stale attempt of the
 * same worker (one that lost its lease and was taken over) from the current one. */
interface Held {
  id: string;
  workerId: string;
  attempts: number;
}
const held = ({ id, workerId, attempts }: Held) => ({
  id,
  lockedBy: workerId,
  attempts,
  status: "running",
});

/**
 * Extends the lease. "cancel" = cancellation was requested; "lost" = another worker took the run
 * over (this worker stalled past its lease) or it was deleted (shop redacted).
 */
export async function renewLease(
  run: Held & { until: Date },
  db: Db = prisma,
): Promise<"ok" | "cancel" | "lost"> {
  const { count } = await db.jobRun.updateMany({
    where: { ...held(run), cancelRequested: false },
    data: { lockedUntil: run.until },
  });
  if (count === 1) return "ok";
  const row = await db.jobRun.findFirst({ where: held(run), select: { id: true } });
  return row ? "cancel" : "lost";
}

export async function recordProgress(
  run: Held & { phase: string; progress: number },
  db: Db = prisma,
): Promise<void> {
  await db.jobRun.updateMany({
    where: held(run),
    data: { phase: run.phase, progress: run.progress },
  });
}

const truncate = (text: string) =>
  text.length > ERROR_MAX_CHARS ? `${text.slice(0, ERROR_MAX_CHARS - 1)}…` : text;

export type Outcome =
  | { status: "succeeded"; result: string | null }
  | { status: "failed"; error: string; retryAt: Date }
  | { status: "dead" | "cancelled"; error: string }
  /** Handed back without counting the attempt (the worker is shutting down). */
  | { status: "released" };

/** Records how the attempt ended; false if this worker no longer held the run. */
export async function finishAttempt(
  run: Held,
  outcome: Outcome,
  now = new Date(),
  db: Db = prisma,
): Promise<boolean> {
  const unlock = { lockedBy: null, lockedUntil: null };
  let data: Prisma.JobRunUpdateManyMutationInput;
  switch (outcome.status) {
    case "succeeded":
      data = { status: "succeeded", result: outcome.result, error: null, progress: 100 };
      data.finishedAt = now;
      break;
    case "failed":
      data = { status: "failed", error: truncate(outcome.error), runAt: outcome.retryAt };
      break;
    case "dead":
    case "cancelled":
      data = { status: outcome.status, error: truncate(outcome.error), finishedAt: now };
      break;
    case "released":
      data = { status: "queued", attempts: { decrement: 1 }, runAt: now };
      break;
  }
  const { count } = await db.jobRun.updateMany({ where: held(run), data: { ...data, ...unlock } });
  return count === 1;
}

/**
 * Cancels a run: a waiting one at once; a running one is flagged and its worker aborts the
 * handler at its next heartbeat. Returns what happened (`false` = already finished or unknown).
 */
export async function requestCancel(
  id: string,
  now = new Date(),
  db: Db = prisma,
): Promise<"cancelled" | "requested" | false> {
  const waiting = await db.jobRun.updateMany({
    where: { id, status: { in: WAITING } },
    data: { status: "cancelled", finishedAt: now, error: "Cancelled before it ran." },
  });
  if (waiting.count === 1) return "cancelled";
  const running = await db.jobRun.updateMany({
    where: { id, status: "running" },
    data: { cancelRequested: true },
  });
  return running.count === 1 ? "requested" : false;
}

/** app/uninstalled: cancels the shop's waiting runs and asks its running ones to stop. */
export async function cancelShopRuns(
  tx: Tx,
  shop: string,
  reason: string,
  now = new Date(),
): Promise<number> {
  const waiting = await tx.jobRun.updateMany({
    where: { shop, status: { in: WAITING } },
    data: { status: "cancelled", finishedAt: now, error: reason },
  });
  const running = await tx.jobRun.updateMany({
    where: { shop, status: "running" },
    data: { cancelRequested: true },
  });
  return waiting.count + running.count;
}

export async function getJobRunRow(id: string, db: Db = prisma): Promise<JobRunRow | null> {
  return db.jobRun.findUnique({ where: { id } });
}

export async function listJobRunRows(
  shop: string,
  { limit, jobId }: { limit: number; jobId?: string },
  db: Db = prisma,
): Promise<JobRunRow[]> {
  return db.jobRun.findMany({
    where: { shop, ...(jobId ? { jobId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}

/** Waiting or running runs of the shop (the dashboard's "current run"). */
export async function activeJobRunRows(
  shop: string,
  jobId: string,
  db: Db = prisma,
): Promise<JobRunRow[]> {
  return db.jobRun.findMany({
    where: { shop, jobId, status: { in: ACTIVE } },
    orderBy: { createdAt: "asc" },
  });
}

/** Runs a BullMQ deployment must (re)deliver: waiting and due soon, or running on a dead lease. */
export async function runsToDeliver(
  { now, horizonMs, take }: { now: Date; horizonMs: number; take: number },
  db: Db = prisma,
): Promise<JobRunRow[]> {
  return db.jobRun.findMany({
    where: {
      OR: [
        { status: { in: WAITING }, runAt: { lte: new Date(now.getTime() + horizonMs) } },
        { status: "running", lockedUntil: { lte: now } },
      ],
    },
    orderBy: { runAt: "asc" },
    take,
  });
}

/** Retention (maintenance): finished runs that ended more than `days` ago. */
export async function deleteFinishedRunsOlderThan(
  days: number,
  now = new Date(),
  db: Db = prisma,
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const { count } = await db.jobRun.deleteMany({
    where: { status: { in: FINISHED }, finishedAt: { lt: cutoff } },
  });
  return count;
}
