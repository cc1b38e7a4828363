/**
 * A checkout readiness rule: its definition (what the merchant reads), the inputs it needs
 * (skipped with the reason when one was not collected) and a pure check that emits problems
 * about shop-level resources (the shop, a market, a product, a policy, a discount).
 */
import { findingKey } from "~/findings/finding-key";
import type { Finding, FindingResource, JsonValue, RuleDefinition } from "~/findings/types";
import type { CheckoutCategory } from "./categories";
import type { CheckoutInput, CheckoutInputName } from "./input";
import type { CheckoutReadinessRuleId } from "./rule-ids";

/** What one finding is about; product findings carry the product, like product QA's. */
export type CheckoutResource = FindingResource;

/** What a check reports; the run adds identity, severity and category. */
export interface CheckoutProblem {
  resource: CheckoutResource;
  message: string;
  details: { [key: string]: JsonValue };
  fixUrl: string | null;
  /** A rule may lower its own severity when what it knows is uncertain (payments). */
  severity?: RuleDefinition["severity"];
}

export interface CheckoutRule extends RuleDefinition {
  id: CheckoutReadinessRuleId;
  category: CheckoutCategory;
  /** What one finding is about (docs/rules.md: "one finding per …"). */
  target: "shop" | "market" | "product" | "policy" | "discount";
  needs: readonly CheckoutInputName[];
  check(input: CheckoutInput, emit: (problem: CheckoutProblem) => void): void;
}

export function toFinding(rule: CheckoutRule, problem: CheckoutProblem): Finding {
  return {
    key: findingKey(rule.id, problem.resource.id),
    ruleId: rule.id,
    severity: problem.severity ?? rule.severity,
    category: rule.category,
    resource: problem.resource,
    message: problem.message,
    details: problem.details,
    fixUrl: problem.fixUrl,
  };
}

/** "Germany, France and Belgium": lists as a merchant reads them. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "DE" → "Germany"; the code itself when it is not a region code. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}
