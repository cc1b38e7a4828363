/**
 * The paged catalog crawl: products with their first variants, media and collections in one
 * document (page size chosen so its requested cost stays under the 1000-point ceiling), follow-up
 * pages for the products that have more, then per-location inventory levels joined to variants
 * by inventory item.
 */
import type { CatalogBuilder } from "~/snapshot/domain/catalog-builder";
import {
  LocationInventoryPageDocument,
  LocationsPageDocument,
  ProductCollectionsPageDocument,
  ProductMediaPageDocument,
  ProductVariantsPageDocument,
  ProductsPageDocument,
  type ProductsPageQuery,
} from "../generated/admin";
import type { AdminClient } from "../admin-client.server";
import type { CollectContext, PublicationVariables } from "./context";
import { paginate } from "./paginate";

/**
 * Products per ProductsPage request. One product costs 85 requested points (10 variants × 5,
 * 5 media × 4, 5 collections, the product's own objects); 2 + 11 × 85 = 937 ≤ 1000.
 * tests/shopify/document-costs.test.ts recomputes it from the documents.
 */
export const PRODUCTS_PER_PAGE = 11;

type ProductNode = ProductsPageQuery["products"]["nodes"][number];

async function addProduct(
  ctx: CollectContext,
  builder: CatalogBuilder,
  node: ProductNode,
): Promise<void> {
  const { client } = ctx;
  const id = node.id;
  const product = builder.addProduct(node);
  const variants = paginate(
    async (after) =>
      (await client.request(ProductVariantsPageDocument, { id, after })).product?.variants ?? null,
    node.variants,
  );
  for await (const variant of variants) builder.addVariant(product, variant);
  await addMediaAndCollections(client, builder, product, node);
}

/**
 * A product's media and collections: the first pages read with the product, then the rest page
 * by page. Shared by the crawl and by the one-product re-read (read-product.server.ts).
 */
export async function addMediaAndCollections(
  client: AdminClient,
  builder: CatalogBuilder,
  product: ReturnType<CatalogBuilder["addProduct"]>,
  node: Pick<ProductNode, "id" | "media" | "collections">,
): Promise<void> {
  const { id } = node;
  const media = paginate(
    async (after) =>
      (await client.request(ProductMediaPageDocument, { id, after })).product?.media ?? null,
    node.media,
  );
  for await (const item of media) builder.addMedia(product, item);
  const collections = paginate(
    async (after) =>
      (await client.request(ProductCollectionsPageDocument, { id, after })).product?.collections ??
      null,
    node.collections,
  );
  for await (const collection of collections) builder.addCollection(product, collection.id);
}

export async function crawlProducts(
  ctx: CollectContext,
  builder: CatalogBuilder,
  publication: PublicationVariables,
  total: number | null,
): Promise<void> {
  const pages = paginate(async (after) => {
    const data = await ctx.client.request(ProductsPageDocument, {
      first: PRODUCTS_PER_PAGE,
      after,
      ...publication,
    });
    return data.products;
  });
  let done = 0;
  ctx.progress("products", done, total);
  for await (const node of pages) {
    await addProduct(ctx, builder, node);
    ctx.progress("products", ++done, total);
  }
}

/**
 * Locations, then each location's inventory levels. Returns whether levels were read; a shop
 * that denies `read_locations` or `read_inventory` leaves a gap instead.
 */
export async function crawlInventory(
  ctx: CollectContext,
  builder: CatalogBuilder,
): Promise<{
  locations: boolean;
  inventoryLevels: boolean;
}> {
  const { client } = ctx;
  const locationIds = await ctx.section("locations", async () => {
    const ids: string[] = [];
    const locations = paginate(
      async (after) => (await client.request(LocationsPageDocument, { after })).locations,
    );
    for await (const location of locations) {
      builder.addLocation(location);
      ids.push(location.id);
    }
    return ids;
  });
  if (locationIds === null) return { locations: false, inventoryLevels: false };
  const levels = await ctx.section("products.variants.inventoryLevels", async () => {
    let done = 0;
    ctx.progress("inventory", done, locationIds.length);
    for (const id of locationIds) {
      const pages = paginate(
        async (after) =>
          (await client.request(LocationInventoryPageDocument, { id, after })).location
            ?.inventoryLevels ?? null,
      );
      for await (const level of pages) builder.addInventoryLevel(id, level);
      ctx.progress("inventory", ++done, locationIds.length);
    }
    return true;
  });
  return { locations: true, inventoryLevels: levels !== null };
}
