/** Discounts whose status says ACTIVE while they can no longer be used as intended. */
import { discountUrl } from "../links";
import type { CheckoutRule } from "../rule-model";

export const discountExpiredActive: CheckoutRule = {
  id: "checkout.discount-expired-active",
  category: "discounts",
  severity: "warning",
  title: "A discount is active but expired or used up",
  why: "Customers who got the code (newsletter, influencer, printed flyer) type it at checkout and are refused, or, if Shopify still honours it after its end date, it keeps costing margin. Either way, the discount list no longer says what is really on offer.",
  fix: "Open Discounts → the discount and either set a new end date or usage limit if it should continue, or deactivate it and tell the people who hold the code.",
  target: "discount",
  needs: ["discounts"],
  check({ snapshot }, emit) {
    const now = Date.parse(snapshot.source.collectedAt);
    for (const discount of snapshot.discounts ?? []) {
      if (discount.status !== "ACTIVE") continue;
      const ended = discount.endsAt !== null && Date.parse(discount.endsAt) < now;
      const usedUp =
        discount.kind === "CODE" &&
        discount.usageLimit !== null &&
        discount.usageCount !== null &&
        discount.usageCount >= discount.usageLimit;
      if (!ended && !usedUp) continue;
      const name = discount.codes[0] ?? discount.title;
      const reasons = [
        ...(ended ? [`ended ${discount.endsAt?.slice(0, 10) ?? ""}`] : []),
        ...(usedUp ? [`has used all ${discount.usageLimit ?? 0} of its uses`] : []),
      ];
      emit({
        resource: { type: "discount", id: discount.id, title: name },
        message: `${discount.kind === "CODE" ? "Code" : "Automatic discount"} ${name} is still active but ${reasons.join(" and ")}.`,
        details: {
          code: discount.codes[0] ?? null,
          endsAt: discount.endsAt,
          usageLimit: discount.usageLimit,
          usageCount: discount.usageCount,
          ended,
          usedUp,
        },
        fixUrl: discountUrl(snapshot.shop.domain, discount.id),
      });
    }
  },
};
