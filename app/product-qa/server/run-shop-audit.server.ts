/**
 * runShopAudit: one full audit of a shop. Called by the job system (schedule, manual "Run now",
 * install) and by `tovholder audit --shop … --save`.
 *
 * 1. an AuditRun (kind "full") is started, or the one of this job run is taken up again;
 * 2. the shop is collected live through its offline session (`collectSnapshot`: 0–80 %);
 * 3. the snapshot is stored and the shop's time zone copied into its settings;
 * 4. every audit of AUDITS runs with the shop's audit settings;
 * 5. one transaction judges the findings against the history and the suppressions in force,
 *    replaces the shop's current findings, advances the history, and finishes the run with its
 *    summary and its compressed findings.
 * Any failure ends the run `failed` with a readable error (cancelled when the signal aborted)
 * and rethrows; nothing of step 5 is written then, so the previous findings stay.
 *
 * Idempotent per job run: a retried job (same `jobRunId`) reuses the run of its first attempt.
 * If that attempt succeeded, its stored result is returned without auditing again (a second
 * pass would find every finding "persisting" and lose what the first one reported as new).
 */
import { computeHealthScore, type HealthScore } from "~/product-qa/domain/score";
import { summariseSnapshot } from "~/snapshot/domain/summary";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import {
  commitFullRun,
  endAuditRun,
  readAuditRunFindings,
  setAuditRunProgress,
  setAuditRunSnapshot,
  startAuditRun,
  type AuditRunRecord,
} from "~/product-qa/models/audit-runs.server";
import { saveShopTimeZone } from "~/db/shop-settings.server";
import { saveSnapshot } from "~/snapshot/models/snapshots.server";
import { collectSnapshot } from "~/shopify/collect.server";
import { SCORE_CATEGORIES, runAudits, type CombinedOutcome } from "./audits";
import { evaluateFindings, productFacts } from "./evaluate";
import {
  CollectionPercent,
  ProgressReporter,
  RUN_PHASES,
  collectionPhase,
  type ProgressSink,
} from "./progress";
import { auditSettingsOf, openShopClient, runErrorMessage, AuditError } from "./shop-client.server";
import {
  SUMMARY_VERSION,
  newCriticalFindings,
  parseStoredFindings,
  parseSummary,
  type AuditRunSummary,
  type CollectionStats,
  type NewCriticalFinding,
} from "./summary";

export interface RunShopAuditInput {
  shop: string;
  trigger: "schedule" | "manual" | "webhook" | "install" | "cli";
  jobRunId?: string;
  signal?: AbortSignal;
  onProgress?: (phase: string, percent: number) => void | Promise<void>;
}

export interface RunShopAuditResult {
  auditRunId: string;
  summary: AuditRunSummary;
  newCriticalFindings: NewCriticalFinding[];
}

export async function runShopAudit(input: RunShopAuditInput): Promise<RunShopAuditResult> {
  const { shop } = input;
  const { run, finished } = await startAuditRun({
    shop,
    kind: "full",
    trigger: input.trigger,
    ...(input.jobRunId !== undefined && { jobRunId: input.jobRunId }),
  });
  if (finished) return storedResult(run);
  const sinks: ProgressSink[] = [(phase, percent) => setAuditRunProgress(run.id, phase, percent)];
  if (input.onProgress) sinks.push(input.onProgress);
  const progress = new ProgressReporter(sinks);
  try {
    return await auditShop(run.id, input, progress);
  } catch (error) {
    const cancelled = input.signal?.aborted === true;
    await endAuditRun(
      run.id,
      cancelled ? "cancelled" : "failed",
      cancelled
        ? "Cancelled before it finished; the previous findings are unchanged."
        : runErrorMessage(error),
    );
    throw error;
  }
}

async function auditShop(
  runId: string,
  input: RunShopAuditInput,
  progress: ProgressReporter,
): Promise<RunShopAuditResult> {
  const { shop, signal } = input;
  const step = async (next: { phase: string; percent: number }) => {
    signal?.throwIfAborted();
    progress.report(next.phase, next.percent);
    await progress.flush();
  };
  signal?.throwIfAborted();
  const settings = await auditSettingsOf(shop);
  const client = await openShopClient(shop);

  const started = Date.now();
  const percent = new CollectionPercent();
  const snapshot = await collectSnapshot(client, {
    onProgress: (p) => {
      // Thrown from inside the collection's loops: cancelling stops it at the next report.
      signal?.throwIfAborted();
      progress.report(collectionPhase(p), percent.update(p));
    },
  });
  const durationMs = Date.now() - started;

  await step(RUN_PHASES.saving);
  const stored = await saveSnapshot(shop, snapshot);
  await setAuditRunSnapshot(runId, stored.id);
  if (snapshot.shop.ianaTimezone) await saveShopTimeZone(shop, snapshot.shop.ianaTimezone);

  await step(RUN_PHASES.auditing);
  const outcome = runAudits(snapshot, settings);

  await step(RUN_PHASES.persisting);
  const collection = collectionStats(snapshot, stored.id, durationMs);
  const at = new Date().toISOString();
  const products = productFacts(snapshot.products);
  const committed = await commitFullRun({
    shop,
    runId,
    evaluate: (state) => {
      const evaluation = evaluateFindings({
        runId,
        at,
        findings: outcome.findings,
        ran: outcome.ran,
        ...state,
        products,
      });
      const score = computeHealthScore({
        categories: SCORE_CATEGORIES,
        coverage: outcome.coverage,
        findings: evaluation.classification.findings,
      });
      const summary = fullSummary(at, outcome, evaluation.counts, collection, score);
      return { ...evaluation, summary, findings: evaluation.stored };
    },
  });
  progress.report(RUN_PHASES.done.phase, RUN_PHASES.done.percent);
  await progress.flush();
  return {
    auditRunId: runId,
    summary: committed.summary,
    newCriticalFindings: newCriticalFindings(committed.stored),
  };
}

function collectionStats(
  snapshot: StoreSnapshot,
  snapshotId: string,
  durationMs: number,
): CollectionStats {
  const { products, variants, media } = summariseSnapshot(snapshot);
  return {
    snapshotId,
    source: snapshot.source,
    products,
    variants,
    media,
    gaps: snapshot.gaps ?? [],
    durationMs,
  };
}

function fullSummary(
  at: string,
  outcome: CombinedOutcome,
  counts: AuditRunSummary["counts"],
  collection: CollectionStats,
  score: HealthScore,
): AuditRunSummary {
  return {
    version: SUMMARY_VERSION,
    kind: "full",
    at,
    productId: null,
    counts,
    skipped: outcome.skipped,
    stats: outcome.stats,
    score,
    collection,
    note: null,
  };
}

/** The answer of a run that already succeeded (a retried job): from what it stored. */
async function storedResult(run: AuditRunRecord): Promise<RunShopAuditResult> {
  const summary = parseSummary(run.summary);
  if (summary === null)
    throw new AuditError(
      `Audit run ${run.id} succeeded but its summary cannot be read by this version; start a new run.`,
    );
  const stored = parseStoredFindings(await readAuditRunFindings(run.shop, run.id));
  return { auditRunId: run.id, summary, newCriticalFindings: newCriticalFindings(stored) };
}
