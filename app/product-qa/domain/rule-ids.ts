/**
 * The product QA rule ids, in catalog order. They are stable: stored findings, suppressions,
 * shop settings, the demo store's manifest and other tools refer to them.
 */
export const PRODUCT_QA_RULE_IDS = [
  "product.missing-image",
  "product.few-images",
  "image.missing-alt",
  "product.missing-description",
  "product.short-description",
  "product.placeholder-copy",
  "product.duplicate-title",
  "product.missing-vendor",
  "product.missing-type",
  "product.missing-category",
  "product.not-in-collection",
  "product.unpublished-online-store",
  "seo.missing-title",
  "seo.missing-description",
  "seo.title-length",
  "seo.description-length",
  "variant.zero-price",
  "variant.compare-at-below-price",
  "variant.missing-sku",
  "variant.duplicate-sku",
  "variant.missing-barcode",
  "variant.invalid-barcode",
  "variant.duplicate-barcode",
  "variant.zero-weight",
  "variant.out-of-stock-active",
  "variant.negative-inventory",
] as const;

export type ProductQaRuleId = (typeof PRODUCT_QA_RULE_IDS)[number];
