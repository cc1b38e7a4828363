/**
 * The product QA thresholds a shop can change. Defaults are the ones docs/demo-store.md
 * documents (and the demo store is built against): fewer than 3 images, fewer than 50 words of
 * description, an SEO title over 70 and an SEO description over 160 characters (about what
 * Google shows before cutting them off).
 */
import { z } from "zod";

function wholeNumber(min: number, max: number, fallback: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.int({ error: message }).min(min, message).max(max, message).default(fallback);
}

export const productQaThresholdsSchema = z.strictObject({
  /** product.few-images: fewer images than this (at least one; none is product.missing-image). */
  minImages: wholeNumber(2, 20, 3),
  /** product.short-description: fewer visible words than this (at least one). */
  minDescriptionWords: wholeNumber(1, 1000, 50),
  /** seo.title-length: an SEO title longer than this many characters. */
  maxSeoTitleLength: wholeNumber(10, 255, 70),
  /** seo.description-length: an SEO description longer than this many characters. */
  maxSeoDescriptionLength: wholeNumber(20, 320, 160),
});

export type ProductQaThresholds = z.output<typeof productQaThresholdsSchema>;
