/**
 * From a run's findings to what is stored, pure: classification against the history and the
 * suppressions in force, the next history, the shop's Finding rows, the run's own compressed
 * copy, and the counts its summary is made of. The full run and the product re-check both go
 * through here; they differ only in which history they pass (all of it, or the product's).
 */
import {
  advanceHistory,
  classifyFindings,
  type Classification,
  type FindingChange,
  type FindingHistoryRecord,
} from "~/product-qa/domain/history";
import { suppressionsInForce, type Suppression } from "~/product-qa/domain/suppressions";
import type { Finding, Severity } from "~/findings/types";
import type { SnapshotProduct } from "~/snapshot/domain/types";
import type { FindingRowData } from "~/product-qa/models/findings.server";
import { RULE_ORDER, ruleDefinition } from "./audits";
import { severityCounts } from "~/findings/severity";

/** What a Finding row keeps of its product besides the finding's own resource fields. */
export interface ProductFacts {
  vendor: string;
  productType: string;
  featuredImageUrl: string | null;
}

export function productFacts(products: readonly SnapshotProduct[]): Map<string, ProductFacts> {
  return new Map(
    products.map((p) => [
      p.id,
      { vendor: p.vendor, productType: p.productType, featuredImageUrl: p.featuredImageUrl },
    ]),
  );
}

/** One finding as a run stores it (AuditRun.findings): the finding, classified. */
export interface StoredFinding extends Finding {
  change: FindingChange;
  suppressed: boolean;
}

export interface StoredRunFindings {
  findings: StoredFinding[];
  /** Open before this run, fixed by it. */
  fixed: { key: string; ruleId: string }[];
}

export interface RuleCount {
  ruleId: string;
  title: string;
  /** The rule's severity (a draft product's findings are one lower). */
  severity: Severity;
  /** Open problems: findings not suppressed. */
  open: number;
  suppressed: number;
  new: number;
  persisting: number;
  regressed: number;
  fixed: number;
}

export interface RunCounts {
  /** Open problems (unsuppressed findings), in all and per severity. */
  open: number;
  openBySeverity: Record<Severity, number>;
  suppressed: number;
  /** Per change class, over the open problems; `fixed` over the identities fixed by the run. */
  new: number;
  persisting: number;
  regressed: number;
  fixed: number;
  /** Rules with findings or fixes, in catalog order. */
  byRule: RuleCount[];
}

export interface Evaluation {
  classification: Classification<FindingHistoryRecord>;
  /** The history records the run touched, advanced (all of them for a full run). */
  history: FindingHistoryRecord[];
  rows: FindingRowData[];
  stored: StoredRunFindings;
  counts: RunCounts;
}

function ruleCount(ruleId: string): RuleCount {
  const rule = ruleDefinition(ruleId);
  return {
    ruleId,
    title: rule?.title ?? ruleId,
    severity: rule?.severity ?? "info",
    open: 0,
    suppressed: 0,
    new: 0,
    persisting: 0,
    regressed: 0,
    fixed: 0,
  };
}

function countRun(classification: Classification<FindingHistoryRecord>): RunCounts {
  const byRule = new Map<string, RuleCount>();
  const rule = (id: string) => {
    let c = byRule.get(id);
    if (c === undefined) byRule.set(id, (c = ruleCount(id)));
    return c;
  };
  const counts: RunCounts = {
    open: 0,
    openBySeverity: severityCounts(),
    suppressed: 0,
    new: 0,
    persisting: 0,
    regressed: 0,
    fixed: classification.fixed.length,
    byRule: [],
  };
  for (const { finding, change, suppression } of classification.findings) {
    const c = rule(finding.ruleId);
    if (suppression !== null) {
      counts.suppressed++;
      c.suppressed++;
      continue;
    }
    counts.open++;
    counts.openBySeverity[finding.severity]++;
    counts[change]++;
    c.open++;
    c[change]++;
  }
  for (const h of classification.fixed) rule(h.ruleId).fixed++;
  const order = new Map(RULE_ORDER.map((id, i) => [id, i]));
  counts.byRule = [...byRule.values()].sort(
    (a, b) =>
      (order.get(a.ruleId) ?? order.size) - (order.get(b.ruleId) ?? order.size) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return counts;
}

function toRow(
  finding: Finding,
  change: FindingChange,
  suppressed: boolean,
  firstSeenAt: string,
  product: ProductFacts | undefined,
  runId: string,
): FindingRowData {
  const r = finding.resource;
  const onProduct = "productId" in r;
  return {
    key: finding.key,
    ruleId: finding.ruleId,
    severity: finding.severity,
    category: finding.category,
    resourceType: r.type,
    resourceId: r.id,
    productId: onProduct ? r.productId : null,
    productHandle: onProduct ? r.productHandle : null,
    productTitle: onProduct ? r.productTitle : null,
    productImageUrl: product?.featuredImageUrl ?? null,
    vendor: product?.vendor ?? null,
    productType: product?.productType ?? null,
    variantId: r.type === "variant" ? r.variantId : null,
    variantSku: r.type === "variant" ? r.variantSku : null,
    variantTitle: r.type === "variant" ? r.variantTitle : null,
    message: finding.message,
    details: JSON.stringify(finding.details),
    fixUrl: finding.fixUrl,
    change,
    suppressed,
    firstSeenAt: new Date(firstSeenAt),
    runId,
  };
}

export function evaluateFindings(input: {
  runId: string;
  /** The run's time (ISO 8601): history and suppressions are judged at it. */
  at: string;
  findings: readonly Finding[];
  ran: readonly string[];
  /** The history to classify against: the shop's, or the records of the product's keys. */
  history: readonly FindingHistoryRecord[];
  suppressions: readonly Suppression[];
  products: ReadonlyMap<string, ProductFacts>;
}): Evaluation {
  const classification = classifyFindings({
    current: input.findings,
    history: input.history,
    ran: input.ran,
    suppressions: suppressionsInForce(input.suppressions, input.at),
  });
  const history = advanceHistory({ history: input.history, classification, at: input.at });
  const firstSeen = new Map(history.map((h) => [h.key, h.firstSeenAt]));
  const rows: FindingRowData[] = [];
  const stored: StoredRunFindings = {
    findings: [],
    fixed: classification.fixed.map((h) => ({ key: h.key, ruleId: h.ruleId })),
  };
  for (const { finding, change, suppression } of classification.findings) {
    const suppressed = suppression !== null;
    const productId = "productId" in finding.resource ? finding.resource.productId : null;
    rows.push(
      toRow(
        finding,
        change,
        suppressed,
        firstSeen.get(finding.key) ?? input.at,
        productId === null ? undefined : input.products.get(productId),
        input.runId,
      ),
    );
    stored.findings.push({ ...finding, change, suppressed });
  }
  return { classification, history, rows, stored, counts: countRun(classification) };
}
