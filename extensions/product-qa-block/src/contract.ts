/**
 * The JSON the block and the app's `/api/product-findings` route exchange. Types and constants
 * only, no imports: the app's route imports them too, so both sides compile against one shape.
 *
 * `GET  /api/product-findings?id=<product GID>` → ProductFindingsPayload (the open findings)
 * `POST /api/product-findings?id=<product GID>` → ProductFindingsPayload (after a live re-check)
 * Errors → ApiErrorBody with status 400 (bad id), 401 (no or bad session token), 405, 500.
 */

export type Severity = "critical" | "warning" | "info";

export interface ProductFinding {
  /** The finding's identity across runs (rule id + resource id). */
  key: string;
  ruleId: string;
  severity: Severity;
  /** The rule's title: what is wrong, in a few words. */
  title: string;
  /** What exactly is wrong, with the values found. */
  message: string;
  /** Where to click in Shopify admin to fix it; null for rules outside the product catalog. */
  fixHint: string | null;
  /**
   * Set when the finding is about one variant: which one (the message does not say), and the
   * variant's admin page (`shopify:admin/products/…/variants/…`), where it is fixed.
   */
  variant: { title: string; adminLink: string | null } | null;
}

export interface ProductFindingsPayload {
  productId: string;
  /**
   * When an audit last covered this product (ISO 8601): the later of the shop's last full audit
   * and the product's last re-check. Null until a full audit of the shop has succeeded (a
   * re-check compares the product with that audit's catalog, so it cannot run before one).
   */
  checkedAt: string | null;
  /** Open, not suppressed, most severe first; at most MAX_LISTED_FINDINGS. */
  findings: ProductFinding[];
  /** Every open, not suppressed finding of the product (can exceed `findings.length`). */
  openCount: number;
  /** Open findings the merchant accepted (suppressed): counted, not listed. */
  suppressedCount: number;
}

export interface ApiErrorBody {
  error: "invalid-product-id" | "unauthorized" | "method-not-allowed" | "server-error";
  message: string;
}

/**
 * A product with hundreds of variants can have hundreds of findings; the block shows the most
 * severe ones and says how many more there are.
 */
export const MAX_LISTED_FINDINGS = 25;
