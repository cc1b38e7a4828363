/**
 * Whether a customer could put a variant in the cart on the Online Store: its product is
 * ACTIVE and published there, it has a price, and it is in stock or keeps selling when out of
 * stock. What the snapshot does not say (publication or stock not collected) is not held
 * against it: only what is known to block a sale does.
 *
 * Gift cards are left out: a shop that can sell nothing but gift cards is not selling.
 */
import { amount } from "~/product-qa";
import { availableTotal } from "~/product-qa";
import type { SnapshotProduct, SnapshotVariant } from "~/snapshot/domain/types";

export function productForSale(product: SnapshotProduct): boolean {
  return (
    product.status === "ACTIVE" && !product.isGiftCard && product.publishedOnlineStore !== false
  );
}

export function variantPriced(variant: SnapshotVariant): boolean {
  const price = amount(variant.price);
  return price !== null && price > 0;
}

export function variantInStock(variant: SnapshotVariant): boolean {
  if (!variant.tracked || variant.inventoryPolicy === "CONTINUE") return true;
  const available = availableTotal(variant);
  return available === null || available > 0;
}

export function variantPurchasable(product: SnapshotProduct, variant: SnapshotVariant): boolean {
  return productForSale(product) && variantPriced(variant) && variantInStock(variant);
}
