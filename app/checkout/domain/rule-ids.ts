/**
 * The checkout audit's rule ids. Stable: stored findings, suppressions, shop settings, the demo
 * store's manifest and other tools refer to them; never rename one.
 *
 * The readiness rules run over a StoreSnapshot (plus what the Storefront API says about
 * payments); `checkout.funnel-drop` runs over the funnel the web pixel reports.
 */
export const CHECKOUT_READINESS_RULE_IDS = [
  "checkout.no-purchasable-products",
  "checkout.storefront-password",
  "checkout.payments-not-ready",
  "checkout.market-without-shipping",
  "checkout.product-not-shippable",
  "checkout.policy-missing",
  "checkout.discount-expired-active",
] as const;

export const FUNNEL_DROP_RULE_ID = "checkout.funnel-drop";

/** Every checkout rule id, in the order docs/rules.md lists them. */
export const CHECKOUT_RULE_IDS = [...CHECKOUT_READINESS_RULE_IDS, FUNNEL_DROP_RULE_ID] as const;

export type CheckoutReadinessRuleId = (typeof CHECKOUT_READINESS_RULE_IDS)[number];
export type CheckoutRuleId = (typeof CHECKOUT_RULE_IDS)[number];
