/**
 * Orders and customers in the Admin API's shapes.
 *
 * Like Shopify, a token without `read_all_orders` sees only orders processed in the last 60
 * days (silently, no error), a common surprise for monthly reports.
 */
import type { GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs, type SortValue } from "../graphql/connection";
import type { SearchSpec } from "../graphql/search";
import type { FieldFn, View } from "../graphql/view";
import type {
  StandinCustomer,
  StandinOrder,
  StandinOrderLine,
  StandinRefund,
  StandinStore,
} from "../store/types";
import { requireCustomerData, requireCustomerFields } from "./access";
import {
  countView,
  countryName,
  hasScope,
  legacyId,
  money,
  moneyBag,
  requireScope,
  search,
  timestamp,
} from "./common";
import type { AdminContext } from "./context";
import { findProduct, findVariant, productView, variantView } from "./products";

type Args = Record<string, unknown>;

const SIXTY_DAYS_MS = 60 * 86_400_000;

function updatedAt(o: StandinOrder): string {
  return (
    [o.createdAt, o.processedAt, o.cancelledAt]
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? o.createdAt
  );
}

function visibleOrders(context: AdminContext): StandinOrder[] {
  if (hasScope(context, "read_all_orders")) return context.store.orders;
  const since = context.now() - SIXTY_DAYS_MS;
  return context.store.orders.filter((o) => timestamp(o.processedAt) >= since);
}

function addressView(countryCode: string): View {
  return {
    countryCodeV2: countryCode,
    countryCode,
    country: countryName(countryCode),
    city: null,
    zip: null,
    province: null,
    provinceCode: null,
  };
}

function refundedQuantity(o: StandinOrder, index: number): number {
  return o.refunds.reduce(
    (n, r) => n + r.lines.filter((l) => l.lineIndex === index).reduce((m, l) => m + l.quantity, 0),
    0,
  );
}

function taxLineView(rate: number, amount: string | number, currency: string): View {
  return {
    title: rate === 0 ? "No tax" : "VAT",
    rate,
    ratePercentage: Math.round(rate * 10_000) / 100,
    priceSet: moneyBag(amount, currency),
    price: money(amount, currency).amount,
    source: "Shopify",
    channelLiable: false,
  };
}

function lineItemView(
  o: StandinOrder,
  line: StandinOrderLine,
  index: number,
  context: AdminContext,
): View {
  const currency = o.currencyCode;
  const unit = Number(line.unitPrice);
  const discount = Number(line.totalDiscount);
  const total = unit * line.quantity;
  const left = line.quantity - refundedQuantity(o, index);
  return {
    id: `gid://shopify/LineItem/${o.legacyId * 1000 + index + 1}`,
    title: line.title,
    name: line.title,
    sku: line.sku,
    quantity: line.quantity,
    currentQuantity: o.cancelledAt === null ? left : 0,
    refundableQuantity: left,
    isGiftCard: line.isGiftCard,
    taxable: line.taxRate > 0,
    taxLines: line.taxRate > 0 ? [taxLineView(line.taxRate, line.tax, currency)] : [],
    originalUnitPriceSet: moneyBag(unit, currency),
    discountedUnitPriceSet: moneyBag(
      line.quantity > 0 ? (total - discount) / line.quantity : unit,
      currency,
    ),
    originalTotalSet: moneyBag(total, currency),
    discountedTotalSet: moneyBag(total - discount, currency),
    totalDiscountSet: moneyBag(discount, currency),
    product: () => {
      const p = findProduct(context, line.productId);
      return p ? productView(p, context) : null;
    },
    variant: () => {
      const ref = findVariant(context, line.variantId);
      return ref ? variantView(ref.v, ref.p, context) : null;
    },
  };
}

