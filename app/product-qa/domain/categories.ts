/**
 * The product QA categories, in display order. `weight` is the category's share of the overall
 * product health score (docs/rules.md): prices cost money directly when wrong; images, copy,
 * organisation and stock decide whether a shopper buys; search listings and identifiers bring
 * traffic but rarely stop a sale on their own.
 */
import type { ScoreCategory } from "./score";

export const PRODUCT_QA_CATEGORIES = [
  { id: "images", label: "Images", weight: 2 },
  { id: "content", label: "Titles and descriptions", weight: 2 },
  { id: "seo", label: "Search engine listing", weight: 1 },
  { id: "merchandising", label: "Organisation and visibility", weight: 2 },
  { id: "pricing", label: "Prices", weight: 3 },
  { id: "identifiers", label: "SKUs and barcodes", weight: 1 },
  { id: "inventory", label: "Stock and shipping", weight: 2 },
] as const satisfies readonly ScoreCategory[];

export type ProductQaCategory = (typeof PRODUCT_QA_CATEGORIES)[number]["id"];
