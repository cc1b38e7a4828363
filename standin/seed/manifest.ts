/**
 * The manifest of planted defects: what the audits must find in the demo shop.
 *
 * Rule ids are the audits' stable ids; other parts of the app and their tests depend on the
 * exact strings below.
 */
import type { PlantedDefect } from "../store/types";

/** Rules about one product's data (the product QA audit). */
export const PRODUCT_RULE_IDS = [
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

export const CHECKOUT_RULE_IDS = [
  "checkout.policy-missing",
  "checkout.market-without-shipping",
  "checkout.product-not-shippable",
  "checkout.discount-expired-active",
  "checkout.storefront-password",
] as const;

export const PERF_RULE_IDS = [
  "perf.app-leftover",
  "perf.theme-parser-blocking-script",
  "perf.theme-asset-size",
  "perf.theme-deprecated-code",
  "perf.theme-missing-file",
  "perf.theme-syntax-error",
] as const;

export type ProductRuleId = (typeof PRODUCT_RULE_IDS)[number];
export type RuleId =
  ProductRuleId | (typeof CHECKOUT_RULE_IDS)[number] | (typeof PERF_RULE_IDS)[number];

/** Thresholds the planted defects (and the clean products) were built against. */
export const THRESHOLDS = {
  /** product.few-images: fewer images than this (but at least one). */
  minImages: 3,
  /** product.short-description: fewer visible words than this (but at least one). */
  minDescriptionWords: 50,
  /** seo.title-length: longer than this many characters. */
  maxSeoTitleLength: 70,
  /** seo.description-length: longer than this many characters. */
  maxSeoDescriptionLength: 160,
} as const;

export interface ManifestDefect extends PlantedDefect {
  ruleId: RuleId;
}
