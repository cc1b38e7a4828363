/**
 * Catalog-wide duplicate detection in O(n): one pass puts every normalised key in a Set, a
 * second collects the members of the few keys seen more than once. A finding names at most a
 * few of the others, so a key shared by thousands of variants does not make every finding
 * list all of them.
 */
import type { SnapshotProduct, SnapshotVariant } from "~/snapshot/domain/types";

const MAX_OTHERS_NAMED = 5;

/** Items grouped by key, for the keys that more than one item has. */
export function duplicateGroups<T>(
  items: readonly T[],
  keyOf: (item: T) => string | null,
): Map<string, T[]> {
  // One Set insertion per item (hashing is the cost at 400,000 variants); a key whose insertion
  // does not grow the set is a duplicate.
  const keys = items.map(keyOf);
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const key of keys) {
    if (key === null) continue;
    const size = seen.size;
    seen.add(key);
    if (seen.size === size) duplicated.add(key);
  }
  const groups = new Map<string, T[]>();
  if (duplicated.size === 0) return groups;
  keys.forEach((key, i) => {
    if (key === null || !duplicated.has(key)) return;
    const item = items[i] as T;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  });
  return groups;
}

/** Up to MAX_OTHERS_NAMED members of `group` that are not the finding's own, in catalog order. */
export function othersIn<T>(group: readonly T[], isSelf: (item: T) => boolean): T[] {
  const others: T[] = [];
  for (const item of group) {
    if (others.length === MAX_OTHERS_NAMED) break;
    if (!isSelf(item)) others.push(item);
  }
  return others;
}

export interface VariantOf {
  variant: SnapshotVariant;
  product: SnapshotProduct;
}

/** Duplicate groups over the variants of `products`, keyed by `keyOf`. */
export function duplicateVariantGroups(
  products: readonly SnapshotProduct[],
  keyOf: (variant: SnapshotVariant) => string | null,
): Map<string, VariantOf[]> {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const product of products)
    for (const variant of product.variants) {
      const key = keyOf(variant);
      if (key === null) continue;
      const size = seen.size;
      seen.add(key);
      if (seen.size === size) duplicated.add(key);
    }
  const groups = new Map<string, VariantOf[]>();
  if (duplicated.size === 0) return groups; // the usual case: no second pass
  for (const product of products)
    for (const variant of product.variants) {
      const key = keyOf(variant);
      if (key === null || !duplicated.has(key)) continue;
      const group = groups.get(key);
      if (group) group.push({ variant, product });
      else groups.set(key, [{ variant, product }]);
    }
  return groups;
}

/** "handle (variant title)", or just the handle for a product's only default variant. */
export function variantLabel({ variant, product }: VariantOf): string {
  return variant.title === "Default Title"
    ? product.handle
    : `${product.handle} (${variant.title})`;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
