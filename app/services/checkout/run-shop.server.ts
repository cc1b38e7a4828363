/**
 * Checkout checks for an installed shop, end to end: the shop's snapshot (the weekly audit's
 * stored one, or collected now through the offline session), runCheckoutChecks, and the stored
 * run with the one before it (which the alerts compare against). Used by the `checkout.synthetic`
 * job and by `tovholder checkout --shop`.
 *
 * Idempotent per job run: a retried job whose first attempt already stored its run (same
 * `jobRunId`) gets that run back instead of creating carts again.
 */
import type { Finding } from "~/domain/audit/types";
import type { StoreSnapshot } from "~/domain/snapshot/types";
import type { CheckoutRunForAlerts } from "~/jobs/alerts/sources";
import { listCheckoutRuns, type CheckoutRun } from "~/models/checkout-runs.server";
import { saveShopTimeZone } from "~/models/shop-settings.server";
import { loadSnapshot } from "~/models/snapshots.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { collectSnapshot } from "~/shopify/collect.server";
import { collectionPercent, collectionPhase } from "~/services/audit/progress";
import { openShopClient } from "~/services/audit/shop-client.server";
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

export async function runShopCheckout(
  input: RunShopCheckoutInput,
  deps: { admin?: AdminClient } = {},
): Promise<RunShopCheckoutResult> {
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
  if (input.snapshotId !== undefined) snapshot = await loadSnapshot(shop, input.snapshotId);
  let offset = 0;
  if (snapshot === null) {
    progress("collecting shop", 0);
    snapshot = await collectSnapshot(admin, {
      onProgress: (p) => {
        signal?.throwIfAborted();
        // collectionPercent spans 0–80 for a full audit's collection.
        progress(collectionPhase(p), (collectionPercent(p) / 80) * 100 * COLLECT_SHARE);
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
