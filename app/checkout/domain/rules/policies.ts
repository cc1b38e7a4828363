/** The store policies a checkout links to and EU/UK consumer law expects. */
import { ADMIN_PAGES, adminPageUrl } from "../links";
import type { CheckoutRule } from "../rule-model";
import type { PolicyType } from "~/snapshot/domain/types";

/** The five policies Settings → Policies offers, in its order, with their names there. */
export const REQUIRED_POLICIES: readonly { type: PolicyType; name: string }[] = [
  { type: "REFUND_POLICY", name: "Return and refund policy" },
  { type: "PRIVACY_POLICY", name: "Privacy policy" },
  { type: "TERMS_OF_SERVICE", name: "Terms of service" },
  { type: "SHIPPING_POLICY", name: "Shipping policy" },
  { type: "CONTACT_INFORMATION", name: "Contact information" },
];

export const policyMissing: CheckoutRule = {
  id: "checkout.policy-missing",
  category: "policies",
  severity: "warning",
  title: "A store policy is missing",
  why: "Checkout links the store policies in its footer. A missing refund, privacy, terms, shipping or contact policy costs trust at the moment of paying, breaks EU and UK consumer rules, and can get the shop refused by payment providers and Google Shopping.",
  fix: "Open Settings → Policies and write the missing policy (Shopify offers templates for most of them); it then appears in checkout and the storefront footer.",
  target: "policy",
  needs: ["policies"],
  check({ snapshot }, emit) {
    const policies = snapshot.policies ?? [];
    for (const { type, name } of REQUIRED_POLICIES) {
      const policy = policies.find((p) => p.type === type);
      if (policy !== undefined && policy.bodyLength > 0) continue;
      emit({
        resource: { type: "policy", id: type, title: name },
        message:
          policy === undefined
            ? `The shop has no ${name.toLowerCase()}.`
            : `The ${name.toLowerCase()} exists but is empty.`,
        details: { policyType: type, exists: policy !== undefined },
        fixUrl: adminPageUrl(snapshot.shop.domain, ADMIN_PAGES.policies),
      });
    }
  },
};
