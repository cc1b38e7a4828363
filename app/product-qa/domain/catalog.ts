/**
 * The product QA rule catalog, in the order findings are listed. docs/rules.md describes every
 * rule; a test keeps the two, and the ids in rule-ids.ts, in step.
 */
import type { ProductRule } from "./rule-model";
import {
  duplicateTitle,
  missingDescription,
  placeholderCopy,
  shortDescription,
} from "./rules/content";
import {
  duplicateBarcode,
  duplicateSku,
  invalidBarcode,
  missingBarcode,
  missingSku,
} from "./rules/identifiers";
import { fewImages, missingAlt, missingImage } from "./rules/images";
import { negativeInventory, outOfStockActive, zeroWeight } from "./rules/inventory";
import {
  missingCategory,
  missingType,
  missingVendor,
  notInCollection,
  unpublishedOnlineStore,
} from "./rules/merchandising";
import { compareAtBelowPrice, zeroPrice } from "./rules/pricing";
import {
  missingSeoDescription,
  missingSeoTitle,
  seoDescriptionLength,
  seoTitleLength,
} from "./rules/seo";

export const PRODUCT_QA_RULES: readonly ProductRule[] = [
  missingImage,
  fewImages,
  missingAlt,
  missingDescription,
  shortDescription,
  placeholderCopy,
  duplicateTitle,
  missingVendor,
  missingType,
  missingCategory,
  notInCollection,
  unpublishedOnlineStore,
  missingSeoTitle,
  missingSeoDescription,
  seoTitleLength,
  seoDescriptionLength,
  zeroPrice,
  compareAtBelowPrice,
  missingSku,
  duplicateSku,
  missingBarcode,
  invalidBarcode,
  duplicateBarcode,
  zeroWeight,
  outOfStockActive,
  negativeInventory,
];
