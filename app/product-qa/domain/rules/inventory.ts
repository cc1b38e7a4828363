import type { SnapshotVariant, WeightUnit } from "~/snapshot/domain/types";
import { ARCHIVED_EXEMPTION, type Problem, type ProductRule } from "../rule-model";

const GIFT_CARD_STOCK =
  "Gift cards are digital and unlimited: Shopify neither ships nor counts them.";

const UNIT_SYMBOL: Record<WeightUnit, string> = {
  GRAMS: "g",
  KILOGRAMS: "kg",
  OUNCES: "oz",
  POUNDS: "lb",
};

export const zeroWeight: ProductRule = {
  id: "variant.zero-weight",
  category: "inventory",
  severity: "warning",
  title: "Shipped variant weighs nothing",
  why: "Weight-based shipping rates and carrier-calculated rates use the variant's weight. At zero the checkout charges too little (or nothing) for shipping, and labels are wrong.",
  fix: "Open the variant and enter the packed weight under Shipping → Weight.",
  exempt: { ...ARCHIVED_EXEMPTION, giftCard: GIFT_CARD_STOCK },
  needs: ["weight"],
  target: "variant",
  start: () => (variant) =>
    variant.requiresShipping && variant.weight !== null && variant.weight.value === 0
      ? {
          message: `The variant requires shipping but weighs 0 ${UNIT_SYMBOL[variant.weight.unit]}.`,
          details: { weight: 0, unit: variant.weight.unit },
        }
      : null,
};

/**
 * Available units summed over locations: Shopify's own total when the source has it, else the
 * sum of the per-location levels; null when the source says neither.
 */
export function availableTotal(variant: SnapshotVariant): number | null {
  if (variant.inventoryQuantity !== null) return variant.inventoryQuantity;
  if (variant.inventoryLevels === null) return null;
  return variant.inventoryLevels.reduce((sum, level) => sum + level.available, 0);
}

export const outOfStockActive: ProductRule = {
  id: "variant.out-of-stock-active",
  category: "inventory",
  severity: "warning",
  title: "Variant is sold out on an active product",
  why: "Shoppers find the product but cannot buy this variant. A sold-out page loses the sale, and if the visitor came from an ad, the click was paid for nothing.",
  fix: 'Restock and update the quantity (Products → the product → the variant → Inventory). If it will not come back, delete the variant or set the product to Draft. Tick "Continue selling when out of stock" only for real backorders.',
  exempt: { ...ARCHIVED_EXEMPTION, giftCard: GIFT_CARD_STOCK },
  needs: ["inventory", "status"],
  target: "variant",
  start: () => (variant, product) => {
    if (product.status !== "ACTIVE" || !variant.tracked || variant.inventoryPolicy !== "DENY")
      return null;
    const available = availableTotal(variant);
    return available !== null && available <= 0
      ? {
          message: `The variant is sold out (${available} available) and does not sell when out of stock.`,
          details: { available },
        }
      : null;
  },
};

export const negativeInventory: ProductRule = {
  id: "variant.negative-inventory",
  category: "inventory",
  severity: "warning",
  title: "Variant has negative stock",
  why: "Negative stock means more was sold than was there: orders wait for goods that may not come, and stock counts and reorder points are wrong.",
  fix: 'Count the stock and correct the quantity at the location (Products → Inventory). Then find out why it oversold: "Continue selling when out of stock", or sales booked at the wrong location.',
  exempt: { ...ARCHIVED_EXEMPTION, giftCard: GIFT_CARD_STOCK },
  needs: ["inventory"],
  target: "variant",
  start: ({ snapshot }) => {
    const names = new Map((snapshot.locations ?? []).map((l) => [l.id, l.name]));
    return (variant): Problem | null => {
      // An untracked item's count is not kept up to date by Shopify: its sign means nothing.
      if (!variant.tracked) return null;
      if (variant.inventoryLevels === null) {
        // Without per-location data, a negative total still proves a negative location.
        const total = variant.inventoryQuantity;
        return total !== null && total < 0
          ? { message: `${total} available in total.`, details: { available: total } }
          : null;
      }
      const negative = variant.inventoryLevels.filter((level) => level.available < 0);
      if (negative.length === 0) return null;
      const where = negative.map(
        (l) => `${l.available} at ${names.get(l.locationId) ?? l.locationId}`,
      );
      return {
        message: `Negative stock: ${where.join(", ")}.`,
        details: {
          locations: negative.map((l) => ({
            locationId: l.locationId,
            name: names.get(l.locationId) ?? null,
            available: l.available,
          })),
        },
      };
    };
  },
};
