/**
 * What product rules read besides the product itself: the snapshot, the shop's thresholds, and
 * measures of the description computed once per product (several rules read them, and HTML
 * scanning is the costliest step on a large catalog).
 */
import { countWords, visibleText } from "~/snapshot/domain/html-text";
import type { ProductDataField, SnapshotProduct, StoreSnapshot } from "~/snapshot/domain/types";
import { findPlaceholder } from "./placeholder";
import type { ProductQaThresholds } from "./thresholds";

/** What rules need to know of a description; the text itself is not kept (memory, at 100k). */
export interface DescriptionFacts {
  /** Visible words, counted up to the short-description threshold (no rule needs more). */
  words: number;
  /** The placeholder phrase in the visible text, or null. */
  placeholder: string | null;
}

export interface ProductQaContext {
  snapshot: StoreSnapshot;
  thresholds: ProductQaThresholds;
  /** "149.00 DKK" (the amount as Shopify wrote it; no currency when the shop's is unknown). */
  money(amount: string): string;
  description(product: SnapshotProduct): DescriptionFacts;
}

export function createContext(
  snapshot: StoreSnapshot,
  thresholds: ProductQaThresholds,
): ProductQaContext {
  const currency = snapshot.shop.currencyCode;
  // A Map, not a WeakMap: it lives as long as the run, and 100,000 ephemerons slow the GC.
  const descriptions = new Map<SnapshotProduct, DescriptionFacts>();
  return {
    snapshot,
    thresholds,
    money: (amount) => (currency ? `${amount} ${currency}` : amount),
    description(product) {
      let facts = descriptions.get(product);
      if (facts === undefined) {
        const text = visibleText(product.descriptionHtml);
        facts = {
          words: countWords(text, thresholds.minDescriptionWords),
          placeholder: findPlaceholder(text),
        };
        descriptions.set(product, facts);
      }
      return facts;
    },
  };
}

/**
 * Data a source may not provide (a CSV export without the column, a shop read without a scope).
 * A rule that needs it does not run when it was not collected: "not collected" must never read
 * as "missing" (nor as "checked, nothing wrong").
 */
export type ProductQaInputName = Exclude<ProductDataField, "giftCard" | "tags">;

/** How a reason names each input, and whether it takes "is" or "are". */
const INPUT_LABELS: Record<ProductQaInputName, [string, "is" | "are"]> = {
  description: ["Product descriptions", "are"],
  vendor: ["Vendors", "are"],
  productType: ["Product types", "are"],
  category: ["Product categories", "are"],
  status: ["Product statuses (active, draft, archived)", "are"],
  publication: ["Online Store publishing", "is"],
  seoTitle: ["SEO titles", "are"],
  seoDescription: ["SEO descriptions", "are"],
  images: ["Product images", "are"],
  imageAlt: ["Image alt texts", "are"],
  sku: ["SKUs", "are"],
  barcode: ["Barcodes", "are"],
  price: ["Prices", "are"],
  compareAtPrice: ["Compare-at prices", "are"],
  weight: ["Variant weights", "are"],
  inventory: ["Inventory quantities", "are"],
  collections: ["Collection membership", "is"],
};

function sourceLabel(snapshot: StoreSnapshot): string {
  switch (snapshot.source.kind) {
    case "csv":
      return "a product CSV export";
    case "jsonl":
      return "a bulk-operation JSONL file";
    case "shop":
      return "the shop";
  }
}

/** True when the catalog has products and none of them carries the value. */
function noneKnown(snapshot: StoreSnapshot, known: (p: SnapshotProduct) => boolean): boolean {
  return snapshot.products.length > 0 && !snapshot.products.some(known);
}

/** Why `input` is not available in `snapshot`, or null when it is. */
export function unavailableInput(
  input: ProductQaInputName,
  snapshot: StoreSnapshot,
): string | null {
  const { notCollected } = snapshot.source;
  // The source says per field what it lacks (a CSV: per column, whatever its generation).
  const missing = notCollected?.[input];
  if (missing !== undefined) {
    const [label, verb] = INPUT_LABELS[input];
    return `${label} ${verb} not in this file: it has no ${missing}.`;
  }
  const from = sourceLabel(snapshot);
  switch (input) {
    case "category":
      // CSV snapshots stored before columns were judged one by one: the legacy export has no
      // Product Category column, so every category reads as null there.
      return notCollected === undefined &&
        snapshot.source.kind === "csv" &&
        snapshot.source.csvFormat === "legacy"
        ? "Product categories are not in CSV exports of the legacy format (before 2021)."
        : null;
    case "collections":
      return noneKnown(snapshot, (p) => p.collectionIds !== null)
        ? `Collection membership was not collected from ${from}.`
        : null;
    case "publication":
      return noneKnown(snapshot, (p) => p.publishedOnlineStore !== null)
        ? `Online Store publishing was not collected from ${from}.`
        : null;
    case "weight":
      return noneKnown(snapshot, (p) => p.variants.some((v) => v.weight !== null))
        ? `Variant weights were not collected from ${from}.`
        : null;
    case "inventory":
      return noneKnown(snapshot, (p) =>
        p.variants.some((v) => v.inventoryQuantity !== null || v.inventoryLevels !== null),
      )
        ? `Inventory quantities were not collected from ${from}.`
        : null;
    default:
      return null;
  }
}

/**
 * What the audit could not tell apart because the source lacks the data its exemptions read
 * (a CSV without Status or Gift Card): the rules still run, so the reader must know that no
 * product was exempted on those grounds.
 */
export function exemptionCaveats(snapshot: StoreSnapshot): string[] {
  const notCollected = snapshot.source.notCollected ?? {};
  const caveats: string[] = [];
  if (notCollected.status !== undefined)
    caveats.push(
      `The file has no ${notCollected.status}: archived, draft and unlisted products cannot be told apart, so none of them is exempted or has its findings softened.`,
    );
  if (notCollected.giftCard !== undefined)
    caveats.push(
      `The file has no ${notCollected.giftCard}: gift cards cannot be told apart, so they are held to the SKU, barcode, image, description, weight and stock rules they are otherwise exempt from.`,
    );
  return caveats;
}
