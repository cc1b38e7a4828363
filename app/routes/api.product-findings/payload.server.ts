/**
 * The product block's view of one product's findings (the JSON contract lives with the
 * extension: extensions/product-qa-block/src/contract.ts).
 */
import { embeddedAdminUrl } from "~/findings/admin-links";
import type { FindingView } from "~/product-qa/index.server";
import { ruleDefinition } from "~/product-qa";
import {
  MAX_LISTED_FINDINGS,
  type ProductFinding,
  type ProductFindingsPayload,
} from "../../../extensions/product-qa-block/src/contract";

/**
 * `findings`: the product's stored findings, suppressed ones included, most severe first (as
 * listProductFindings returns them). `checkedAt`: when an audit last covered the product.
 */
export function productFindingsPayload(
  productId: string,
  findings: readonly FindingView[],
  checkedAt: Date | null,
): ProductFindingsPayload {
  const open = findings.filter((f) => !f.suppressed);
  return {
    productId,
    checkedAt: checkedAt?.toISOString() ?? null,
    findings: open.slice(0, MAX_LISTED_FINDINGS).map(toProductFinding),
    openCount: open.length,
    suppressedCount: findings.length - open.length,
  };
}

/**
 * A product without options has one variant with this title, edited on the product page
 * itself. Product and image findings are fixed on the page the block sits on too; only a real
 * variant's are on another page (its own), so only those name the variant and link to it.
 */
const DEFAULT_VARIANT_TITLE = "Default Title";

function toProductFinding(finding: FindingView): ProductFinding {
  const rule = ruleDefinition(finding.ruleId);
  return {
    key: finding.key,
    ruleId: finding.ruleId,
    severity: finding.severity,
    // A rule removed from the catalog keeps its stored findings until the next run.
    title: rule?.title ?? finding.ruleId,
    message: finding.message,
    fixHint: rule?.fix ?? null,
    variant:
      finding.resourceType === "variant" && finding.variantTitle !== DEFAULT_VARIANT_TITLE
        ? {
            title: finding.variantTitle ?? finding.variantSku ?? finding.resourceId,
            adminLink: extensionAdminUrl(finding.fixUrl),
          }
        : null,
  };
}

/**
 * Admin UI extensions link into admin with `shopify:admin/…` (App Bridge, inside the app's own
 * pages, uses `shopify://admin/…`): `…/store/x/products/1/variants/2` →
 * `shopify:admin/products/1/variants/2`.
 */
function extensionAdminUrl(fixUrl: string | null): string | null {
  return embeddedAdminUrl(fixUrl)?.replace(/^shopify:\/\/admin\//, "shopify:admin/") ?? null;
}
