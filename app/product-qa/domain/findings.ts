/**
 * Turns a check's Problem into a Finding: identity, resource, severity and admin link.
 *
 * Draft products are not for sale yet, so nothing on them costs sales today; but they are about
 * to be, and launching them clean is the point of checking them. Every rule runs on drafts, and
 * their findings are one severity lower (critical → warning, warning → info), with
 * `details.draft: true`.
 */
import { productAdminUrl } from "~/findings/admin-links";
import { findingKey } from "~/findings/finding-key";
import type { Finding, FindingResource, Severity } from "~/findings/types";
import type { SnapshotMedia, SnapshotProduct, SnapshotVariant } from "~/snapshot/domain/types";
import type { ProductQaContext } from "./context";
import type { Problem, ProductRule } from "./rule-model";

const ONE_LOWER: Record<Severity, Severity> = {
  critical: "warning",
  warning: "info",
  info: "info",
};

type FindingSubject =
  | { type: "product" }
  | { type: "variant"; variant: SnapshotVariant }
  | { type: "media"; media: SnapshotMedia; position: number };

function resourceOf(product: SnapshotProduct, subject: FindingSubject): FindingResource {
  const ref = {
    productId: product.id,
    productHandle: product.handle,
    productTitle: product.title,
  };
  switch (subject.type) {
    case "product":
      return { type: "product", id: product.id, ...ref };
    case "variant":
      return {
        type: "variant",
        id: subject.variant.id,
        ...ref,
        variantId: subject.variant.id,
        variantSku: subject.variant.sku,
        variantTitle: subject.variant.title,
      };
    case "media":
      return { type: "media", id: subject.media.id, ...ref, position: subject.position };
  }
}

export function makeFinding(
  rule: ProductRule,
  context: ProductQaContext,
  product: SnapshotProduct,
  subject: FindingSubject,
  problem: Problem,
): Finding {
  const resource = resourceOf(product, subject);
  const draft = product.status === "DRAFT";
  return {
    key: findingKey(rule.id, resource.id),
    ruleId: rule.id,
    severity: draft ? ONE_LOWER[rule.severity] : rule.severity,
    category: rule.category,
    resource,
    message: problem.message,
    details: draft ? { ...problem.details, draft: true } : problem.details,
    fixUrl: productAdminUrl(
      context.snapshot.shop.domain,
      product,
      subject.type === "variant" ? subject.variant : undefined,
    ),
  };
}