function refundView(o: StandinOrder, r: StandinRefund, context: AdminContext): View {
  const c = o.currencyCode;
  const cents = (s: string) => Math.round(Number(s) * 100);
  const withTax = (x: { tax: string }) => (o.taxesIncluded ? 0 : cents(x.tax));
  const total =
    r.lines.reduce((s, l) => s + cents(l.subtotal) + withTax(l), 0) +
    (r.shipping ? cents(r.shipping.amount) + withTax(r.shipping) : 0);
  return {
    __typename: "Refund",
    id: r.id,
    legacyResourceId: String(r.legacyId),
    createdAt: r.createdAt,
    processedAt: r.createdAt,
    updatedAt: r.createdAt,
    note: r.note,
    totalRefundedSet: moneyBag(total / 100, c),
    totalRefunded: money(total / 100, c),
    refundLineItems: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) =>
      connection(
        r.lines.map((l, k) => ({ l, k })),
        {
          id: ({ k }) => r.legacyId * 100 + k + 1,
          node: ({ l, k }) => {
            const line = o.lines[l.lineIndex];
            return {
              id: `gid://shopify/RefundLineItem/${r.legacyId * 100 + k + 1}`,
              quantity: l.quantity,
              subtotalSet: moneyBag(l.subtotal, c),
              subtotal: money(l.subtotal, c),
              totalTaxSet: moneyBag(l.tax, c),
              totalTax: money(l.tax, c),
              priceSet: moneyBag(line ? Number(line.unitPrice) : 0, c),
              restocked: true,
              restockType: "RETURN",
              lineItem: line ? lineItemView(o, line, l.lineIndex, context) : null,
            };
          },
        },
        args as PageArgs,
        ctx,
        info,
      ),
    refundShippingLines: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) =>
      connection(
        r.shipping ? [r.shipping] : [],
        {
          id: () => r.legacyId,
          node: (s) => ({
            id: `gid://shopify/RefundShippingLine/${r.legacyId}`,
            subtotalAmountSet: moneyBag(s.amount, c),
            taxAmountSet: moneyBag(s.tax, c),
          }),
        },
        args as PageArgs,
        ctx,
        info,
      ),
  };
}

export function orderView(o: StandinOrder, context: AdminContext): View {
  const c = o.currencyCode;
  const net = Number(o.total) - Number(o.totalRefunded);
  const address = addressView(o.countryCode);
  const byRate = new Map<number, number>();
  for (const l of o.lines)
    if (l.taxRate > 0) byRate.set(l.taxRate, (byRate.get(l.taxRate) ?? 0) + Number(l.tax));
  const refundedShipping = o.refunds.reduce(
    (s, r) => s + (r.shipping ? Number(r.shipping.amount) : 0),
    0,
  );
  return {
    __typename: "Order",
    id: o.id,
    legacyResourceId: String(o.legacyId),
    name: o.name,
    createdAt: o.createdAt,
    processedAt: o.processedAt,
    updatedAt: updatedAt(o),
    cancelledAt: o.cancelledAt,
    closed: false,
    test: o.test === true,
    tags: [],
    currencyCode: c,
    presentmentCurrencyCode: c,
    sourceName: o.sourceName,
    displayFinancialStatus: o.financialStatus,
    displayFulfillmentStatus: o.fulfillmentStatus,
    subtotalLineItemsQuantity: o.lines.reduce((s, l) => s + l.quantity, 0),
    subtotalPriceSet: moneyBag(o.subtotal, c),
    currentSubtotalPriceSet: moneyBag(o.subtotal, c),
    totalDiscountsSet: moneyBag(o.totalDiscounts, c),
    currentTotalDiscountsSet: moneyBag(o.totalDiscounts, c),
    totalShippingPriceSet: moneyBag(o.totalShipping, c),
    currentShippingPriceSet: moneyBag(o.totalShipping, c),
    totalTaxSet: moneyBag(o.totalTax, c),
    currentTotalTaxSet: moneyBag(o.totalTax, c),
    totalPriceSet: moneyBag(o.total, c),
    currentTotalPriceSet: moneyBag(net, c),
    totalRefundedSet: moneyBag(o.totalRefunded, c),
    totalRefundedShippingSet: moneyBag(refundedShipping, c),
    taxesIncluded: o.taxesIncluded,
    taxLines: [...byRate].map(([rate, amount]) => taxLineView(rate, amount, c)),
    // A list with a `first` argument (2026-10 schema): at most that many.
    refunds: (args: Args) =>
      o.refunds
        .slice(0, typeof args.first === "number" ? args.first : undefined)
        .map((r) => refundView(o, r, context)),
    netPaymentSet: moneyBag(net, c),
    totalReceivedSet: moneyBag(o.financialStatus === "PENDING" ? 0 : Number(o.total), c),
    shippingAddress: address,
    billingAddress: address,
    displayAddress: address,
    email: () => {
      requireCustomerFields(context);
      return context.store.customers.find((x) => x.id === o.customerId)?.email ?? null;
    },
    // The Customer type needs read_customers (2026-10 schema) and approved protected customer data.
    customer: (_args: Args, ctx: AdminContext, info: GraphQLResolveInfo) => {
      requireScope(ctx, info, "read_customers");
      requireCustomerData(ctx);
      const customer = context.store.customers.find((x) => x.id === o.customerId);
      return customer ? customerView(customer, context) : null;
    },
    lineItems: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) =>
      connection(
        o.lines.map((line, index) => ({ line, index })),
        {
          id: ({ index }) => o.legacyId * 1000 + index + 1,
          node: ({ line, index }) => lineItemView(o, line, index, context),
        },
        args as PageArgs,
        ctx,
        info,
      ),
  };
}

