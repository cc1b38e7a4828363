/**
 * The MAIN theme's files the app audits read, and the monthly order KPIs of the window
 * `read_orders` reaches: page by page when the window holds one page of orders (5: what keeps an
 * OrdersPage under Shopify's 1,000-point limit), else with a bulk operation and one request per
 * 15 refunds for the refunded lines (a paged read costs a request of up to ~800 points per 5
 * orders, so 650 orders wait minutes for the Standard plan's bucket; a bulk operation costs a few
 * points). Both give the same orders, read with the same fields.
 */
import { OrderJsonlReader, type BulkOrder } from "~/snapshot/domain/order-jsonl";
import { OrderKpiBuilder, type KpiOrder, type KpiRefund } from "~/snapshot/domain/order-kpis";
import { themeFileText } from "~/snapshot/domain/sections";
import type { SnapshotMonthlyKpis, SnapshotTheme } from "~/snapshot/domain/types";
import { BulkQuery, type BulkOptions } from "../bulk/operation.server";
import { inlineVariables } from "../bulk/inline";
import { ShopifyApiError } from "../errors";
import {
  BulkOrdersDocument,
  MainThemeDocument,
  OrderLineItemsPageDocument,
  OrdersCountDocument,
  OrdersPageDocument,
  RefundLinesDocument,
  ThemeFilesPageDocument,
  type OrderFieldsFragment,
  type RefundLineFieldsFragment,
} from "../generated/admin";
import type { CollectContext } from "./context";
import { paginate } from "./paginate";

/** What the later audits read: app embeds and settings, the layout, and JSON templates. */
export const THEME_FILES = ["config/settings_data.json", "layout/theme.liquid", "templates/*.json"];

/** Without `read_all_orders`, Shopify shows an app the orders of the last 60 days. */
export const ORDER_WINDOW_DAYS = 60;

/** Orders per OrdersPage request (`first` in orders.graphql). */
export const ORDERS_PER_PAGE = 5;

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

function refundLine(l: RefundLineFieldsFragment): KpiRefund["lines"][number] {
  return {
    lineId: l.lineItem.id,
    quantity: l.quantity,
    subtotal: l.subtotalSet.shopMoney.amount,
    tax: l.totalTaxSet.shopMoney.amount,
  };
}

function kpiOrder(
  order: OrderFieldsFragment,
  lines: OrderFieldsFragment["lineItems"]["nodes"],
): KpiOrder {
  return {
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    test: order.test,
    taxesIncluded: order.taxesIncluded,
    refunds: order.refunds.flatMap((r) =>
      r.createdAt === null
        ? []
        : [
            {
              createdAt: r.createdAt,
              lines: r.refundLineItems.nodes.map(refundLine),
            },
          ],
    ),
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.product?.id ?? null,
      title: l.title,
      quantity: l.quantity,
      isGiftCard: l.isGiftCard,
      originalTotal: l.originalTotalSet.shopMoney.amount,
      totalDiscount: l.totalDiscountSet.shopMoney.amount,
      taxRate: l.taxLines.reduce((sum, t) => sum + (t.rate ?? 0), 0),
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

/** Refunds and refunded lines per order the paged read sees (`first` in OrderFields). */
const REFUNDS_READ = 10;

/** The paged read's check: an order may have more refunds or refunded lines than it read. */
function moreRefundsThanRead(ctx: CollectContext, orderId: string): void {
  ctx.partial("orderKpis", `${orderId} has more refunds or refunded lines than were read`);
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
    if (
      order.refunds.length >= REFUNDS_READ ||
      order.refunds.some((r) => r.refundLineItems.pageInfo.hasNextPage)
    )
      moreRefundsThanRead(ctx, order.id);
    yield kpiOrder(order, lineItems);
  }
}

/**
 * Refunds per RefundLines request: each costs up to 63 points requested (the refund and 10
 * refunded lines), so 15 stay under Shopify's 1,000-point limit for a single query.
 */
export const REFUNDS_PER_REQUEST = 15;

/**
 * The window's orders through one bulk operation (BulkOrders), read once it completed; then the
 * line items of their dated refunds, which a bulk query cannot nest, REFUNDS_PER_REQUEST refunds
 * a request. The orders come out as the paged read gives them, with the same partial check.
 */
async function* readOrdersBulk(
  ctx: CollectContext,
  query: string,
  count: number | null,
  options: BulkOptions,
): AsyncGenerator<KpiOrder> {
  const operation = await BulkQuery.start(
    ctx.client,
    inlineVariables(BulkOrdersDocument, { query }),
    {
      ...options,
      onStatus: (s) => {
        options.onStatus?.(s);
        ctx.progress("orders", s.rootObjectCount, count);
      },
    },
  );
  let orders: BulkOrder[];
  try {
    orders = await operation.read(async (lines, completed) => {
      const reader = new OrderJsonlReader();
      for await (const line of lines) reader.push(line);
      return reader.end(completed.objectCount);
    });
  } finally {
    operation.stop();
  }
  const capped = await readRefundLines(ctx, orders);
  for (const { id, order, refundsListed, pendingRefunds } of orders) {
    if (refundsListed >= REFUNDS_READ || [...pendingRefunds.keys()].some((r) => capped.has(r)))
      moreRefundsThanRead(ctx, id);
    yield order;
  }
}

/**
 * Fills the pending refunds' lines from RefundLines; returns the refunds with more refunded
 * lines than were read. A refund Shopify no longer returns (its order deleted meanwhile) keeps
 * no lines, as the order's other figures stay what the bulk operation read.
 */
async function readRefundLines(ctx: CollectContext, orders: BulkOrder[]): Promise<Set<string>> {
  const pending = new Map<string, KpiRefund>();
  for (const o of orders) for (const [id, refund] of o.pendingRefunds) pending.set(id, refund);
  const ids = [...pending.keys()];
  const capped = new Set<string>();
  for (let i = 0; i < ids.length; i += REFUNDS_PER_REQUEST) {
    const batch = ids.slice(i, i + REFUNDS_PER_REQUEST);
    const { nodes } = await ctx.client.request(RefundLinesDocument, { ids: batch });
    for (const node of nodes) {
      if (!node || !("refundLineItems" in node)) continue;
      const refund = pending.get(node.id);
      if (!refund) continue;
      refund.lines = node.refundLineItems.nodes.map(refundLine);
      if (node.refundLineItems.pageInfo.hasNextPage) capped.add(node.id);
    }
  }
  return capped;
}
