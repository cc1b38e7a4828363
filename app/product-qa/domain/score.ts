/**
 * The health score: per category and overall, 0–100, and every number it is made of, so the UI
 * can say "87 of 100 products have no open image problem" instead of showing a bare number.
 *
 * Per category, over the resources its rules checked (`CategoryCoverage.checked`; for product QA
 * the unit is the product, and variant and image findings count against their product):
 *   each checked resource is either clean (no open, unsuppressed finding in the category) or
 *   counted once, by its worst open finding, with that severity's weight
 *   (critical 3, warning 2, info 1):
 *
 *     score = 100 × clean / (clean + 3 × critical + 2 × warning + 1 × info)
 *
 *   All clean → 100; every resource critical → 0; a critical problem costs as much as three
 *   clean resources earn. A category none of whose rules ran has no score (null).
 * Overall: the mean of the category scores weighted by the categories' weights, over the
 * categories that have a score (null when none has).
 */
import type { CategoryCoverage, Finding, FindingResource, Severity } from "~/findings/types";
import type { Suppression } from "./suppressions";
import { severityCounts, severityRank } from "~/findings/severity";

export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 3,
  warning: 2,
  info: 1,
};

export interface ScoreCategory {
  id: string;
  label: string;
  /** Share of the overall score. */
  weight: number;
}

export interface CategoryScore {
  category: string;
  label: string;
  weight: number;
  unit: string;
  checked: number;
  /** Checked resources without an open problem in this category. */
  clean: number;
  /** Checked resources with open problems, by their worst severity. */
  worst: Record<Severity, number>;
  /** Findings left out because they are suppressed. */
  suppressedFindings: number;
  /** 0–100; null when nothing was checked. */
  score: number | null;
}

export interface HealthScore {
  overall: number | null;
  categories: CategoryScore[];
  severityWeights: Readonly<Record<Severity, number>>;
}

/** The resource a finding counts against: its product for product-level resources. */
export function scoredUnitOf(resource: FindingResource): string {
  return "productId" in resource ? resource.productId : resource.id;
}

/** The category formula (module comment); 100 when there is nothing to weigh. */
export function categoryScore(clean: number, worst: Record<Severity, number>): number {
  const penalty =
    SEVERITY_WEIGHTS.critical * worst.critical +
    SEVERITY_WEIGHTS.warning * worst.warning +
    SEVERITY_WEIGHTS.info * worst.info;
  return clean + penalty === 0 ? 100 : (100 * clean) / (clean + penalty);
}

export function computeHealthScore(input: {
  categories: readonly ScoreCategory[];
  coverage: readonly CategoryCoverage[];
  findings: readonly { finding: Finding; suppression: Suppression | null }[];
}): HealthScore {
  // Worst open severity per category and unit.
  const worstByCategory = new Map<string, Map<string, Severity>>();
  const suppressedByCategory = new Map<string, number>();
  for (const { finding, suppression } of input.findings) {
    if (suppression !== null) {
      suppressedByCategory.set(
        finding.category,
        (suppressedByCategory.get(finding.category) ?? 0) + 1,
      );
      continue;
    }
    let units = worstByCategory.get(finding.category);
    if (units === undefined) worstByCategory.set(finding.category, (units = new Map()));
    const unit = scoredUnitOf(finding.resource);
    const current = units.get(unit);
    if (current === undefined || severityRank(finding.severity) < severityRank(current))
      units.set(unit, finding.severity);
  }

  const categories = input.categories.map((category): CategoryScore => {
    const coverage = input.coverage.find((c) => c.category === category.id);
    const checked = coverage?.checked ?? 0;
    const worst: Record<Severity, number> = severityCounts();
    for (const severity of worstByCategory.get(category.id)?.values() ?? []) worst[severity]++;
    const clean = Math.max(0, checked - worst.critical - worst.warning - worst.info);
    return {
      category: category.id,
      label: category.label,
      weight: category.weight,
      unit: coverage?.unit ?? "resource",
      checked,
      clean,
      worst,
      suppressedFindings: suppressedByCategory.get(category.id) ?? 0,
      score: checked === 0 ? null : categoryScore(clean, worst),
    };
  });

  return { overall: overallScore(categories), categories, severityWeights: SEVERITY_WEIGHTS };
}

/** The overall score: the weighted mean of the categories that checked something (null if none). */
export function overallScore(categories: readonly { weight: number; score: number | null }[]) {
  let weighted = 0;
  let weights = 0;
  for (const c of categories) {
    if (c.score === null) continue;
    weighted += c.weight * c.score;
    weights += c.weight;
  }
  return weights === 0 ? null : weighted / weights;
}

function round1(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/**
 * The score in words, for tooltips and reports: "6 of 10 products have no open problem in
 * Images. By their worst problem: 1 critical (×3), 2 warning (×2), 1 info (×1). Score: 6 / (6 +
 * 3 + 4 + 1) × 100 = 42.9."
 */
export function explainCategoryScore(c: CategoryScore): string {
  const units = `${c.unit}s`;
  if (c.score === null) return `${c.label}: not checked (no ${units} were checked by its rules).`;
  const w = SEVERITY_WEIGHTS;
  const parts = [w.critical * c.worst.critical, w.warning * c.worst.warning, w.info * c.worst.info];
  return (
    `${c.clean} of ${c.checked} ${units} have no open problem in ${c.label}. ` +
    `By their worst problem: ${c.worst.critical} critical (×${w.critical}), ` +
    `${c.worst.warning} warning (×${w.warning}), ${c.worst.info} info (×${w.info}). ` +
    `Score: ${c.clean} / (${c.clean} + ${parts.join(" + ")}) × 100 = ${round1(c.score)}.`
  );
}
