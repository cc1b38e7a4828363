/**
 * The audits a full run performs over one snapshot, and their combined outcome.
 *
 * Every audit is pure over a StoreSnapshot and the shop's settings and speaks the shared
 * vocabulary of app/product-qa/domain (findings, skipped rules, coverage, score categories). The
 * checkout and the performance audits of later issues are added as one more entry in AUDITS:
 * the run, the classification, the score, the stored summary and the Products page need no
 * change.
 */
import type { ScoreCategory } from "~/product-qa/domain/score";
import type { AuditSettings } from "~/product-qa/domain/settings";
import type { CategoryCoverage, Finding, RuleDefinition, SkippedRule } from "~/findings/types";
import { PRODUCT_QA_CATEGORIES } from "~/product-qa/domain/categories";
import { PRODUCT_QA_RULES } from "~/product-qa/domain/catalog";
import { runProductQa } from "~/product-qa/domain/run";
import type { StoreSnapshot } from "~/snapshot/domain/types";

export interface AuditOutcome {
  findings: Finding[];
  skipped: SkippedRule[];
  /** Ids of the rules that ran: only their previously open findings can be fixed. */
  ran: string[];
  coverage: CategoryCoverage[];
  /** Counts worth keeping with the run ("productsChecked", …). */
  stats: Record<string, number>;
}

export interface Audit {
  id: string;
  label: string;
  /** Score categories, in display order, with their weights in the overall score. */
  categories: readonly ScoreCategory[];
  rules: readonly RuleDefinition[];
  run(snapshot: StoreSnapshot, settings: AuditSettings): AuditOutcome;
}

function definitionOf(rule: RuleDefinition): RuleDefinition {
  const { id, category, severity, title, why, fix } = rule;
  return { id, category, severity, title, why, fix };
}

export const productQaAudit: Audit = {
  id: "product-qa",
  label: "Product-data QA",
  categories: PRODUCT_QA_CATEGORIES,
  rules: PRODUCT_QA_RULES.map(definitionOf),
  run(snapshot, settings) {
    const result = runProductQa(snapshot, settings);
    return {
      findings: result.findings,
      skipped: result.skipped,
      ran: result.ran,
      coverage: result.coverage,
      stats: { ...result.stats },
    };
  },
};

/** Every audit of a full run, in report order. */
export const AUDITS: readonly Audit[] = [productQaAudit];

export const SCORE_CATEGORIES: readonly ScoreCategory[] = AUDITS.flatMap((a) => a.categories);

const RULES = new Map(AUDITS.flatMap((a) => a.rules).map((rule) => [rule.id, rule]));

/** The definition of a rule of any audit; undefined for an id no audit has (any more). */
export function ruleDefinition(ruleId: string): RuleDefinition | undefined {
  return RULES.get(ruleId);
}

/** Rule ids in catalog order (audits in AUDITS order): the order findings are grouped in. */
export const RULE_ORDER: readonly string[] = [...RULES.keys()];

export interface CombinedOutcome extends Omit<AuditOutcome, "stats"> {
  /** Per audit id. */
  stats: Record<string, Record<string, number>>;
}

/** Runs every audit over the snapshot; the findings of each audit in its own order. */
export function runAudits(
  snapshot: StoreSnapshot,
  settings: AuditSettings,
  audits: readonly Audit[] = AUDITS,
): CombinedOutcome {
  let combined: CombinedOutcome = { findings: [], skipped: [], ran: [], coverage: [], stats: {} };
  for (const audit of audits) {
    const outcome = audit.run(snapshot, settings);
    // concat, not push(...): a large shop has more findings than a call takes arguments.
    combined = {
      findings: combined.findings.concat(outcome.findings),
      skipped: combined.skipped.concat(outcome.skipped),
      ran: combined.ran.concat(outcome.ran),
      coverage: combined.coverage.concat(outcome.coverage),
      stats: { ...combined.stats, [audit.id]: outcome.stats },
    };
  }
  return combined;
}
