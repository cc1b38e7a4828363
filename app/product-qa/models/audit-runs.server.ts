/**
 * Audit runs: a full run (collect, every audit, diff) or the re-check of one product. A run is
 * `running` until it ends `succeeded`, `failed` (with a readable error) or `cancelled`.
 *
 * A run carried by a job names its job run (`jobRunId`). A job that is retried calls the audit
 * again with the same job run id: `startAuditRun` then hands back the run of the earlier attempt
 * (finished: its stored result; unfinished: reset, with the snapshot the attempt stored
 * deleted), so a retry never leaves two runs or two snapshots for one job run.
 *
 * The run's summary is JSON text and its findings Brotli-compressed JSON (the services define
 * both shapes: app/product-qa/server/summary.ts); this module stores and returns them as values.
 */
import { promisify } from "node:util";
import { brotliCompress, brotliDecompress, constants } from "node:zlib";
import type { Prisma } from "@tovholder/prisma-sqlite";
import { prisma, type Db } from "~/db/db.server";
import type { FindingHistoryRecord } from "~/product-qa/domain/history";
import type { Suppression } from "~/product-qa/domain/suppressions";
import {
  listFindingHistory,
  listProductFindings,
  replaceFindingHistory,
  replaceProductFindings,
  replaceShopFindings,
  saveFindingHistory,
  type FindingRowData,
} from "./findings.server";
import { listSuppressions } from "./suppressions.server";
import type { Tx } from "~/db/webhook-deliveries.server";

export type AuditRunKind = "full" | "product";
export type AuditTrigger = "schedule" | "manual" | "webhook" | "install" | "cli";
export type AuditRunStatus = "running" | "succeeded" | "failed" | "cancelled";

export interface AuditRunRecord {
  id: string;
  shop: string;
  kind: AuditRunKind;
  trigger: AuditTrigger;
  status: AuditRunStatus;
  phase: string | null;
  progress: number;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  snapshotId: string | null;
  productId: string | null;
  jobRunId: string | null;
  /** The parsed summary JSON; null until the run succeeded. */
  summary: unknown;
}

/** Every column but the compressed findings. */
const COLUMNS = {
  id: true,
  shop: true,
  kind: true,
  trigger: true,
  status: true,
  phase: true,
  progress: true,
  startedAt: true,
  finishedAt: true,
  error: true,
  snapshotId: true,
  productId: true,
  jobRunId: true,
  summary: true,
} as const;

type Row = Prisma.AuditRunGetPayload<{ select: typeof COLUMNS }>;

/** The string columns hold the unions: only this module writes them, from typed values. */
function toRecord(row: Row): AuditRunRecord {
  return {
    ...row,
    kind: row.kind as AuditRunKind,
    trigger: row.trigger as AuditTrigger,
    status: row.status as AuditRunStatus,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as unknown),
  };
}

const BROTLI_QUALITY = 5;

async function compressJson(value: unknown): Promise<Uint8Array<ArrayBuffer>> {
  const compressed = await promisify(brotliCompress)(JSON.stringify(value), {
    params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY },
  });
  // A plain ArrayBuffer copy: Prisma's Bytes input does not take pooled Buffers.
  return new Uint8Array(compressed);
}

export interface StartedRun {
  run: AuditRunRecord;
  /** The run of this job run had already succeeded: its stored result is the answer. */
  finished: boolean;
}

