/**
 * runCheckoutReadiness: the checkout readiness rules over one snapshot (and the Storefront
 * payment settings, when read), through the generic engine: disabled rules and rules whose
 * input was not collected are skipped with their reason, findings come out in catalog order
 * and, within a rule, in the snapshot's order.
 */
import { runRules } from "~/findings/engine";
import type { Finding, Rule, SkippedRule } from "~/findings/types";
import { CHECKOUT_READINESS_RULES } from "./catalog";
import { unavailableInput, type CheckoutInput } from "./input";
import { toFinding, type CheckoutRule } from "./rule-model";
import type { CheckoutReadinessRuleId } from "./rule-ids";

export interface CheckoutReadinessResult {
  findings: Finding[];
  skipped: SkippedRule[];
  /** The rules that ran: only their previously open findings can count as fixed. */
  ran: CheckoutReadinessRuleId[];
}

function toEngineRule(rule: CheckoutRule): Rule<CheckoutInput> {
  return {
    id: rule.id,
    category: rule.category,
    severity: rule.severity,
    title: rule.title,
    why: rule.why,
    fix: rule.fix,
    unavailable: (input) => {
      const reasons = rule.needs.flatMap((need) => unavailableInput(need, input) ?? []);
      return reasons.length === 0 ? null : reasons.join(" ");
    },
    evaluate: (input, emit) => rule.check(input, (problem) => emit(toFinding(rule, problem))),
  };
}

export function runCheckoutReadiness(
  input: CheckoutInput,
  options: { disabledRules?: readonly string[] } = {},
): CheckoutReadinessResult {
  const run = runRules(CHECKOUT_READINESS_RULES.map(toEngineRule), input, {
    disabledRules: new Set(options.disabledRules ?? []),
  });
  const ran = new Set(run.ran);
  return {
    findings: run.findings,
    skipped: run.skipped,
    ran: CHECKOUT_READINESS_RULES.filter((r) => ran.has(r.id)).map((r) => r.id),
  };
}
