/**
 * The generic rule engine: runs a catalog of rules over one input and says what it did.
 *
 * It knows nothing about products or checkouts. Per rule, in catalog order: disabled in the
 * shop's settings → skipped; its input not collected → skipped with the rule's reason;
 * otherwise evaluated. Findings come out in catalog order, and within a rule in the order the
 * rule emits them (the input's order), so the same input and settings always give the same
 * list. A rule that emits the same key twice is a bug in the rule, and the engine says so
 * rather than letting one problem count twice.
 */
import type { Finding, Rule, SkippedRule } from "./types";

export interface RuleRunOptions {
  /** Rule ids switched off in the shop's settings. */
  disabledRules?: ReadonlySet<string>;
}

export interface RuleRun {
  findings: Finding[];
  skipped: SkippedRule[];
  /** Ids of the rules that ran, in catalog order. */
  ran: string[];
}

export const DISABLED_REASON = "Disabled in this shop's audit settings.";

export function runRules<TInput>(
  rules: readonly Rule<TInput>[],
  input: TInput,
  options: RuleRunOptions = {},
): RuleRun {
  const disabled = options.disabledRules ?? new Set<string>();
  const findings: Finding[] = [];
  const skipped: SkippedRule[] = [];
  const ran: string[] = [];
  const keys = new Set<string>();
  const ids = new Set<string>();

  for (const rule of rules) {
    if (ids.has(rule.id)) throw new Error(`Rule ${rule.id} appears twice in the catalog`);
    ids.add(rule.id);
    if (disabled.has(rule.id)) {
      skipped.push({ ruleId: rule.id, reason: DISABLED_REASON });
      continue;
    }
    const reason = rule.unavailable(input);
    if (reason !== null) {
      skipped.push({ ruleId: rule.id, reason });
      continue;
    }
    rule.evaluate(input, (finding) => {
      if (finding.ruleId !== rule.id)
        throw new Error(`Rule ${rule.id} emitted a finding of rule ${finding.ruleId}`);
      if (keys.has(finding.key)) throw new Error(`Rule ${rule.id} emitted ${finding.key} twice`);
      keys.add(finding.key);
      findings.push(finding);
    });
    ran.push(rule.id);
  }
  return { findings, skipped, ran };
}
