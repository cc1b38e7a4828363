/**
 * collectSnapshot: one StoreSnapshot of a live shop, through the Admin API.
 *
 * The catalog (products, variants, media, collections, per-location inventory) is read either
 * page by page or with bulk operations, chosen by catalog size (docs/decisions/005); the orders
 * of the KPI window likewise, by their count; everything else is small and read page by page.
 * The sections are read concurrently: the bucket is per app and shop, and the client's limiter
 * keeps every request within what it projects to be free, so concurrency fills the bucket's
 * points and the bulk operations' waits instead of adding to them. A section the app has no
 * scope for becomes null with the reason in `gaps`; every other failure fails the collection
 * (no silent partial snapshot).
 */
import { CatalogBuilder } from "~/snapshot/domain/catalog-builder";
import { SNAPSHOT_VERSION, type SnapshotGap, type StoreSnapshot } from "~/snapshot/domain/types";
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
import { collectOrderKpis, collectTheme, countOrders } from "./collect/theme-orders.server";

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
  /**
   * Sections not to read (they become null): a caller that does not use them, like the
   * checkout checks, which read neither the theme's files nor the orders.
   */
  omit?: readonly ("theme" | "orderKpis")[];
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
  const omitted = new Set(options.omit ?? []);
  const requested = options.strategy ?? "auto";
  const bulk = options.bulk ?? {};

  // What picks the strategies: the shop (its publication and time zone) and the two counts.
  ctx.progress("shop", 0, 1);
  const [shop, productCount, orderCount] = await ctx.all([
    () => collectShop(ctx),
    () => countProducts(ctx),
    () =>
      omitted.has("orderKpis") || requested !== "auto"
        ? Promise.resolve(null)
        : ctx.section("orderKpis", () => countOrders(ctx, now)),
  ] as const);
  ctx.progress("shop", 1, 1);
  const ordersDenied = ctx.gaps.some((g) => g.section === "orderKpis");

  const threshold = options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD;
  const strategy =
    requested === "auto" ? (productCount >= threshold ? "bulk" : "paged") : requested;
  const publication = publicationVariables(shop.onlineStorePublicationId);
  const timeZone = shop.ianaTimezone ?? "UTC";

  // Everything else at once: the bulk operations run on Shopify while the small sections are
  // read page by page, all paced by the one bucket.
  const [catalog, collections, markets, deliveryProfiles, policies, discounts, theme, orderKpis] =
    await ctx.all([
      () => readCatalog(ctx, strategy, shop.onlineStorePublicationId, productCount, bulk),
      () => ctx.section("collections", () => collectCollections(ctx, publication)),
      () => ctx.section("markets", () => collectMarkets(ctx)),
      () => ctx.section("deliveryProfiles", () => collectDeliveryProfiles(ctx)),
      () => ctx.section("policies", () => collectPolicies(ctx)),
      () => ctx.section("discounts", () => collectDiscounts(ctx)),
      () =>
        omitted.has("theme")
          ? Promise.resolve(null)
          : ctx.section("theme", () => collectTheme(ctx)),
      () =>
        omitted.has("orderKpis") || ordersDenied
          ? Promise.resolve(null)
          : ctx.section("orderKpis", () =>
              collectOrderKpis(ctx, now, timeZone, {
                strategy: requested,
                ...(orderCount !== null && { count: orderCount }),
                bulk,
              }),
            ),
    ] as const);

  const { products, locations, unmatchedInventoryItems } = catalog.builder.finish({
    locations: catalog.locations,
    inventoryLevels: catalog.inventoryLevels,
  });
  if (unmatchedInventoryItems > 0)
    ctx.partial(
      "products.variants.inventoryLevels",
      `inventory levels of ${unmatchedInventoryItems} inventory items without a variant in the catalog (created while it was read) were left out`,
    );

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
    // Concurrent sections record their gaps in the order they finish: sorted, so that the same
    // shop gives the same snapshot.
    ...(ctx.gaps.length > 0 && { gaps: sortedGaps(ctx.gaps) }),
  };
}

function sortedGaps(gaps: readonly SnapshotGap[]): SnapshotGap[] {
  return [...gaps].sort(
    (a, b) =>
      a.section.localeCompare(b.section) ||
      a.reason.localeCompare(b.reason) ||
      a.message.localeCompare(b.message),
  );
}
