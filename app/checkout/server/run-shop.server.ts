/**
 * Checkout checks for an installed shop, end to end: the shop's snapshot, runCheckoutChecks, and
 * the stored run with the one before it (which the alerts compare against). Used by the
 * `checkout.synthetic` job and by `tovholder checkout --shop`.
 *
 * The snapshot is the weekly audit's (named by `snapshotId`); else the shop's latest stored one
 * when it was read at most SNAPSHOT_REUSE_MS ago (checks run right after an audit); else it is
 * collected now through the offline session, without the sections the checks do not read.
 *
 * Idempotent per job run: a retried job whose first attempt already stored its run (same
 * `jobRunId`) gets that run back instead of creating carts again.
 */
import type { Finding } from "~/findings/types";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import type { CheckoutRunForAlerts } from "~/alerts";
import { listCheckoutRuns, type CheckoutRun } from "~/checkout/models/checkout-runs.server";
import { saveShopTimeZone } from "~/db/shop-settings.server";
import { listSnapshots, loadSnapshot } from "~/snapshot/models/snapshots.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { collectSnapshot } from "~/shopify/collect.server";
import { CollectionPercent, collectionPhase } from "~/product-qa";
import { openShopClient } from "~/product-qa/index.server";
import { runCheckoutChecks } from "./run.server";

export interface RunShopCheckoutInput {
  shop: string;
  /** A stored snapshot to check (the weekly audit's); collected live when absent or gone. */
  snapshotId?: string;
  auditRunId?: string;
  jobRunId?: string;
  signal?: AbortSignal;
  onProgress?: (phase: string, percent: number) => void;
}

export interface RunShopCheckoutResult {
  run: CheckoutRun;
  previous: CheckoutRun | null;
  /** true when a retried job found its run already stored. */
  reused: boolean;
}

/** Share of the progress bar the collection takes when the shop is collected first. */
const COLLECT_SHARE = 0.5;
/** The collection phases of what the checks do not read (`omit` below). */
const OMITTED_PHASES = ["theme", "orders"];

/**
 * A run without a named snapshot uses the shop's latest stored one when it was read at most this
 * long ago: checks started right after an audit see what the audit saw, without reading the
 * shop a second time. The run records which snapshot it used and when it was read.
 */
export const SNAPSHOT_REUSE_MS = 10 * 60_000;

/** The shop's latest stored snapshot of the live shop, if it was read within SNAPSHOT_REUSE_MS. */
async function recentSnapshot(shop: string, now: Date): Promise<StoreSnapshot | null> {
  const [latest] = await listSnapshots(shop, { take: 1 });
  if (latest === undefined || latest.summary.source.kind !== "shop") return null;
  const age = now.getTime() - Date.parse(latest.summary.source.collectedAt);
  if (!(age >= 0 && age <= SNAPSHOT_REUSE_MS)) return null;
  return loadSnapshot(shop, latest.id);
}

export async function runShopCheckout(
  input: RunShopCheckoutInput,
  deps: { admin?: AdminClient; now?: () => Date } = {},
): Promise<RunShopCheckoutResult> {
  const now = deps.now ?? (() => new Date());
  const { shop, signal } = input;
  const progress = (phase: string, percent: number) =>
    input.onProgress?.(phase, Math.max(0, Math.min(100, Math.round(percent))));
  if (input.jobRunId !== undefined) {
    const runs = await listCheckoutRuns(shop, 10);
    const index = runs.findIndex((r) => r.runId === input.jobRunId);
    const done = runs[index];
    if (done) return { run: done, previous: runs[index + 1] ?? null, reused: true };
  }

  signal?.throwIfAborted();
  const admin = deps.admin ?? (await openShopClient(shop));
  let snapshot: StoreSnapshot | null = null;
  let reused = false;
  if (input.snapshotId !== undefined) snapshot = await loadSnapshot(shop, input.snapshotId);
  else {
    snapshot = await recentSnapshot(shop, now());
    reused = snapshot !== null;
  }
  let offset = 0;
  if (snapshot === null) {
    progress("collecting shop", 0);
    const percent = new CollectionPercent(OMITTED_PHASES);
    snapshot = await collectSnapshot(admin, {
      // Neither the theme's files nor the orders feed a checkout check.
      omit: ["theme", "orderKpis"],
      onProgress: (p) => {
        signal?.throwIfAborted();
        // CollectionPercent spans 0–80 for a full audit's collection.
        progress(collectionPhase(p), (percent.update(p) / 80) * 100 * COLLECT_SHARE);
      },
    });
    offset = COLLECT_SHARE;
    // The Checkout page shows times and funnel days in the shop's zone.
    if (snapshot.shop.ianaTimezone) await saveShopTimeZone(shop, snapshot.shop.ianaTimezone);
  }

  const result = await runCheckoutChecks(
    {
      shop,
      snapshot,
      snapshotReused: reused || input.snapshotId !== undefined,
      ...(input.auditRunId !== undefined && { auditRunId: input.auditRunId }),
      ...(input.jobRunId !== undefined && { jobRunId: input.jobRunId }),
      ...(signal !== undefined && { signal }),
      onProgress: (phase, percent) => progress(phase, offset * 100 + percent * (1 - offset)),
    },
    { admin },
  );
  const runs = await listCheckoutRuns(shop, 10);
  const index = runs.findIndex((r) => r.runId === result.runId);
  const run = runs[index];
  if (run === undefined) throw new Error(`checkout run ${result.runId} was not stored`);
  return { run, previous: runs[index + 1] ?? null, reused: false };
}

function findingTitle(finding: Finding): string {
  const resource = finding.resource;
  return "title" in resource ? resource.title : resource.productTitle;
}

/** What the checkout alerts need of a stored run. */
export function runForAlerts(run: CheckoutRun): CheckoutRunForAlerts {
  return {
    runId: run.runId,
    markets: run.markets.map((m) => ({
      marketHandle: m.marketHandle,
      marketName: m.details.marketName,
      status: m.status,
      reason: m.reason,
      failure: m.details.failure,
    })),
    findings: run.summary.findings.map((f) => ({
      key: f.key,
      severity: f.severity,
      message: f.message,
      fixUrl: f.fixUrl,
      title: findingTitle(f),
    })),
  };
}
