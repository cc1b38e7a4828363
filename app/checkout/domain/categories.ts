/** Categories of the checkout rules: what part of buying they are about. */
export const CHECKOUT_CATEGORIES = [
  { id: "selling", label: "Can anything be bought" },
  { id: "shipping", label: "Shipping coverage" },
  { id: "policies", label: "Store policies" },
  { id: "discounts", label: "Discount codes" },
  { id: "funnel", label: "Checkout funnel" },
] as const;

export type CheckoutCategory = (typeof CHECKOUT_CATEGORIES)[number]["id"];