export async function startAuditRun(
  input: {
    shop: string;
    kind: AuditRunKind;
    trigger: AuditTrigger;
    jobRunId?: string;
    productId?: string;
  },
  db: Db = prisma,
): Promise<StartedRun> {
  const fresh = {
    trigger: input.trigger,
    status: "running",
    phase: "starting",
    progress: 0,
    startedAt: new Date(),
    finishedAt: null,
    error: null,
    snapshotId: null,
    summary: null,
    findings: null,
    productId: input.productId ?? null,
  } as const;
  return db.$transaction(async (tx) => {
    const earlier =
      input.jobRunId === undefined
        ? null
        : await tx.auditRun.findFirst({
            where: { shop: input.shop, kind: input.kind, jobRunId: input.jobRunId },
            select: COLUMNS,
            orderBy: { startedAt: "desc" },
          });
    if (earlier?.status === "succeeded") return { run: toRecord(earlier), finished: true };
    if (earlier) {
      if (earlier.snapshotId !== null)
        await tx.snapshot.deleteMany({ where: { shop: input.shop, id: earlier.snapshotId } });
      const row = await tx.auditRun.update({
        where: { id: earlier.id },
        data: fresh,
        select: COLUMNS,
      });
      return { run: toRecord(row), finished: false };
    }
    const row = await tx.auditRun.create({
      data: { ...fresh, shop: input.shop, kind: input.kind, jobRunId: input.jobRunId ?? null },
      select: COLUMNS,
    });
    return { run: toRecord(row), finished: false };
  });
}

export async function setAuditRunProgress(
  id: string,
  phase: string,
  progress: number,
  db: Db = prisma,
): Promise<void> {
  await db.auditRun.updateMany({
    where: { id, status: "running" },
    data: { phase, progress: Math.max(0, Math.min(100, Math.round(progress))) },
  });
}

export async function setAuditRunSnapshot(
  id: string,
  snapshotId: string,
  db: Db = prisma,
): Promise<void> {
  await db.auditRun.update({ where: { id }, data: { snapshotId } });
}

/** Ends a run successfully, in the transaction that stores its effects. */
async function finishAuditRun(
  tx: Tx,
  id: string,
  result: { summary: unknown; findings: unknown },
): Promise<void> {
  await tx.auditRun.update({
    where: { id },
    data: {
      status: "succeeded",
      phase: "done",
      progress: 100,
      finishedAt: new Date(),
      summary: JSON.stringify(result.summary),
      findings: result.findings === null ? null : await compressJson(result.findings),
    },
  });
}

/** Ends a run unsuccessfully; only a running run can end so. */
export async function endAuditRun(
  id: string,
  status: "failed" | "cancelled",
  error: string,
  db: Db = prisma,
): Promise<void> {
  await db.auditRun.updateMany({
    where: { id, status: "running" },
    data: { status, error, finishedAt: new Date() },
  });
}

/**
 * Moves a finished run to an earlier time. Only the demo's seeded history uses it (scripts/
 * demo-history.ts: real audits of the stand-in, dated in the months they stand for).
 */
export async function backdateAuditRun(
  shop: string,
  id: string,
  startedAt: Date,
  finishedAt: Date,
  db: Db = prisma,
): Promise<void> {
  await db.auditRun.updateMany({
    where: { shop, id, status: "succeeded" },
    data: { startedAt, finishedAt },
  });
}

/** The shop's most recent run matching the filter, or null. */
export async function latestAuditRun(
  shop: string,
  filter: { kind?: AuditRunKind; status?: AuditRunStatus } = {},
  db: Tx = prisma,
): Promise<AuditRunRecord | null> {
  const row = await db.auditRun.findFirst({
    where: { shop, ...filter },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: COLUMNS,
  });
  return row === null ? null : toRecord(row);
}

/** When a re-check of one product last succeeded after `after`, or null. */
export async function productRecheckedAfter(
  shop: string,
  productId: string,
  after: Date,
  db: Db = prisma,
): Promise<Date | null> {
  const recheck = await db.auditRun.findFirst({
    where: { shop, kind: "product", productId, status: "succeeded", finishedAt: { gt: after } },
    orderBy: { finishedAt: "desc" },
    select: { finishedAt: true },
  });
  return recheck?.finishedAt ?? null;
}