function ordersOf(store: StandinStore, customerId: string): StandinOrder[] {
  return store.orders.filter((o) => o.customerId === customerId);
}

export function customerView(cu: StandinCustomer, context: AdminContext): View {
  const pii =
    <T>(value: () => T) =>
    (_args: Args, ctx: AdminContext) => {
      requireCustomerFields(ctx);
      return value();
    };
  const displayName = `${cu.firstName} ${cu.lastName}`.trim() || cu.email;
  return {
    __typename: "Customer",
    id: cu.id,
    legacyResourceId: String(cu.legacyId),
    // Name, address, phone and email need protected customer data level 2.
    firstName: pii(() => cu.firstName),
    lastName: pii(() => cu.lastName),
    displayName: pii(() => displayName),
    email: pii(() => cu.email),
    phone: pii(() => cu.phone),
    defaultEmailAddress: pii(() => ({ emailAddress: cu.email, validFormat: true })),
    defaultPhoneNumber: pii(() => (cu.phone === null ? null : { phoneNumber: cu.phone })),
    defaultAddress: pii(() => addressView(cu.countryCode)),
    createdAt: cu.createdAt,
    updatedAt: cu.createdAt,
    state: "ENABLED",
    tags: [],
    locale: context.store.shop.primaryLocale,
    verifiedEmail: true,
    numberOfOrders: () => String(ordersOf(context.store, cu.id).length),
    amountSpent: () =>
      money(
        ordersOf(context.store, cu.id).reduce((s, o) => s + Number(o.total), 0),
        context.store.shop.currencyCode,
      ),
    orders: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) => {
      requireScope(ctx, info, "read_orders");
      const visible = new Set(visibleOrders(ctx));
      return ordersConnection(
        ordersOf(ctx.store, cu.id).filter((o) => visible.has(o)),
        args,
        ctx,
        info,
      );
    },
  };
}

const ORDER_SEARCH: SearchSpec<StandinOrder> = {
  fields: {
    id: { type: "number", get: (o) => o.legacyId },
    name: { type: "string", get: (o) => o.name },
    created_at: { type: "date", get: (o) => o.createdAt },
    processed_at: { type: "date", get: (o) => o.processedAt },
    updated_at: { type: "date", get: (o) => updatedAt(o) },
    financial_status: { type: "enum", get: (o) => o.financialStatus },
    fulfillment_status: { type: "enum", get: (o) => o.fulfillmentStatus },
    status: { type: "enum", get: (o) => (o.cancelledAt ? "cancelled" : "open") },
    source_name: { type: "string", get: (o) => o.sourceName },
    customer_id: { type: "number", get: (o) => (o.customerId ? legacyId(o.customerId) : null) },
    country: { type: "string", get: (o) => o.countryCode },
    sku: { type: "tags", get: (o) => o.lines.flatMap((l) => (l.sku ? [l.sku] : [])) },
  },
  text: (o) => [o.name, ...o.lines.map((l) => l.title)],
};

