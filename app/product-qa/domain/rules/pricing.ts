import { amount, ARCHIVED_EXEMPTION, type ProductRule } from "../rule-model";

export const zeroPrice: ProductRule = {
  id: "variant.zero-price",
  category: "pricing",
  severity: "critical",
  title: "Variant costs nothing",
  why: "A variant priced at zero can be ordered for free: every order loses the full cost of the goods, and bargain hunters share such links fast.",
  fix: "Open Products → the product, click the variant and set its Price.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["price"],
  target: "variant",
  start: (context) => (variant) => {
    const price = amount(variant.price);
    return price !== null && price <= 0
      ? {
          message: `The price is ${context.money(variant.price)}.`,
          details: { price: variant.price },
        }
      : null;
  },
};

export const compareAtBelowPrice: ProductRule = {
  id: "variant.compare-at-below-price",
  category: "pricing",
  severity: "warning",
  title: "Compare-at price is below the price",
  why: 'The compare-at price is the "before" price of a sale. Below the actual price it is a mistake: the theme shows no sale, sale collections leave the product out, and price-comparison sites may show a wrong price.',
  fix: "Open the variant and either raise Compare-at price above Price (if the product is on sale) or clear it (if it is not). Often the two were swapped.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["price", "compareAtPrice"],
  target: "variant",
  start: (context) => (variant) => {
    if (variant.compareAtPrice === null) return null;
    const compareAt = amount(variant.compareAtPrice);
    const price = amount(variant.price);
    // A compare-at price of 0 is how older imports say "none": no sale, nothing to compare.
    if (compareAt === null || price === null || compareAt <= 0 || compareAt >= price) return null;
    return {
      message: `Compare-at price ${context.money(variant.compareAtPrice)} is below the price ${context.money(variant.price)}.`,
      details: { price: variant.price, compareAtPrice: variant.compareAtPrice },
    };
  },
};
