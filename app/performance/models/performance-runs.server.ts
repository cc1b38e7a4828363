/**
 * Performance audit runs (PerfRun): one row per run and kind ("http", "lighthouse"), newest
 * first. `results` is JSON written by this module's callers: PerfHttpResults (version 1) for
 * "http", PerfLighthouseResults (version 1) for "lighthouse"; reading trusts it. A skipped run
 * (password missing, no Chromium) keeps its reason and "{}".
 */
import { prisma, type Db } from "~/db/db.server";
import type { PerfLighthouseResults } from "~/performance/domain/lighthouse";
import type { PerfHttpResults } from "~/performance/domain/types";

export type PerfRunKind = "http" | "lighthouse";
export type PerfRunStatus = "running" | "succeeded" | "failed" | "skipped";

export interface PerfRunView {
  id: string;
  shop: string;
  kind: PerfRunKind;
  status: PerfRunStatus;
  reason: string | null;
  /** The HTTP run's results (kind "http" only). */
  results: PerfHttpResults | null;
  /** The Lighthouse run's results (kind "lighthouse" only). */
  lighthouse: PerfLighthouseResults | null;
  startedAt: Date;
  finishedAt: Date | null;
  jobRunId: string | null;
}

interface Row {
  id: string;
  shop: string;
  kind: string;
  status: string;
  reason: string | null;
  results: string;
  startedAt: Date;
  finishedAt: Date | null;
  jobRunId: string | null;
}

function view(row: Row): PerfRunView {
  const parsed = JSON.parse(row.results) as { version?: number };
  return {
    id: row.id,
    shop: row.shop,
    kind: row.kind as PerfRunKind,
    status: row.status as PerfRunStatus,
    reason: row.reason,
    results: row.kind === "http" && parsed.version === 1 ? (parsed as PerfHttpResults) : null,
    lighthouse:
      row.kind === "lighthouse" && parsed.version === 1 ? (parsed as PerfLighthouseResults) : null,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    jobRunId: row.jobRunId,
  };
}

export async function startPerfRun(
  input: { shop: string; kind: PerfRunKind; jobRunId?: string | null; startedAt?: Date },
  db: Db = prisma,
): Promise<string> {
  const row = await db.perfRun.create({
    data: {
      shop: input.shop,
      kind: input.kind,
      status: "running",
      jobRunId: input.jobRunId ?? null,
      ...(input.startedAt && { startedAt: input.startedAt }),
    },
  });
  return row.id;
}

export async function finishPerfRun(
  id: string,
  outcome: {
    status: Exclude<PerfRunStatus, "running">;
    reason?: string | null;
    results?: PerfHttpResults | PerfLighthouseResults | null;
    finishedAt?: Date;
  },
  db: Db = prisma,
): Promise<PerfRunView> {
  const row = await db.perfRun.update({
    where: { id },
    data: {
      status: outcome.status,
      reason: outcome.reason ?? null,
      results: outcome.results ? JSON.stringify(outcome.results) : "{}",
      finishedAt: outcome.finishedAt ?? new Date(),
    },
  });
  return view(row);
}

/** Newest first. */
export async function listPerfRuns(
  shop: string,
  kind: PerfRunKind,
  opts: { limit?: number; status?: PerfRunStatus } = {},
  db: Db = prisma,
): Promise<PerfRunView[]> {
  const rows = await db.perfRun.findMany({
    where: { shop, kind, ...(opts.status && { status: opts.status }) },
    orderBy: { startedAt: "desc" },
    take: opts.limit ?? 20,
  });
  return rows.map(view);
}

export async function latestSucceededPerfRun(
  shop: string,
  kind: PerfRunKind,
  db: Db = prisma,
): Promise<PerfRunView | null> {
  return (await listPerfRuns(shop, kind, { limit: 1, status: "succeeded" }, db))[0] ?? null;
}
