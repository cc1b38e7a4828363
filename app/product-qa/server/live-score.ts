/**
 * The health score as it stands now: the numerators from the shop's current findings (so a
 * suppression or a product re-check shows at once), the denominators (resources checked per
 * category) from the latest full run, with the formula of app/domain/audit/score.ts.
 */
import {
  categoryScore,
  overallScore,
  type CategoryScore,
  type HealthScore,
} from "~/product-qa/domain/score";
import type { Severity } from "~/findings/types";
import type { ScoreAggregate } from "~/product-qa/models/findings.server";
import { severityCounts } from "~/findings/severity";

export function liveHealthScore(
  lastRun: HealthScore,
  aggregates: readonly ScoreAggregate[],
): HealthScore {
  const byCategory = new Map(aggregates.map((a) => [a.category, a]));
  const categories = lastRun.categories.map((c): CategoryScore => {
    const now = byCategory.get(c.category);
    const worst: Record<Severity, number> = now?.worst ?? severityCounts();
    // A product re-checked since the run may add a unit the run did not count: never below 0.
    const clean = Math.max(0, c.checked - worst.critical - worst.warning - worst.info);
    return {
      ...c,
      clean,
      worst,
      suppressedFindings: now?.suppressedFindings ?? 0,
      score: c.checked === 0 ? null : categoryScore(clean, worst),
    };
  });
  return {
    overall: overallScore(categories),
    categories,
    severityWeights: lastRun.severityWeights,
  };
}
