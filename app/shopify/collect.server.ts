/**
 * collectSnapshot: one StoreSnapshot of a live shop, through the Admin API.
 *
 * The catalog (products, variants, media, collections, per-location inventory) is read either
 * page by page or with bulk operations, chosen by catalog size (docs/decisions/005); everything
 * else is small and read page by page in both cases. A section the app has no scope for becomes
 * null with the reason in `gaps`; every other failure fails the collection (no silent partial
 * snapshot).
 */
import { CatalogBuilder } from "~/domain/snapshot/catalog-builder";
import { SNAPSHOT_VERSION, type StoreSnapshot } from "~/domain/snapshot/types";
import type { AdminClient } from "./admin-client.server";
import type { BulkOptions } from "./bulk/operation.server";
import { CollectContext, publicationVariables, type ProgressListener } from "./collect/context";
import { collectCatalogBulk } from "./collect/products-bulk.server";
import { crawlInventory, crawlProducts } from "./collect/products-paged.server";
import { collectPolicies, collectShop, countProducts } from "./collect/shop.server";
import {
  collectCollections,
  collectDeliveryProfiles,
  collectDiscounts,
  collectMarkets,
} from "./collect/store-settings.server";
import { collectOrderKpis, collectTheme } from "./collect/theme-orders.server";

export type { CollectProgress, ProgressListener } from "./collect/context";

/**
 * Catalogs of this many products or more are read with bulk operations. A paged crawl under the
 * Standard plan's bucket reads a few products a second (≈ 1 min for 250 products), so above this
 * size a bulk operation's fixed wait pays off (decision 005).
 */
export const DEFAULT_BULK_THRESHOLD = 250;

export interface CollectOptions {
  strategy?: "auto" | "paged" | "bulk";
  /** Products from which "auto" uses bulk operations. Default 250. */
  bulkThreshold?: number;
  /** The collection's time (order window, `collectedAt`). Default: the client's clock. */
  now?: Date;
  onProgress?: ProgressListener;
  /** Polling and timeouts of bulk operations. */
  bulk?: BulkOptions;
}

async function readCatalog(
  ctx: CollectContext,
  strategy: "paged" | "bulk",
  publicationId: string | null,
  productCount: number,
  bulk: BulkOptions,
): Promise<{ builder: CatalogBuilder; locations: boolean; inventoryLevels: boolean }> {
  const publication = publicationVariables(publicationId);
  if (strategy === "bulk") {
    const { builder, inventory } = await collectCatalogBulk(ctx, publication, productCount, bulk);
    if (!inventory)
      ctx.unavailable("products.variants.inventoryLevels", "locations could not be read");
    return { builder, locations: inventory, inventoryLevels: inventory };
  }
  const builder = new CatalogBuilder();
  await crawlProducts(ctx, builder, publication, productCount);
  const read = await crawlInventory(ctx, builder);
  if (!read.locations)
    ctx.unavailable("products.variants.inventoryLevels", "locations could not be read");
  return { builder, ...read };
}

export async function collectSnapshot(
  client: AdminClient,
  options: CollectOptions = {},
): Promise<StoreSnapshot> {
  const now = options.now ?? new Date(client.clock.now());
  const ctx = new CollectContext(client, options.onProgress);

  ctx.progress("shop", 0, 1);
  const shop = await collectShop(ctx);
  const productCount = await countProducts(ctx);
  ctx.progress("shop", 1, 1);

  const threshold = options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD;
  const requested = options.strategy ?? "auto";
  const strategy =
    requested === "auto" ? (productCount >= threshold ? "bulk" : "paged") : requested;
  const catalog = await readCatalog(
    ctx,
    strategy,
    shop.onlineStorePublicationId,
    productCount,
    options.bulk ?? {},
  );
  const { products, locations, unmatchedInventoryItems } = catalog.builder.finish({
    locations: catalog.locations,
    inventoryLevels: catalog.inventoryLevels,
  });
  if (unmatchedInventoryItems > 0)
    ctx.partial(
      "products.variants.inventoryLevels",
      `inventory levels of ${unmatchedInventoryItems} inventory items without a variant in the catalog (created while it was read) were left out`,
    );

  const publication = publicationVariables(shop.onlineStorePublicationId);
  const collections = await ctx.section("collections", () => collectCollections(ctx, publication));
  const markets = await ctx.section("markets", () => collectMarkets(ctx));
  const deliveryProfiles = await ctx.section("deliveryProfiles", () =>
    collectDeliveryProfiles(ctx),
  );
  const policies = await ctx.section("policies", () => collectPolicies(ctx));
  const discounts = await ctx.section("discounts", () => collectDiscounts(ctx));
  const theme = await ctx.section("theme", () => collectTheme(ctx));
  const timeZone = shop.ianaTimezone ?? "UTC";
  const orderKpis = await ctx.section("orderKpis", () => collectOrderKpis(ctx, now, timeZone));

  return {
    version: SNAPSHOT_VERSION,
    source: { kind: "shop", name: client.shop, collectedAt: now.toISOString(), strategy },
    shop,
    products,
    collections,
    locations,
    markets,
    deliveryProfiles,
    policies,
    discounts,
    theme,
    orderKpis,
    ...(ctx.gaps.length > 0 && { gaps: ctx.gaps }),
  };
}
