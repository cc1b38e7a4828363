/**
 * The catalog through bulk operations: BulkProducts (products with variants, media and
 * collections) and BulkInventory (locations with their inventory levels) run concurrently —
 * Shopify allows 5 bulk queries per app and shop since 2026-01 — and are read in that order into
 * one CatalogBuilder, so levels find their variants.
 */
import { CatalogBuilder } from "~/snapshot/domain/catalog-builder";
import { readJsonl } from "~/snapshot/domain/jsonl";
import {
  BulkQuery,
  SHOPIFY_BULK_QUERY_LIMIT_MS,
  formatDuration,
  type BulkOptions,
  type BulkStatus,
} from "../bulk/operation.server";
import { inlineVariables } from "../bulk/inline";
import { BulkInventoryDocument, BulkProductsDocument } from "../generated/admin";
import type { CollectContext, PublicationVariables } from "./context";

/** Progress is reported every this many lines while a result streams in. */
const PROGRESS_EVERY = 1000;

async function* reporting(
  lines: AsyncIterable<string>,
  every: (count: number) => void,
): AsyncGenerator<string> {
  let count = 0;
  for await (const line of lines) {
    yield line;
    if (++count % PROGRESS_EVERY === 0) every(count);
  }
}

/**
 * While Shopify runs the export: how far it got and for how long, against Shopify's limit.
 * "Shopify is exporting the catalog: 12,000 of 480,000 products after 3 h 5 min (Shopify allows
 * up to 10 d)".
 */
export function bulkWaitText(s: BulkStatus, total: number | null): string {
  if (s.status === "COMPLETED") return "Shopify has exported the catalog; reading it";
  const count = new Intl.NumberFormat("en-GB");
  const of = total === null ? "" : ` of ${count.format(total)}`;
  const waiting =
    s.status === "CREATED"
      ? "Shopify has queued the catalog export"
      : `Shopify is exporting the catalog: ${count.format(s.rootObjectCount)}${of} products`;
  return `${waiting} after ${formatDuration(s.elapsedMs)} (Shopify allows up to ${formatDuration(SHOPIFY_BULK_QUERY_LIMIT_MS)})`;
}

export async function collectCatalogBulk(
  ctx: CollectContext,
  publication: PublicationVariables,
  total: number | null,
  options: BulkOptions,
): Promise<{ builder: CatalogBuilder; inventory: boolean }> {
  const { client } = ctx;
  // Both started at once (Shopify runs up to 5 bulk queries per app and shop); should one
  // start fail, the other is stopped like any started operation below.
  const [products, inventory] = await Promise.allSettled([
    BulkQuery.start(client, inlineVariables(BulkProductsDocument, publication), {
      ...options,
      onStatus: (s) => {
        options.onStatus?.(s);
        ctx.progress("products", s.rootObjectCount, total, bulkWaitText(s, total));
      },
    }),
    BulkQuery.start(client, inlineVariables(BulkInventoryDocument, {}), options),
  ]);
  if (products.status === "rejected" || inventory.status === "rejected") {
    if (products.status === "fulfilled") products.value.stop();
    if (inventory.status === "fulfilled") inventory.value.stop();
    throw products.status === "rejected"
      ? products.reason
      : (inventory as PromiseRejectedResult).reason;
  }
  return readCatalogResults(ctx, products.value, inventory.value, total);
}

async function readCatalogResults(
  ctx: CollectContext,
  products: BulkQuery,
  inventory: BulkQuery,
  total: number | null,
): Promise<{ builder: CatalogBuilder; inventory: boolean }> {
  try {
    let builder = new CatalogBuilder();
    await products.read(async (lines, operation) => {
      builder = new CatalogBuilder();
      const counted = reporting(lines, () => ctx.progress("products", builder.productCount, total));
      await readJsonl(counted, builder, { expectedObjects: operation.objectCount });
      ctx.progress("products", builder.productCount, total);
    });
    const read = await ctx.section("locations", () =>
      inventory.read(async (lines, operation) => {
        builder.resetInventory();
        const counted = reporting(lines, (count) =>
          ctx.progress("inventory", count, operation.objectCount),
        );
        await readJsonl(counted, builder, { expectedObjects: operation.objectCount });
        ctx.progress("inventory", operation.objectCount, operation.objectCount);
        return true;
      }),
    );
    return { builder, inventory: read !== null };
  } finally {
    // A run that failed part-way leaves nothing polling behind it.
    products.stop();
    inventory.stop();
  }
}
