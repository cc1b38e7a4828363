/**
 * The MAIN theme's files the app audits read, and the monthly order KPIs of the window
 * `read_orders` reaches: page by page when the window holds one page of orders, else with a bulk
 * operation (a paged read costs ~20 points an order: 650 orders wait ~100 s for the Standard
 * plan's bucket, where a bulk operation costs a few points).
 */
import { OrderJsonlReader } from "~/domain/snapshot/order-jsonl";
import { OrderKpiBuilder, type KpiOrder } from "~/domain/snapshot/order-kpis";
import { themeFileText } from "~/domain/snapshot/sections";
import type { SnapshotMonthlyKpis, SnapshotTheme } from "~/domain/snapshot/types";
import { BulkQuery, type BulkOptions } from "../bulk/operation.server";
import { inlineVariables } from "../bulk/inline";
import { ShopifyApiError } from "../errors";
import {
  BulkOrdersDocument,
  MainThemeDocument,
  OrderLineItemsPageDocument,
  OrdersCountDocument,
  OrdersPageDocument,
  ThemeFilesPageDocument,
  type OrderFieldsFragment,
} from "../generated/admin";
import type { CollectContext } from "./context";
import { paginate } from "./paginate";

/** What the later audits read: app embeds and settings, the layout, and JSON templates. */
export const THEME_FILES = ["config/settings_data.json", "layout/theme.liquid", "templates/*.json"];

/** Without `read_all_orders`, Shopify shows an app the orders of the last 60 days. */
export const ORDER_WINDOW_DAYS = 60;

/** Orders per OrdersPage request (`first` in orders.graphql). */
export const ORDERS_PER_PAGE = 14;

/** Progress is reported every this many orders while a bulk result streams in. */
const PROGRESS_EVERY = 500;

export async function collectTheme(ctx: CollectContext): Promise<SnapshotTheme | null> {
  const { client } = ctx;
  const data = await client.request(MainThemeDocument, { filenames: THEME_FILES });
  const theme = data.themes?.nodes[0];
  if (!theme) {
    ctx.unavailable("theme", "the shop has no published (MAIN) theme");
    return null;
  }
  const files: SnapshotTheme["files"] = [];
  const pages = paginate(
    async (after) =>
      (
        await client.request(ThemeFilesPageDocument, {
          id: theme.id,
          filenames: THEME_FILES,
          after,
        })
      ).theme?.files ?? null,
    theme.files ?? undefined,
  );
  for await (const file of pages) {
    const body = themeFileText(file.body);
    if (body === null)
      ctx.partial("theme", `${file.filename} is served only as a URL and was not read`);
    else files.push({ filename: file.filename, body });
    ctx.progress("theme", files.length, null);
  }
  return { id: theme.id, name: theme.name, role: theme.role, files };
}

function kpiOrder(
  order: OrderFieldsFragment,
  lines: OrderFieldsFragment["lineItems"]["nodes"],
): KpiOrder {
  return {
    processedAt: order.processedAt,
    test: order.test,
    totalDiscounts: order.totalDiscountsSet?.shopMoney.amount ?? "0",
    totalRefunded: order.totalRefundedSet.shopMoney.amount,
    customer: order.customer
      ? { id: order.customer.id, lifetimeOrders: Number(order.customer.numberOfOrders) }
      : null,
    lines: lines.map((l) => ({
      productId: l.product?.id ?? null,
      title: l.title,
      quantity: l.quantity,
      originalTotal: l.originalTotalSet.shopMoney.amount,
      discountedTotal: l.discountedTotalSet.shopMoney.amount,
    })),
  };
}

/** The orders search of the window ending at `now`. */
export function orderWindow(now: Date): { start: Date; end: Date; query: string } {
  const start = new Date(now.getTime() - ORDER_WINDOW_DAYS * 86_400_000);
  // The window is explicit, so the KPIs stay the same should the app ever get read_all_orders.
  const query = `processed_at:>='${start.toISOString()}' AND processed_at:<='${now.toISOString()}'`;
  return { start, end: now, query };
}

/** How many orders the window ending at `now` holds (one cheap request). */
export async function countOrders(ctx: CollectContext, now: Date): Promise<number> {
  const { ordersCount } = await ctx.client.request(OrdersCountDocument, {
    query: orderWindow(now).query,
  });
  if (!ordersCount)
    throw new ShopifyApiError("Shopify did not count the shop's orders", "BAD_RESPONSE");
  return ordersCount.count;
}

export interface OrderKpiOptions {
  /** "auto" (default): bulk when the window holds more orders than one page. */
  strategy?: "auto" | "paged" | "bulk";
  /** The window's order count, when already known (countOrders). */
  count?: number;
  bulk?: BulkOptions;
}

export async function collectOrderKpis(
  ctx: CollectContext,
  now: Date,
  timeZone: string,
  options: OrderKpiOptions = {},
): Promise<SnapshotMonthlyKpis[]> {
  const window = orderWindow(now);
  const kpis = new OrderKpiBuilder({ start: window.start, end: window.end, timeZone });
  const requested = options.strategy ?? "auto";
  const count = options.count ?? (requested === "auto" ? await countOrders(ctx, now) : null);
  const bulk = requested === "bulk" || (requested === "auto" && (count ?? 0) > ORDERS_PER_PAGE);
  ctx.progress("orders", 0, count);
  const orders = bulk
    ? readOrdersBulk(ctx, window.query, count, options.bulk ?? {})
    : readOrdersPaged(ctx, window.query);
  let done = 0;
  for await (const order of orders) {
    kpis.add(order);
    done++;
    if (!bulk || done % PROGRESS_EVERY === 0) ctx.progress("orders", done, count);
  }
  ctx.progress("orders", done, done);
  return kpis.finish();
}

async function* readOrdersPaged(ctx: CollectContext, query: string): AsyncGenerator<KpiOrder> {
  const { client } = ctx;
  const pages = paginate(
    async (after) => (await client.request(OrdersPageDocument, { after, query })).orders,
  );
  for await (const order of pages) {
    const lineItems = [];
    const lines = paginate(
      async (after) =>
        (await client.request(OrderLineItemsPageDocument, { id: order.id, after })).order
          ?.lineItems ?? null,
      order.lineItems,
    );
    for await (const line of lines) lineItems.push(line);
    yield kpiOrder(order, lineItems);
  }
}

/** The window's orders through one bulk operation (BulkOrders), read once it completed. */
async function* readOrdersBulk(
  ctx: CollectContext,
  query: string,
  count: number | null,
  options: BulkOptions,
): AsyncGenerator<KpiOrder> {
  const operation = await BulkQuery.start(
    ctx.client,
    inlineVariables(BulkOrdersDocument, { query }),
    { ...options, onStatus: (s) => ctx.progress("orders", s.rootObjectCount, count) },
  );
  try {
    const orders = await operation.read(async (lines, completed) => {
      const reader = new OrderJsonlReader();
      for await (const line of lines) reader.push(line);
      return reader.end(completed.objectCount);
    });
    yield* orders;
  } finally {
    operation.stop();
  }
}
