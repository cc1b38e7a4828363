/**
 * The checkout readiness rules, in the order findings are listed (and docs/rules.md documents
 * them). A test keeps the catalog, rule-ids.ts and the docs in step.
 */
import type { CheckoutRule } from "./rule-model";
import { discountExpiredActive } from "./rules/discounts";
import { policyMissing } from "./rules/policies";
import { noPurchasableProducts, paymentsNotReady, storefrontPassword } from "./rules/selling";
import { marketWithoutShipping, productNotShippable } from "./rules/shipping";

export const CHECKOUT_READINESS_RULES: readonly CheckoutRule[] = [
  noPurchasableProducts,
  storefrontPassword,
  paymentsNotReady,
  marketWithoutShipping,
  productNotShippable,
  policyMissing,
  discountExpiredActive,
];