const ORDER_SORTS: Record<string, ((o: StandinOrder) => SortValue) | undefined> = {
  CREATED_AT: (o) => timestamp(o.createdAt),
  PROCESSED_AT: (o) => timestamp(o.processedAt),
  UPDATED_AT: (o) => timestamp(updatedAt(o)),
  ORDER_NUMBER: (o) => o.legacyId,
  TOTAL_PRICE: (o) => Number(o.total),
  CURRENT_TOTAL_PRICE: (o) => Number(o.total) - Number(o.totalRefunded),
  FINANCIAL_STATUS: (o) => o.financialStatus,
  FULFILLMENT_STATUS: (o) => o.fulfillmentStatus,
};

function ordersConnection(
  orders: readonly StandinOrder[],
  args: Args,
  context: AdminContext,
  info: GraphQLResolveInfo,
): View {
  const a = args as PageArgs & { query?: string; sortKey?: string };
  const filtered = search(orders, a.query, ORDER_SEARCH, context, info);
  const sort = ORDER_SORTS[a.sortKey ?? "ID"] ?? ((o: StandinOrder) => o.legacyId);
  return connection(
    filtered,
    { id: (o) => o.legacyId, sortValue: sort, node: (o) => orderView(o, context) },
    a,
    context,
    info,
  );
}

const CUSTOMER_SEARCH: SearchSpec<StandinCustomer> = {
  fields: {
    id: { type: "number", get: (c) => c.legacyId },
    email: { type: "string", get: (c) => c.email },
    first_name: { type: "string", get: (c) => c.firstName },
    last_name: { type: "string", get: (c) => c.lastName },
    phone: { type: "string", get: (c) => c.phone },
    country: { type: "string", get: (c) => c.countryCode },
    created_at: { type: "date", get: (c) => c.createdAt },
    updated_at: { type: "date", get: (c) => c.createdAt },
  },
  text: (c) => [c.firstName, c.lastName, c.email],
};

/** A refund of an order the token may see (`refund(id:)`, `nodes(ids:)`), else null. */
export function findRefund(context: AdminContext, id: string): View | null {
  for (const o of visibleOrders(context)) {
    const r = o.refunds.find((x) => x.id === id);
    if (r) return refundView(o, r, context);
  }
  return null;
}

export const orderRoot: Record<string, FieldFn<AdminContext>> = {
  orders: (args, ctx, info) => {
    requireScope(ctx, info, "read_orders");
    return ordersConnection(visibleOrders(ctx), args, ctx, info);
  },
  ordersCount: (args, ctx, info) => {
    requireScope(ctx, info, "read_orders");
    return countView(
      search(visibleOrders(ctx), args.query, ORDER_SEARCH, ctx, info).length,
      args.limit,
    );
  },
  order: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_orders");
    const o = visibleOrders(ctx).find((x) => x.id === id);
    return o ? orderView(o, ctx) : null;
  },
  refund: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_orders");
    return findRefund(ctx, String(id));
  },
  customers: (args, ctx, info) => {
    requireScope(ctx, info, "read_customers");
    const a = args as PageArgs & { query?: string; sortKey?: string };
    const filtered = search(ctx.store.customers, a.query, CUSTOMER_SEARCH, ctx, info);
    const sortValue =
      a.sortKey === "CREATED_AT" || a.sortKey === "UPDATED_AT"
        ? (c: StandinCustomer) => timestamp(c.createdAt)
        : a.sortKey === "NAME"
          ? (c: StandinCustomer) => `${c.firstName} ${c.lastName}`
          : (c: StandinCustomer) => c.legacyId;
    return connection(
      filtered,
      { id: (c) => c.legacyId, sortValue, node: (c) => customerView(c, ctx) },
      a,
      ctx,
      info,
    );
  },
  customersCount: (args, ctx, info) => {
    requireScope(ctx, info, "read_customers");
    return countView(
      search(ctx.store.customers, args.query, CUSTOMER_SEARCH, ctx, info).length,
      args.limit,
    );
  },
  customer: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_customers");
    const c = ctx.store.customers.find((x) => x.id === id);
    return c ? customerView(c, ctx) : null;
  },
};