/** The shop's runs, newest first, without their findings. */
export async function listAuditRuns(
  shop: string,
  { take = 50, kind }: { take?: number; kind?: AuditRunKind } = {},
  db: Db = prisma,
): Promise<AuditRunRecord[]> {
  const rows = await db.auditRun.findMany({
    where: { shop, ...(kind && { kind }) },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take,
    select: COLUMNS,
  });
  return rows.map(toRecord);
}

/** The run's stored findings (parsed JSON), or null when it has none or is not the shop's. */
export async function readAuditRunFindings(
  shop: string,
  id: string,
  db: Db = prisma,
): Promise<unknown> {
  const row = await db.auditRun.findFirst({ where: { shop, id }, select: { findings: true } });
  if (!row?.findings) return null;
  const json = await promisify(brotliDecompress)(row.findings);
  return JSON.parse(json.toString("utf8")) as unknown;
}

// --- Committing a run ------------------------------------------------------------------------

/** What a run is judged against, read inside the transaction that stores its effects. */
export interface FindingState {
  history: FindingHistoryRecord[];
  suppressions: Suppression[];
}

/** What a run stores: the Finding rows, the history records, its summary and findings. */
export interface RunEffects {
  rows: readonly FindingRowData[];
  history: readonly FindingHistoryRecord[];
  summary: unknown;
  findings: unknown;
}

/**
 * Long enough for a 100,000-finding shop on a slow disk; a run that cannot commit in this time
 * fails and leaves the previous findings as they were.
 */
const COMMIT = { timeout: 10 * 60_000, maxWait: 60_000 };

/**
 * Commits a full run in one transaction: reads the shop's history and suppressions, lets
 * `evaluate` judge the run against them, replaces the shop's findings and history with the
 * result and finishes the run. Reading inside the transaction means a suppression made or a
 * product re-checked while the shop was being collected is not lost. Any failure rolls it all
 * back: the previous findings stay.
 */
export async function commitFullRun<E extends RunEffects>(
  input: { shop: string; runId: string; evaluate(state: FindingState): E | Promise<E> },
  db: Db = prisma,
): Promise<E> {
  const { shop } = input;
  return db.$transaction(async (tx) => {
    const state = {
      history: await listFindingHistory(shop, undefined, tx),
      suppressions: await listSuppressions(shop, tx),
    };
    const effects = await input.evaluate(state);
    await replaceShopFindings(tx, shop, effects.rows);
    await replaceFindingHistory(tx, shop, effects.history);
    await finishAuditRun(tx, input.runId, effects);
    return effects;
  }, COMMIT);
}

/**
 * Commits the re-check of one product: the history `evaluate` sees is that of the product's
 * current findings and of `keys` (the re-check's findings), so only that product's findings
 * can be new, persisting, regressed or fixed; its Finding rows and those history records are
 * written, everything else is left alone.
 */
export async function commitProductRun<E extends RunEffects>(
  input: {
    shop: string;
    runId: string;
    productId: string;
    keys: readonly string[];
    evaluate(state: FindingState): E | Promise<E>;
  },
  db: Db = prisma,
): Promise<E> {
  const { shop, productId } = input;
  return db.$transaction(async (tx) => {
    const previous = await listProductFindings(shop, productId, tx);
    const keys = [...new Set([...previous.map((f) => f.key), ...input.keys])];
    const state = {
      history: await listFindingHistory(shop, keys, tx),
      suppressions: await listSuppressions(shop, tx),
    };
    const effects = await input.evaluate(state);
    await replaceProductFindings(tx, shop, productId, effects.rows);
    await saveFindingHistory(tx, shop, effects.history);
    await finishAuditRun(tx, input.runId, effects);
    return effects;
  }, COMMIT);
}

/** Finishes a run that stores no findings (a re-check with nothing to compare against). */
export async function commitEmptyRun(
  runId: string,
  summary: unknown,
  db: Db = prisma,
): Promise<void> {
  await db.$transaction((tx) => finishAuditRun(tx, runId, { summary, findings: null }));
}
