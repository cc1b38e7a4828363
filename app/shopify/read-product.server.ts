/**
 * readProduct: one product, live, as a SnapshotProduct, for a re-check. It goes through the same
 * fragments and the same CatalogBuilder as the full collection, so a product re-read here equals
 * the same product in a snapshot collected at that moment: same normalisation, variants, media,
 * collections and per-location inventory (levels in the order of the shop's locations).
 */
import { CatalogBuilder } from "~/snapshot/domain/catalog-builder";
import type { SnapshotProduct } from "~/snapshot/domain/types";
import type { AdminClient } from "./admin-client.server";
import { publicationVariables } from "./collect/context";
import { addMediaAndCollections } from "./collect/products-paged.server";
import { paginate, type Page } from "./collect/paginate";
import {
  InventoryItemLevelsPageDocument,
  LocationsPageDocument,
  ProductAuditVariantsPageDocument,
  ProductForAuditDocument,
  type ProductInventoryLevelFieldsFragment,
  type VariantFieldsFragment,
} from "./generated/admin";

export interface ReadProductOptions {
  /** The shop's Online Store publication (the snapshot's `shop.onlineStorePublicationId`). */
  publicationId: string | null;
  /** Read per-location inventory (false when the shop's snapshot has none: no scope for it). */
  withInventory: boolean;
}

type VariantNode = VariantFieldsFragment & {
  inventoryItem: { inventoryLevels?: Page<ProductInventoryLevelFieldsFragment> };
};

/** The product, or null when the shop has no product with this id (deleted). */
export async function readProduct(
  client: AdminClient,
  id: string,
  options: ReadProductOptions,
): Promise<SnapshotProduct | null> {
  const { withInventory } = options;
  const { product: node } = await client.request(ProductForAuditDocument, {
    id,
    withInventory,
    ...publicationVariables(options.publicationId),
  });
  if (node === null) return null;

  const builder = new CatalogBuilder();
  if (withInventory) {
    const locations = paginate(
      async (after) => (await client.request(LocationsPageDocument, { after })).locations,
    );
    for await (const location of locations) builder.addLocation(location);
  }
  const product = builder.addProduct(node);
  const variants = paginate<VariantNode>(
    async (after) =>
      (await client.request(ProductAuditVariantsPageDocument, { id, after, withInventory })).product
        ?.variants ?? null,
    node.variants,
  );
  for await (const variant of variants) {
    builder.addVariant(product, variant);
    const first = variant.inventoryItem.inventoryLevels;
    if (first === undefined) continue;
    const itemId = variant.inventoryItem.id;
    const levels = paginate(
      async (after) =>
        (await client.request(InventoryItemLevelsPageDocument, { id: itemId, after })).inventoryItem
          ?.inventoryLevels ?? null,
      first,
    );
    // Levels at locations the shop does not list (inactive ones) are left out, as in the crawl.
    for await (const level of levels)
      if (builder.hasLocation(level.location.id))
        builder.addInventoryLevel(level.location.id, level);
  }
  await addMediaAndCollections(client, builder, product, node);

  const { products } = builder.finish({ locations: withInventory, inventoryLevels: withInventory });
  return products[0] ?? null;
}
