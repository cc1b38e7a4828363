/** Discounts (`discountNodes` and the `Discount` union) in the Admin API's shapes. */
import type { GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs, type SortValue } from "../graphql/connection";
import type { SearchSpec } from "../graphql/search";
import type { FieldFn, View } from "../graphql/view";
import type { StandinDiscount } from "../store/types";
import { countView, legacyId, money, requireScope, search, timestamp } from "./common";
import type { AdminContext } from "./context";

const TYPE_NAMES: Record<StandinDiscount["kind"], Record<StandinDiscount["type"], string>> = {
  CODE: {
    BASIC: "DiscountCodeBasic",
    BXGY: "DiscountCodeBxgy",
    FREE_SHIPPING: "DiscountCodeFreeShipping",
  },
  AUTOMATIC: {
    BASIC: "DiscountAutomaticBasic",
    BXGY: "DiscountAutomaticBxgy",
    FREE_SHIPPING: "DiscountAutomaticFreeShipping",
  },
};

function summary(d: StandinDiscount, currency: string): string {
  if (d.type === "FREE_SHIPPING") return "Free shipping on all products";
  if (d.type === "BXGY") return "Buy X get Y";
  if (d.percentage !== null) return `${Math.round(d.percentage * 100)}% off entire order`;
  return `${d.amount ?? "0.00"} ${currency} off entire order`;
}

export function discountView(d: StandinDiscount, currency: string): View {
  const view: Record<string, unknown> = {
    __typename: TYPE_NAMES[d.kind][d.type],
    title: d.title,
    status: d.status,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    asyncUsageCount: d.usageCount,
    summary: summary(d, currency),
    shortSummary: summary(d, currency),
    tags: [],
    discountClasses: [
      d.type === "FREE_SHIPPING" ? "SHIPPING" : d.type === "BXGY" ? "PRODUCT" : "ORDER",
    ],
    combinesWith: {
      orderDiscounts: false,
      productDiscounts: false,
      shippingDiscounts: d.type !== "FREE_SHIPPING",
    },
  };
  if (d.type === "BASIC") {
    view.customerGets = {
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
      items: { __typename: "AllDiscountItems", allItems: true },
      value:
        d.percentage !== null
          ? { __typename: "DiscountPercentage", percentage: d.percentage }
          : {
              __typename: "DiscountAmount",
              amount: money(d.amount ?? "0.00", currency),
              appliesOnEachItem: false,
            },
    };
    view.minimumRequirement = null;
  }
  if (d.kind === "AUTOMATIC") {
    view.usageCount = d.usageCount;
    return view;
  }
  const codes = d.code === null ? [] : [d.code];
  view.usageLimit = d.usageLimit;
  view.appliesOncePerCustomer = false;
  view.codesCount = countView(codes.length, null);
  view.codes = (args: Record<string, unknown>, ctx: AdminContext, info: GraphQLResolveInfo) =>
    connection(
      codes,
      {
        id: () => legacyId(d.id),
        node: (code) => ({
          id: `gid://shopify/DiscountRedeemCode/${legacyId(d.id)}`,
          code,
          asyncUsageCount: d.usageCount,
        }),
      },
      args as PageArgs,
      ctx,
      info,
    );
  return view;
}

function nodeView(d: StandinDiscount, currency: string): View {
  return { __typename: "DiscountNode", id: d.id, discount: discountView(d, currency) };
}

/** `node(id:)` on a DiscountCodeNode / DiscountAutomaticNode GID returns that node type. */
export function typedDiscountNodeView(d: StandinDiscount, currency: string): View {
  return d.kind === "CODE"
    ? { __typename: "DiscountCodeNode", id: d.id, codeDiscount: discountView(d, currency) }
    : {
        __typename: "DiscountAutomaticNode",
        id: d.id,
        automaticDiscount: discountView(d, currency),
      };
}

const DISCOUNT_SEARCH: SearchSpec<StandinDiscount> = {
  fields: {
    id: { type: "number", get: (d) => legacyId(d.id) },
    title: { type: "string", get: (d) => d.title },
    status: { type: "enum", get: (d) => d.status },
    code: { type: "string", get: (d) => d.code },
    method: { type: "enum", get: (d) => (d.kind === "CODE" ? "code" : "automatic") },
    discount_type: {
      type: "enum",
      get: (d) =>
        d.type === "BASIC"
          ? d.percentage !== null
            ? "percentage"
            : "fixed_amount"
          : d.type === "BXGY"
            ? "bogo"
            : "free_shipping",
    },
    starts_at: { type: "date", get: (d) => d.startsAt },
    ends_at: { type: "date", get: (d) => d.endsAt },
    created_at: { type: "date", get: (d) => d.createdAt },
    updated_at: { type: "date", get: (d) => d.updatedAt },
  },
  text: (d) => [d.title, d.code],
};

const DISCOUNT_SORTS: Record<string, ((d: StandinDiscount) => SortValue) | undefined> = {
  TITLE: (d) => d.title,
  CREATED_AT: (d) => timestamp(d.createdAt),
  UPDATED_AT: (d) => timestamp(d.updatedAt),
  STARTS_AT: (d) => timestamp(d.startsAt),
  ENDS_AT: (d) => (d.endsAt ? timestamp(d.endsAt) : null),
};

export const discountRoot: Record<string, FieldFn<AdminContext>> = {
  discountNodes: (args, ctx, info) => {
    requireScope(ctx, info, "read_discounts");
    const a = args as PageArgs & { query?: string; sortKey?: string };
    const currency = ctx.store.shop.currencyCode;
    const filtered = search(ctx.store.discounts, a.query, DISCOUNT_SEARCH, ctx, info);
    const sort = DISCOUNT_SORTS[a.sortKey ?? "ID"] ?? ((d: StandinDiscount) => legacyId(d.id));
    return connection(
      filtered,
      { id: (d) => legacyId(d.id), sortValue: sort, node: (d) => nodeView(d, currency) },
      a,
      ctx,
      info,
    );
  },
  discountNodesCount: (args, ctx, info) => {
    requireScope(ctx, info, "read_discounts");
    return countView(
      search(ctx.store.discounts, args.query, DISCOUNT_SEARCH, ctx, info).length,
      args.limit,
    );
  },
  discountNode: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_discounts");
    const d = ctx.store.discounts.find((x) => x.id === id);
    return d ? nodeView(d, ctx.store.shop.currencyCode) : null;
  },
  codeDiscountNodeByCode: ({ code }, ctx, info) => {
    requireScope(ctx, info, "read_discounts");
    const d = ctx.store.discounts.find(
      (x) => x.code !== null && x.code.toLowerCase() === String(code).toLowerCase(),
    );
    return d ? typedDiscountNodeView(d, ctx.store.shop.currencyCode) : null;
  },
};
