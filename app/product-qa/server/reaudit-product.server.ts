/**
 * Re-checking one product between full runs (products/update webhooks, "Check again" in the
 * product block), and forgetting a deleted one (products/delete).
 *
 * A re-check reads the product live and audits it **in its catalog**: the duplicate title, SKU
 * and barcode rules compare across products, so the product replaces its old version in the
 * snapshot of the latest successful full run, every audit runs over that catalog, and the
 * findings about this product are kept. Only this product's Finding rows and history change
 * (an AuditRun of kind "product" records it). Limits (docs/decisions/008-findings-and-products-page.md):
 * the other products are as the full run saw them, so a product that stopped or started being
 * a duplicate of this one keeps its old finding until the next full run; and the cost is that
 * of loading the snapshot and auditing the catalog, linear in its size.
 */
import type { Finding } from "~/findings/types";
import type { SnapshotProduct, StoreSnapshot } from "~/snapshot/domain/types";
import {
  commitEmptyRun,
  commitProductRun,
  endAuditRun,
  latestAuditRun,
  startAuditRun,
} from "~/product-qa/models/audit-runs.server";
import { forgetProductFindings } from "~/product-qa/models/findings.server";
import { loadSnapshot } from "~/snapshot/models/snapshots.server";
import { readProduct } from "~/shopify/read-product.server";
import { runAudits } from "./audits";
import { evaluateFindings, productFacts } from "./evaluate";
import { auditSettingsOf, openShopClient, runErrorMessage } from "./shop-client.server";
import { SUMMARY_VERSION, parseSummary, type AuditRunSummary } from "./summary";
import { severityCounts } from "~/findings/severity";

export interface ReauditProductInput {
  shop: string;
  /** Product GID. */
  productId: string;
  trigger: "webhook" | "manual";
  jobRunId?: string;
}

export const NO_FULL_RUN_NOTE =
  "No full audit has succeeded for this shop yet: the product is checked with the first one.";

export async function reauditProduct(
  input: ReauditProductInput,
): Promise<{ auditRunId: string; openFindings: number }> {
  const { shop, productId } = input;
  const { run, finished } = await startAuditRun({
    shop,
    kind: "product",
    trigger: input.trigger,
    productId,
    ...(input.jobRunId !== undefined && { jobRunId: input.jobRunId }),
  });
  if (finished)
    return { auditRunId: run.id, openFindings: parseSummary(run.summary)?.counts.open ?? 0 };
  try {
    const summary = await recheck(run.id, input);
    return { auditRunId: run.id, openFindings: summary.counts.open };
  } catch (error) {
    await endAuditRun(run.id, "failed", runErrorMessage(error));
    throw error;
  }
}

/** A deleted product: its findings go, and their history counts them as fixed. */
export async function forgetProduct(input: {
  shop: string;
  productId: string;
}): Promise<{ removedFindings: number }> {
  return { removedFindings: await forgetProductFindings(input.shop, input.productId) };
}

function productSummary(
  at: string,
  productId: string,
  fields: Pick<AuditRunSummary, "counts" | "skipped" | "note">,
): AuditRunSummary {
  return {
    version: SUMMARY_VERSION,
    kind: "product",
    at,
    productId,
    ...fields,
    stats: {},
    score: null,
    collection: null,
  };
}

/** The catalog with `product` in place of its old version (appended if new, removed if null). */
export function withProduct(
  snapshot: StoreSnapshot,
  productId: string,
  product: SnapshotProduct | null,
): StoreSnapshot {
  const products = snapshot.products.filter((p) => p.id !== productId);
  const at = snapshot.products.findIndex((p) => p.id === productId);
  if (product !== null) products.splice(at === -1 ? products.length : at, 0, product);
  return { ...snapshot, products };
}

const aboutProduct = (productId: string) => (f: Finding) =>
  "productId" in f.resource && f.resource.productId === productId;

async function recheck(runId: string, input: ReauditProductInput): Promise<AuditRunSummary> {
  const { shop, productId } = input;
  const at = new Date().toISOString();
  const base = await latestAuditRun(shop, { kind: "full", status: "succeeded" });
  const snapshot = base?.snapshotId == null ? null : await loadSnapshot(shop, base.snapshotId);
  if (snapshot === null) {
    // Nothing to compare with (or its snapshot was removed by retention): the next full run covers it.
    const empty = { open: 0, openBySeverity: severityCounts(), suppressed: 0 };
    const summary = productSummary(at, productId, {
      counts: { ...empty, new: 0, persisting: 0, regressed: 0, fixed: 0, byRule: [] },
      skipped: [],
      note: NO_FULL_RUN_NOTE,
    });
    await commitEmptyRun(runId, summary);
    return summary;
  }
  const settings = await auditSettingsOf(shop);
  const client = await openShopClient(shop);
  const product = await readProduct(client, productId, {
    publicationId: snapshot.shop.onlineStorePublicationId,
    withInventory: snapshot.locations !== null,
  });
  const outcome = runAudits(withProduct(snapshot, productId, product), settings);
  const findings = outcome.findings.filter(aboutProduct(productId));
  const committed = await commitProductRun({
    shop,
    runId,
    productId,
    keys: findings.map((f) => f.key),
    evaluate: (state) => {
      const evaluation = evaluateFindings({
        runId,
        at,
        findings,
        ran: outcome.ran,
        ...state,
        products: productFacts(product === null ? [] : [product]),
      });
      const summary = productSummary(at, productId, {
        counts: evaluation.counts,
        skipped: outcome.skipped,
        note: null,
      });
      return { ...evaluation, summary, findings: evaluation.stored };
    },
  });
  return committed.summary;
}
