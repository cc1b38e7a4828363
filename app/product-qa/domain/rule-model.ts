/**
 * A product QA rule: its definition (what the merchant reads), its exemptions and the data it
 * needs (both plain data), and a pure check over one product, variant or image.
 *
 * `start` is called once per run with the products the rule applies to (exempt ones removed)
 * and returns the check; rules that compare across the catalog (duplicate titles, SKUs,
 * barcodes) build their index there, in one pass.
 */
import type { JsonValue, RuleDefinition } from "~/findings/types";
import type {
  ProductStatus,
  SnapshotMedia,
  SnapshotProduct,
  SnapshotVariant,
} from "~/snapshot/domain/types";
import type { ProductQaCategory } from "./categories";
import type { ProductQaContext, ProductQaInputName } from "./context";
import type { ProductQaRuleId } from "./rule-ids";

/** Kinds of product a rule may exempt, each with the reason it does (docs/rules.md). */
export type ExemptionKind = "archived" | "giftCard" | "unlisted";

/** Every rule states its archived exemption; the others are per rule. */
export type Exemptions = { archived: string } & Partial<Record<"giftCard" | "unlisted", string>>;

export const ARCHIVED_EXEMPTION = {
  archived:
    "Archived products are retired: not for sale and not maintained, so their data is allowed to go stale.",
} as const;

/** The exemption that keeps `rule` off `product`, or null when the rule applies. */
export function exemptionFor(
  rule: { exempt: Exemptions },
  product: { status: ProductStatus; isGiftCard: boolean },
): ExemptionKind | null {
  // Called for every rule and product: no allocation.
  if (product.status === "ARCHIVED") return "archived";
  if (product.isGiftCard && rule.exempt.giftCard !== undefined) return "giftCard";
  if (product.status === "UNLISTED" && rule.exempt.unlisted !== undefined) return "unlisted";
  return null;
}

/** What a check reports about one resource; the engine adds identity, severity and links. */
export interface Problem {
  message: string;
  details: { [key: string]: JsonValue };
}

export type ProductCheck = (product: SnapshotProduct) => Problem | null;
export type VariantCheck = (variant: SnapshotVariant, product: SnapshotProduct) => Problem | null;
export type MediaCheck = (
  media: SnapshotMedia,
  position: number,
  product: SnapshotProduct,
) => Problem | null;

interface ProductRuleBase extends RuleDefinition {
  id: ProductQaRuleId;
  category: ProductQaCategory;
  exempt: Exemptions;
  /**
   * Data the rule reads that a source may not provide; the rule is skipped when any of it was
   * not collected (its check would otherwise read "not collected" as "missing", or as "fine").
   */
  needs: readonly ProductQaInputName[];
}

export type ProductRule = ProductRuleBase &
  (
    | {
        target: "product";
        start(context: ProductQaContext, applicable: readonly SnapshotProduct[]): ProductCheck;
      }
    | {
        target: "variant";
        start(context: ProductQaContext, applicable: readonly SnapshotProduct[]): VariantCheck;
      }
    | {
        target: "media";
        start(context: ProductQaContext, applicable: readonly SnapshotProduct[]): MediaCheck;
      }
  );

/** Empty or only whitespace: Shopify stores an empty field as "" or null, depending on the source. */
export function blank(value: string | null): boolean {
  return value === null || value.trim() === "";
}

/** A money string as a number; null when it is not one (empty, or garbage from a source). */
export function amount(value: string): number | null {
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  return n === 0 && value.trim() === "" ? null : n; // Number("") is 0
}
