/**
 * Builds the catalog part of a snapshot (products with variants, media, collection ids, and
 * per-location inventory) incrementally, from API objects in the order they are read. The paged
 * crawl and the JSONL reader both feed it, so the two produce identical snapshots.
 *
 * Inventory levels are joined to variants by inventory item id and ordered by the order of the
 * locations (Shopify returns them per location, not per variant).
 */
import type { ApiInventoryLevel, ApiLocation, ApiMedia, ApiProduct, ApiVariant } from "./api-types";
import {
  availableQuantity,
  mediaImageUrl,
  normaliseLocation,
  normaliseMedia,
  normaliseProduct,
  normaliseVariant,
} from "./normalise";
import { SharedValues } from "./shared-values";
import type {
  SnapshotInventoryLevel,
  SnapshotLocation,
  SnapshotProduct,
  SnapshotVariant,
} from "./types";

export class CatalogError extends Error {
  override name = "CatalogError";
}

export interface Catalog {
  products: SnapshotProduct[];
  /** null when no locations were read (then no variant has per-location inventory). */
  locations: SnapshotLocation[] | null;
  /** Inventory items with levels but no variant in the catalog (created after products were read). */
  unmatchedInventoryItems: number;
}

/** The numeric part of an inventory item GID, or NaN when it has none. */
function numericItemId(gid: string): number {
  const n = Number(gid.slice(gid.lastIndexOf("/") + 1));
  return Number.isSafeInteger(n) && n > 0 ? n : Number.NaN;
}

/**
 * Variants in reading order with their inventory item ids, the join key of inventory levels.
 * Item ids are kept as numbers in a typed array, not as strings in a Map: at 400,000 variants
 * that is ~3 MB instead of ~35 MB at the peak of a bulk read.
 */
class VariantIndex {
  readonly variants: SnapshotVariant[] = [];
  private numeric = new Float64Array(1024);
  /** The line each variant was read from (JSONL), 0 when unknown. */
  private lines = new Uint32Array(1024);
  /** The rare item id that is not a numeric GID, by variant position. */
  private readonly other = new Map<number, string>();

  add(itemId: string, variant: SnapshotVariant, line = 0): void {
    const index = this.variants.length;
    if (index === this.numeric.length) {
      const grown = new Float64Array(this.numeric.length * 2);
      grown.set(this.numeric);
      this.numeric = grown;
      const lines = new Uint32Array(this.lines.length * 2);
      lines.set(this.lines);
      this.lines = lines;
    }
    const n = numericItemId(itemId);
    this.numeric[index] = n;
    this.lines[index] = line;
    if (Number.isNaN(n)) this.other.set(index, itemId);
    this.variants.push(variant);
  }

  /** The inventory item id of the variant at `index`, as inventory levels name it. */
  itemId(index: number): string | number {
    return this.other.get(index) ?? (this.numeric[index] as number);
  }

  line(index: number): number | undefined {
    return this.lines[index] || undefined;
  }

  /** Two variants holding the same inventory item (by position, in reading order), or null. */
  duplicate(): [number, number] | null {
    const count = this.variants.length;
    // A native sort of the ids finds a repeated one; only then are its variants looked up.
    const ids = this.numeric.slice(0, count).sort();
    let repeated = Number.NaN;
    for (let i = 1; i < ids.length; i++)
      if (ids[i] === ids[i - 1] && !Number.isNaN(ids[i])) {
        repeated = ids[i] as number;
        break;
      }
    if (!Number.isNaN(repeated)) {
      const first = this.numeric.indexOf(repeated);
      return [first, this.numeric.indexOf(repeated, first + 1)];
    }
    const seen = new Map<string, number>();
    for (const [index, id] of this.other) {
      const first = seen.get(id);
      if (first !== undefined) return [first, index];
      seen.set(id, index);
    }
    return null;
  }
}

/** Two variants that share one inventory item: impossible in Shopify, so a corrupt input. */
export interface SharedInventoryItem {
  itemId: string;
  variants: [SnapshotVariant, SnapshotVariant];
  /** The lines they were read from, when known. */
  lines: [number | undefined, number | undefined];
}

/** Inventory levels name their item by GID; the index keys numeric GIDs by number. */
function itemKey(gid: string): string | number {
  const n = numericItemId(gid);
  return Number.isNaN(n) ? gid : n;
}

export class CatalogBuilder {
  private readonly products = new Map<string, SnapshotProduct>();
  private readonly variantIndex = new VariantIndex();
  private readonly locations = new Map<string, SnapshotLocation>();
  private readonly levelsByItem = new Map<string | number, SnapshotInventoryLevel[]>();
  private readonly shared = new SharedValues();
  /** The number of variants last found to hold an inventory item each (-1: not searched). */
  private checkedVariants = -1;

