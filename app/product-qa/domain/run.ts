/**
 * runProductQa: the product QA audit over one snapshot.
 *
 * Each catalog rule becomes a generic engine rule (audit/engine.ts) that walks the products it
 * applies to, in snapshot order. Findings are therefore ordered by rule (catalog order), then
 * product (snapshot order), then variant or image (the product's order): the same snapshot and
 * settings always give the same list. Work is linear in the catalog: every rule is one pass,
 * description text is measured once per product, and duplicate checks group with a Map.
 */
import { runRules } from "~/findings/engine";
import { DEFAULT_AUDIT_SETTINGS, type AuditSettings } from "./settings";
import type { CategoryCoverage, Finding, Rule, SkippedRule } from "~/findings/types";
import type { SnapshotProduct, StoreSnapshot } from "~/snapshot/domain/types";
import { PRODUCT_QA_CATEGORIES } from "./categories";
import { PRODUCT_QA_RULES } from "./catalog";
import { createContext, unavailableInput, type ProductQaContext } from "./context";
import { makeFinding } from "./findings";
import type { ProductQaRuleId } from "./rule-ids";
import { exemptionFor, type ProductRule } from "./rule-model";

export interface ProductQaStats {
  /** Products at least one rule looked at (archived products are exempt from all). */
  productsChecked: number;
  variantsChecked: number;
  rulesRun: number;
}

export interface ProductQaResult {
  findings: Finding[];
  skipped: SkippedRule[];
  /** The rules that ran: only their previously open findings can count as fixed. */
  ran: ProductQaRuleId[];
  /** Products checked per category, the health score's denominators (unit "product"). */
  coverage: CategoryCoverage[];
  stats: ProductQaStats;
}

interface Applicable {
  indices: number[];
  products: SnapshotProduct[];
}

/**
 * Per run: which products each rule applies to (shared by rules with the same exemptions) and
 * which products each category's rules looked at (one byte per product).
 */
class RunState {
  private readonly marks = new Map<string, Uint8Array>();
  private readonly applicableBySignature = new Map<string, Applicable>();

  constructor(private readonly products: readonly SnapshotProduct[]) {}

  /** The products `rule` applies to (and their snapshot indices), in snapshot order. */
  applicable(rule: ProductRule): Applicable {
    const signature = `${rule.exempt.giftCard !== undefined}/${rule.exempt.unlisted !== undefined}`;
    const cached = this.applicableBySignature.get(signature);
    if (cached) return cached;
    const applicable: Applicable = { indices: [], products: [] };
    this.products.forEach((product, i) => {
      if (exemptionFor(rule, product) !== null) return;
      applicable.indices.push(i);
      applicable.products.push(product);
    });
    this.applicableBySignature.set(signature, applicable);
    return applicable;
  }

  markChecked(category: string, indices: readonly number[]): void {
    let marks = this.marks.get(category);
    if (marks === undefined) {
      marks = new Uint8Array(this.products.length);
      this.marks.set(category, marks);
    }
    for (const i of indices) marks[i] = 1;
  }

  checkedIn(category: string): number {
    return this.marks.get(category)?.reduce((n, m) => n + m, 0) ?? 0;
  }

  /** Products and variants checked in any category. */
  totals(): { products: number; variants: number } {
    const all = [...this.marks.values()];
    let products = 0;
    let variants = 0;
    this.products.forEach((product, i) => {
      if (all.some((marks) => marks[i] === 1)) {
        products++;
        variants += product.variants.length;
      }
    });
    return { products, variants };
  }
}

function toEngineRule(rule: ProductRule, state: RunState): Rule<ProductQaContext> {
  return {
    id: rule.id,
    category: rule.category,
    severity: rule.severity,
    title: rule.title,
    why: rule.why,
    fix: rule.fix,
    unavailable: (context) => {
      const reasons = rule.needs.flatMap((need) => unavailableInput(need, context.snapshot) ?? []);
      return reasons.length === 0 ? null : reasons.join(" ");
    },
    evaluate(context, emit) {
      const { indices, products: applicable } = state.applicable(rule);
      state.markChecked(rule.category, indices);
      switch (rule.target) {
        case "product": {
          const check = rule.start(context, applicable);
          for (const product of applicable) {
            const problem = check(product);
            if (problem) emit(makeFinding(rule, context, product, { type: "product" }, problem));
          }
          return;
        }
        case "variant": {
          const check = rule.start(context, applicable);
          for (const product of applicable)
            for (const variant of product.variants) {
              const problem = check(variant, product);
              if (problem)
                emit(makeFinding(rule, context, product, { type: "variant", variant }, problem));
            }
          return;
        }
        case "media": {
          const check = rule.start(context, applicable);
          for (const product of applicable)
            product.media.forEach((media, i) => {
              const position = i + 1;
              const problem = check(media, position, product);
              if (problem)
                emit(
                  makeFinding(rule, context, product, { type: "media", media, position }, problem),
                );
            });
          return;
        }
      }
    },
  };
}

export function runProductQa(
  snapshot: StoreSnapshot,
  settings: AuditSettings = DEFAULT_AUDIT_SETTINGS,
): ProductQaResult {
  const state = new RunState(snapshot.products);
  const run = runRules(
    PRODUCT_QA_RULES.map((rule) => toEngineRule(rule, state)),
    createContext(snapshot, settings.productQa),
    { disabledRules: new Set(settings.disabledRules) },
  );
  const totals = state.totals();
  const ran = new Set(run.ran);
  return {
    findings: run.findings,
    skipped: run.skipped,
    ran: PRODUCT_QA_RULES.filter((rule) => ran.has(rule.id)).map((rule) => rule.id),
    coverage: PRODUCT_QA_CATEGORIES.map(({ id }) => ({
      category: id,
      unit: "product",
      checked: state.checkedIn(id),
    })),
    stats: {
      productsChecked: totals.products,
      variantsChecked: totals.variants,
      rulesRun: run.ran.length,
    },
  };
}
