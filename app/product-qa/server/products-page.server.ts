/**
 * Everything the Products page shows, for one URL: the last run, the health score as it stands,
 * findings grouped by rule, one page of findings, the filters' choices, the product in the
 * drawer, and the rule settings. Built to answer in well under 500 ms at 100,000 findings
 * (bench/products-page.ts): a handful of indexed queries that return pages and grouped counts,
 * never the findings themselves.
 */
import { explainCategoryScore, type HealthScore } from "~/product-qa/domain/score";
import type { AuditSettings, SettingsError } from "~/product-qa/domain/settings";
import type { Severity } from "~/findings/types";
import { SEVERITIES, severityCounts, severityRank } from "~/findings/severity";
import { readAuditSettings } from "~/product-qa/models/audit-settings.server";
import { latestAuditRun, type AuditRunRecord } from "~/product-qa/models/audit-runs.server";
import {
  countFindingGroups,
  findingTotals,
  findingsPage,
  listProductFindings,
  type FindingFilter,
  type FindingView,
} from "~/product-qa/models/findings.server";
import { DEFAULT_AUDIT_SETTINGS } from "~/product-qa/domain/settings";
import { RULE_ORDER, ruleDefinition } from "./audits";
import { liveHealthScore } from "./live-score";
import { PAGE_SIZE, type ProductsQuery } from "./products-query";
import { parseSummary } from "./summary";

export interface RunInfo {
  id: string;
  status: AuditRunRecord["status"];
  trigger: AuditRunRecord["trigger"];
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Succeeded runs: what changed against the run before. */
  counts: { open: number; new: number; regressed: number; fixed: number } | null;
}

export interface ScoreView {
  overall: number | null;
  categories: (HealthScore["categories"][number] & { explanation: string })[];
  severityWeights: HealthScore["severityWeights"];
  /** When the denominators were counted (the latest successful full run). */
  checkedAt: string;
}

export interface RuleGroup {
  ruleId: string;
  title: string;
  /** The most severe of its matching findings. */
  severity: Severity;
  bySeverity: Record<Severity, number>;
  total: number;
}

export interface ProductsPageData {
  /** The latest full run, whatever its outcome; null before the first. */
  lastRun: RunInfo | null;
  /** The latest successful full run, when the latest is not it (failed, running). */
  lastSucceeded: RunInfo | null;
  score: ScoreView | null;
  /** Findings in the shop, suppressed included: tells "nothing to fix" from "no match". */
  totalFindings: number;
  /** Per rule, under every filter but the rule filter; most severe rules first. */
  groups: RuleGroup[];
  findings: FindingView[];
  /** Findings matching every filter. */
  matching: number;
  page: number;
  pageCount: number;
  choices: { vendors: string[]; productTypes: string[]; rules: { id: string; title: string }[] };
  drawer: { productId: string; findings: FindingView[] } | null;
  settings: AuditSettings;
  /** Stored settings this version refuses (edited elsewhere): shown, and the defaults offered. */
  settingsErrors: SettingsError[];
}

export function findingFilter(query: ProductsQuery): FindingFilter {
  return {
    severity: query.severity,
    ruleId: query.rule,
    vendor: query.vendor,
    productType: query.type,
    change: query.change,
    suppressed: query.suppressed,
  };
}

function runInfo(run: AuditRunRecord): RunInfo {
  const summary = parseSummary(run.summary);
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
    counts: summary && {
      open: summary.counts.open,
      new: summary.counts.new,
      regressed: summary.counts.regressed,
      fixed: summary.counts.fixed,
    },
  };
}

function ruleGroups(counts: Awaited<ReturnType<typeof countFindingGroups>>): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const { ruleId, severity, count } of counts) {
    let g = groups.get(ruleId);
    if (g === undefined) {
      g = {
        ruleId,
        title: ruleDefinition(ruleId)?.title ?? ruleId,
        severity,
        bySeverity: severityCounts(),
        total: 0,
      };
      groups.set(ruleId, g);
    }
    g.bySeverity[severity] += count;
    g.total += count;
    if (severityRank(severity) < severityRank(g.severity)) g.severity = severity;
  }
  const order = new Map(RULE_ORDER.map((id, i) => [id, i]));
  return [...groups.values()].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      (order.get(a.ruleId) ?? order.size) - (order.get(b.ruleId) ?? order.size) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export async function loadProductsPage(
  shop: string,
  query: ProductsQuery,
): Promise<ProductsPageData> {
  const filter = findingFilter(query);
  const [lastRun, succeeded, totals, counts, drawer, stored] = await Promise.all([
    latestAuditRun(shop, { kind: "full" }),
    latestAuditRun(shop, { kind: "full", status: "succeeded" }),
    findingTotals(shop),
    countFindingGroups(shop, { ...filter, ruleId: [] }),
    query.product === null ? null : listProductFindings(shop, query.product),
    readAuditSettings(shop),
  ]);
  const { score: aggregates, facets, total: totalFindings } = totals;
  const groups = ruleGroups(counts);
  const selected = query.rule.length > 0 ? new Set(query.rule) : null;
  const bySeverity = severityCounts();
  for (const g of groups) {
    if (selected && !selected.has(g.ruleId)) continue;
    for (const s of SEVERITIES) bySeverity[s] += g.bySeverity[s];
  }
  const matching = bySeverity.critical + bySeverity.warning + bySeverity.info;
  const pageCount = Math.max(1, Math.ceil(matching / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const findings =
    matching === 0
      ? []
      : await findingsPage(
          shop,
          filter,
          query.sort,
          { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
          bySeverity,
        );

  const lastScore = parseSummary(succeeded?.summary)?.score ?? null;
  const score = lastScore && succeeded ? liveHealthScore(lastScore, aggregates) : null;
  return {
    lastRun: lastRun && runInfo(lastRun),
    lastSucceeded: succeeded && succeeded.id !== lastRun?.id ? runInfo(succeeded) : null,
    score: score && {
      ...score,
      categories: score.categories.map((c) => ({ ...c, explanation: explainCategoryScore(c) })),
      checkedAt: (succeeded?.finishedAt ?? succeeded?.startedAt ?? new Date()).toISOString(),
    },
    totalFindings,
    groups,
    findings,
    matching,
    page,
    pageCount,
    choices: {
      vendors: facets.vendors,
      productTypes: facets.productTypes,
      rules: RULE_ORDER.map((id) => ({ id, title: ruleDefinition(id)?.title ?? id })),
    },
    drawer: query.product === null ? null : { productId: query.product, findings: drawer ?? [] },
    settings: stored.ok ? stored.settings : DEFAULT_AUDIT_SETTINGS,
    settingsErrors: stored.ok ? [] : stored.errors,
  };
}
