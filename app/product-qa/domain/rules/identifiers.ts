import { barcodeIdentity, barcodeProblem } from "../gtin";
import type { SnapshotVariant } from "~/snapshot/domain/types";
import { ARCHIVED_EXEMPTION, blank, type Problem, type ProductRule } from "../rule-model";
import {
  duplicateVariantGroups,
  othersIn,
  plural,
  variantLabel,
  type VariantOf,
} from "./duplicates";

const GIFT_CARD_BARCODE =
  "Gift cards are issued by Shopify, not made by a manufacturer: they have no GTIN.";

export const missingSku: ProductRule = {
  id: "variant.missing-sku",
  category: "identifiers",
  severity: "warning",
  title: "Variant has no SKU",
  why: "The SKU is how warehouses, fulfilment and accounting apps and marketplaces tell variants apart. Without it orders are picked by name, and wrong items get shipped.",
  fix: 'Open the variant and fill in SKU under Inventory (tick "This product has a SKU or barcode" if the field is hidden).',
  exempt: {
    ...ARCHIVED_EXEMPTION,
    giftCard:
      "Gift cards are sent by Shopify, never picked from a shelf: there is nothing for a SKU to identify.",
  },
  needs: ["sku"],
  target: "variant",
  start: () => (variant) =>
    blank(variant.sku) ? { message: "The variant has no SKU.", details: {} } : null,
};

/** SKUs compare without surrounding spaces and case: "ab-1" and "AB-1 " are one SKU to a warehouse. */
function skuKey(sku: string | null): string | null {
  return blank(sku) ? null : (sku ?? "").trim().toUpperCase();
}

function duplicateProblem(
  what: "SKU" | "Barcode",
  value: string,
  group: readonly VariantOf[],
  self: SnapshotVariant,
): Problem {
  const others = othersIn(group, (v) => v.variant === self).map(variantLabel);
  const more = group.length - 1 > others.length ? ", …" : "";
  return {
    message: `${what} ${value} is also used by ${plural(group.length - 1, "other variant", "other variants")}: ${others.join(", ")}${more}.`,
    details: { [what === "SKU" ? "sku" : "barcode"]: value, variants: group.length, others },
  };
}

export const duplicateSku: ProductRule = {
  id: "variant.duplicate-sku",
  category: "identifiers",
  severity: "warning",
  title: "Several variants share a SKU",
  why: "When two variants share a SKU, stock syncs, warehouse picking and sales reports mix them up: one can sell out while the other's stock is still counted.",
  fix: "Give each variant its own SKU: open one of the listed variants and change its SKU.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["sku"],
  target: "variant",
  start: (_, applicable) => {
    const groups = duplicateVariantGroups(applicable, (v) => skuKey(v.sku));
    return (variant) => {
      const key = skuKey(variant.sku);
      const group = key === null ? undefined : groups.get(key);
      if (group === undefined) return null;
      return duplicateProblem("SKU", (variant.sku ?? "").trim(), group, variant);
    };
  },
};

export const missingBarcode: ProductRule = {
  id: "variant.missing-barcode",
  category: "identifiers",
  severity: "info",
  title: "Variant has no barcode",
  why: "Google Shopping, marketplaces and price-comparison sites match products by barcode (GTIN/EAN/UPC). Without one, listings get fewer impressions or are refused.",
  fix: "Open the variant and enter the manufacturer's barcode from the packaging under Inventory → Barcode. Only goods that are shipped need one.",
  exempt: { ...ARCHIVED_EXEMPTION, giftCard: GIFT_CARD_BARCODE },
  needs: ["barcode"],
  target: "variant",
  // Services and digital goods (nothing shipped) have no GTIN to enter.
  start: () => (variant) =>
    variant.requiresShipping && blank(variant.barcode)
      ? { message: "The variant has no barcode.", details: {} }
      : null,
};

export const invalidBarcode: ProductRule = {
  id: "variant.invalid-barcode",
  category: "identifiers",
  severity: "warning",
  title: "Barcode is not a valid GTIN",
  why: "A mistyped barcode points Google Shopping and marketplaces at another product or at none: the listing is refused or matched to the wrong item.",
  fix: "Open the variant and correct Barcode from the packaging or the supplier's price list. Don't make numbers up: GTINs are issued by GS1.",
  exempt: { ...ARCHIVED_EXEMPTION, giftCard: GIFT_CARD_BARCODE },
  needs: ["barcode"],
  target: "variant",
  start:
    () =>
    (variant): Problem | null => {
      if (blank(variant.barcode)) return null;
      const barcode = (variant.barcode ?? "").trim();
      const problem = barcodeProblem(barcode);
      if (problem === null) return null;
      switch (problem.kind) {
        case "not-digits":
          return {
            message: `Barcode "${barcode}" contains characters other than digits.`,
            details: { barcode, problem: problem.kind },
          };
        case "length":
          return {
            message: `Barcode ${barcode} has ${problem.length} digits; a GTIN has 8, 12, 13 or 14.`,
            details: { barcode, problem: problem.kind, length: problem.length },
          };
        case "check-digit":
          return {
            message: `Barcode ${barcode} has a wrong check digit (expected ${problem.expected}).`,
            details: { barcode, problem: problem.kind, expectedCheckDigit: problem.expected },
          };
      }
    },
};

export const duplicateBarcode: ProductRule = {
  id: "variant.duplicate-barcode",
  category: "identifiers",
  severity: "warning",
  title: "Several variants share a barcode",
  why: "A barcode identifies exactly one product. Shared by two variants, sales channels merge or refuse them, and scanners at the till pick the wrong one.",
  fix: "Check on the packaging which variant the barcode belongs to, and correct the other variant's Barcode.",
  exempt: { ...ARCHIVED_EXEMPTION, giftCard: GIFT_CARD_BARCODE },
  needs: ["barcode"],
  target: "variant",
  start: (_, applicable) => {
    const keyOf = (barcode: string | null) =>
      blank(barcode) ? null : barcodeIdentity((barcode ?? "").trim());
    const groups = duplicateVariantGroups(applicable, (v) => keyOf(v.barcode));
    return (variant) => {
      const key = keyOf(variant.barcode);
      const group = key === null ? undefined : groups.get(key);
      if (group === undefined) return null;
      return duplicateProblem("Barcode", (variant.barcode ?? "").trim(), group, variant);
    };
  },
};