  /** A product read earlier, to add children to; undefined if it has not appeared. */
  product(id: string): SnapshotProduct | undefined {
    return this.products.get(id);
  }

  hasLocation(id: string): boolean {
    return this.locations.has(id);
  }

  get productCount(): number {
    return this.products.size;
  }

  addProduct(api: ApiProduct): SnapshotProduct {
    if (this.products.has(api.id)) throw new CatalogError(`product ${api.id} appears twice`);
    const product = normaliseProduct(api, this.shared);
    this.products.set(api.id, product);
    return product;
  }

  /** Children are added to the product `addProduct` or `product(id)` returned. */
  addVariant(product: SnapshotProduct, api: ApiVariant, line?: number): void {
    const variant = normaliseVariant(api, this.shared);
    this.variantIndex.add(api.inventoryItem.id, variant, line);
    product.variants.push(variant);
  }

  /**
   * Two variants read so far that name the same inventory item, or null. Every variant has its
   * own inventory item in Shopify; a file where two share one is corrupt (or a variant appears
   * twice), and its inventory levels could not be told apart.
   */
  sharedInventoryItem(): SharedInventoryItem | null {
    // Asked by the JSONL reader at the end of the file and again by finish(): one search per
    // set of variants.
    const count = this.variantIndex.variants.length;
    if (this.checkedVariants === count) return null;
    const pair = this.variantIndex.duplicate();
    if (pair === null) {
      this.checkedVariants = count;
      return null;
    }
    const [a, b] = pair;
    const { variants } = this.variantIndex;
    const id = this.variantIndex.itemId(a);
    return {
      itemId: typeof id === "number" ? `gid://shopify/InventoryItem/${id}` : id,
      variants: [variants[a] as SnapshotVariant, variants[b] as SnapshotVariant],
      lines: [this.variantIndex.line(a), this.variantIndex.line(b)],
    };
  }

  addMedia(product: SnapshotProduct, api: ApiMedia): void {
    if (product.media.length === 0) product.featuredImageUrl = mediaImageUrl(api);
    product.media.push(normaliseMedia(api));
  }

  addCollection(product: SnapshotProduct, collectionId: string): void {
    product.collectionIds?.push(this.shared.text(collectionId));
  }

  addLocation(api: ApiLocation): void {
    if (this.locations.has(api.id)) throw new CatalogError(`location ${api.id} appears twice`);
    this.locations.set(api.id, normaliseLocation(api));
  }

  /** Forgets locations and levels read so far (before reading them again from the start). */
  resetInventory(): void {
    this.locations.clear();
    this.levelsByItem.clear();
  }

  addInventoryLevel(locationId: string, api: ApiInventoryLevel): void {
    if (!this.locations.has(locationId)) throw new CatalogError(`unknown location ${locationId}`);
    const level = { locationId, available: availableQuantity(api) };
    const key = itemKey(api.item.id);
    const levels = this.levelsByItem.get(key);
    if (levels) levels.push(level);
    else this.levelsByItem.set(key, [level]);
  }

  /**
   * The catalog. `locations` and `inventoryLevels` say whether those were read (default: some
   * location was); with inventory every variant gets its (possibly empty) level list, without it
   * levels stay null ("not collected").
   */
  finish(options: { locations?: boolean; inventoryLevels?: boolean } = {}): Catalog {
    const shared = this.sharedInventoryItem();
    if (shared !== null)
      throw new CatalogError(
        `inventory item ${shared.itemId} belongs to two variants, ${shared.variants[0].id} and ${shared.variants[1].id}`,
      );
    const read = this.locations.size > 0;
    const inventory = options.inventoryLevels ?? read;
    let unmatched = 0;
    if (inventory) {
      const order = new Map([...this.locations.keys()].map((id, index) => [id, index]));
      const rank = (level: SnapshotInventoryLevel) => order.get(level.locationId) ?? order.size;
      const { variants } = this.variantIndex;
      for (let i = 0; i < variants.length; i++) {
        const itemId = this.variantIndex.itemId(i);
        const levels = this.levelsByItem.get(itemId) ?? [];
        levels.sort((a, b) => rank(a) - rank(b));
        (variants[i] as SnapshotVariant).inventoryLevels = levels;
        this.levelsByItem.delete(itemId);
      }
      unmatched = this.levelsByItem.size;
    }
    const products = [...this.products.values()];
    // Arrays grown by push keep spare capacity (17 slots for a 4-variant product); exact copies
    // are worth ~100 bytes per product on a 100,000-product catalog.
    for (const product of products) {
      product.variants = product.variants.slice();
      product.media = product.media.slice();
      product.collectionIds = product.collectionIds?.slice() ?? null;
    }
    return {
      products,
      locations: (options.locations ?? read) ? [...this.locations.values()] : null,
      unmatchedInventoryItems: unmatched,
    };
  }
}
