/**
 * The MAIN theme's files the app audits read, and the monthly order KPIs of the window
 * `read_orders` reaches.
 */
import { OrderKpiBuilder, type KpiOrder } from "~/domain/snapshot/order-kpis";
import { themeFileText } from "~/domain/snapshot/sections";
import type { SnapshotMonthlyKpis, SnapshotTheme } from "~/domain/snapshot/types";
import {
  MainThemeDocument,
  OrderLineItemsPageDocument,
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
    cancelledAt: order.cancelledAt,
    test: order.test,
    taxesIncluded: order.taxesIncluded,
    refunds: order.refunds.flatMap((r) =>
      r.createdAt === null
        ? []
        : [
            {
              createdAt: r.createdAt,
              lines: r.refundLineItems.nodes.map((l) => ({
                lineId: l.lineItem.id,
                quantity: l.quantity,
                subtotal: l.subtotalSet.shopMoney.amount,
                tax: l.totalTaxSet.shopMoney.amount,
              })),
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

export async function collectOrderKpis(
  ctx: CollectContext,
  now: Date,
  timeZone: string,
): Promise<SnapshotMonthlyKpis[]> {
  const { client } = ctx;
  const start = new Date(now.getTime() - ORDER_WINDOW_DAYS * 86_400_000);
  const kpis = new OrderKpiBuilder({ start, end: now, timeZone });
  // The window is explicit, so the KPIs stay the same should the app ever get read_all_orders.
  const query = `processed_at:>='${start.toISOString()}' AND processed_at:<='${now.toISOString()}'`;
  const pages = paginate(
    async (after) => (await client.request(OrdersPageDocument, { after, query })).orders,
  );
  let done = 0;
  ctx.progress("orders", done, null);
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
      order.refunds.length >= 10 ||
      order.refunds.some((r) => r.refundLineItems.pageInfo.hasNextPage)
    )
      ctx.partial("orderKpis", `${order.id} has more refunds or refunded lines than were read`);
    kpis.add(kpiOrder(order, lineItems));
    ctx.progress("orders", ++done, null);
  }
  return kpis.finish();
}
