/**
 * The vocabulary every audit shares: rules, findings, skipped rules, coverage.
 *
 * A rule is data (id, category, severity, merchant-facing texts) plus a pure function over an
 * audit's input. A finding's identity is `key` = rule id + resource id: the same problem on the
 * same resource has the same key in every run, which is what history, suppressions and reports
 * hang on. Everything here is plain JSON so findings can be stored and compared as they are.
 */

export type { Severity } from "./severity";
import type { Severity } from "./severity";

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a rule says to the merchant, independent of any run. */
export interface RuleDefinition {
  /** Stable id (`product.missing-image`); other tools, stored history and the docs depend on it. */
  id: string;
  category: string;
  severity: Severity;
  title: string;
  /** Why it matters to sales, in the merchant's words. */
  why: string;
  /** How to fix it in Shopify admin, concretely. */
  fix: string;
}

/** The product a product-level resource belongs to, for display and grouping. */
export interface ProductRef {
  productId: string;
  productHandle: string;
  productTitle: string;
}

export type FindingResource =
  | (ProductRef & { type: "product"; id: string })
  | (ProductRef & {
      type: "variant";
      id: string;
      variantId: string;
      variantSku: string | null;
      variantTitle: string;
    })
  /** `position`: 1-based, in the product's media order. */
  | (ProductRef & { type: "media"; id: string; position: number })
  /** Shop-level resources of the checkout and performance audits. */
  | {
      type: "shop" | "market" | "policy" | "discount" | "delivery-profile" | "theme";
      id: string;
      title: string;
    };

export interface Finding {
  /** `${ruleId}:${resource.id}`: the finding's identity across runs (see finding-key.ts). */
  key: string;
  ruleId: string;
  severity: Severity;
  category: string;
  resource: FindingResource;
  /** Specific and self-contained: "Compare-at price 149.00 DKK is below the price 199.00 DKK". */
  message: string;
  /** Small JSON with the values the message was built from. */
  details: { [key: string]: JsonValue };
  /** The Shopify admin page where it is fixed (admin-links.ts); null when none can be built. */
  fixUrl: string | null;
}

/** A rule that did not run, and why (disabled, or its input was not collected). */
export interface SkippedRule {
  ruleId: string;
  reason: string;
}

/**
 * How many resources one category's rules looked at: the denominator of the health score.
 * `unit` names what is counted ("product": variant and media findings count against their product).
 */
export interface CategoryCoverage {
  category: string;
  unit: string;
  checked: number;
}

/**
 * A rule the generic engine can run: its definition plus two pure functions over the audit's
 * input. `unavailable` returns why the rule cannot run on this input (the data it reads was not
 * collected), so that missing data is never mistaken for a problem.
 */
export interface Rule<TInput> extends RuleDefinition {
  unavailable(input: TInput): string | null;
  /** Emits findings in a deterministic order (the order of the input). */
  evaluate(input: TInput, emit: (finding: Finding) => void): void;
}
