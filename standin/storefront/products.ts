/**
 * Products as the Storefront API shows them: only ACTIVE products published to the Online Store
 * exist; prices are MoneyV2; availability follows inventory and the inventory policy.
 */
import type { GraphQLResolveInfo } from "graphql";
import { countView, money, stripHtml, timestamp, truncate } from "../admin/common";
import { isPublishedOnline, variantAvailable, variantAvailableForSale } from "../admin/products";
import {
  connection,
  type PageArgs,
  type PagingContext,
  type SortValue,
} from "../graphql/connection";
import { compileSearch, type SearchSpec } from "../graphql/search";
import type { FieldFn, View } from "../graphql/view";
import type { StandinMedia, StandinProduct, StandinStore, StandinVariant } from "../store/types";

export interface StorefrontContext extends PagingContext {
  readonly store: StandinStore;
  readonly now: () => number;
}

type Args = Record<string, unknown>;

function imageView(m: StandinMedia): View {
  return {
    id: m.id.replace("MediaImage", "ProductImage"),
    url: m.url,
    altText: m.alt,
    width: m.width,
    height: m.height,
  };
}

export function storefrontVariantView(
  v: StandinVariant,
  p: StandinProduct,
  context: StorefrontContext,
): View {
  const currency = context.store.shop.currencyCode;
  const available = variantAvailable(v);
  const image = p.media.find((m) => m.id === v.imageMediaId);
  return {
    __typename: "ProductVariant",
    id: v.id,
    title: v.title,
    sku: v.sku,
    barcode: v.barcode,
    availableForSale: variantAvailableForSale(p, v),
    currentlyNotInStock: v.inventoryItem.tracked && available <= 0,
    quantityAvailable: v.inventoryItem.tracked ? available : null,
    price: money(v.price, currency),
    compareAtPrice: v.compareAtPrice === null ? null : money(v.compareAtPrice, currency),
    selectedOptions: v.selectedOptions.map((o) => ({ name: o.name, value: o.value })),
    requiresShipping: v.inventoryItem.requiresShipping,
    requiresComponents: false,
    taxable: v.taxable,
    weight: v.inventoryItem.weight.value,
    weightUnit: v.inventoryItem.weight.unit,
    image: image ? imageView(image) : null,
    product: () => storefrontProductView(p, context),
  };
}

export function storefrontProductView(p: StandinProduct, context: StorefrontContext): View {
  const currency = context.store.shop.currencyCode;
  const prices = p.variants.map((v) => Number(v.price));
  const range = {
    minVariantPrice: money(Math.min(...prices), currency),
    maxVariantPrice: money(Math.max(...prices), currency),
  };
  return {
    __typename: "Product",
    id: p.id,
    handle: p.handle,
    title: p.title,
    description: ({ truncateAt }: Args) => truncate(stripHtml(p.descriptionHtml), truncateAt),
    descriptionHtml: p.descriptionHtml,
    vendor: p.vendor,
    productType: p.productType,
    tags: p.tags,
    isGiftCard: p.isGiftCard,
    requiresSellingPlan: false,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    publishedAt: p.onlineStorePublishedAt,
    onlineStoreUrl: `https://${context.store.shop.primaryDomainHost}/products/${p.handle}`,
    availableForSale: p.variants.some((v) => variantAvailableForSale(p, v)),
    totalInventory: p.variants.reduce(
      (sum, v) => sum + (v.inventoryItem.tracked ? variantAvailable(v) : 0),
      0,
    ),
    seo: { title: p.seo.title, description: p.seo.description },
    priceRange: range,
    options: p.options.map((o, i) => ({
      id: `gid://shopify/ProductOption/${p.legacyId * 10 + i + 1}`,
      name: o.name,
      values: o.values,
    })),
    featuredImage: p.media[0] ? imageView(p.media[0]) : null,
    variantsCount: countView(p.variants.length, null),
    images: (args: Args, ctx: StorefrontContext, info: GraphQLResolveInfo) =>
      connection(
        p.media,
        { id: (m) => p.media.indexOf(m) + 1, node: imageView },
        args as PageArgs,
        ctx,
        info,
      ),
    variants: (args: Args, ctx: StorefrontContext, info: GraphQLResolveInfo) =>
      connection(
        p.variants,
        {
          id: (v) => v.legacyId,
          sortValue: (v) => v.position,
          node: (v) => storefrontVariantView(v, p, context),
        },
        args as PageArgs,
        ctx,
        info,
      ),
  };
}

const SEARCH: SearchSpec<StandinProduct> = {
  fields: {
    title: { type: "string", get: (p) => p.title },
    product_type: { type: "string", get: (p) => p.productType },
    vendor: { type: "string", get: (p) => p.vendor },
    tag: { type: "tags", get: (p) => p.tags },
    available_for_sale: {
      type: "boolean",
      get: (p) => p.variants.some((v) => variantAvailableForSale(p, v)),
    },
    created_at: { type: "date", get: (p) => p.createdAt },
    updated_at: { type: "date", get: (p) => p.updatedAt },
  },
  text: (p) => [p.title, p.vendor, p.productType, ...p.tags],
};

const SORTS: Record<string, ((p: StandinProduct) => SortValue) | undefined> = {
  TITLE: (p) => p.title,
  UPDATED_AT: (p) => timestamp(p.updatedAt),
  CREATED_AT: (p) => timestamp(p.createdAt),
  PRODUCT_TYPE: (p) => p.productType,
  VENDOR: (p) => p.vendor,
  PRICE: (p) => Math.min(...p.variants.map((v) => Number(v.price))),
};

function visible(store: StandinStore): StandinProduct[] {
  return store.products.filter(isPublishedOnline);
}

export const storefrontProductRoot: Record<string, FieldFn<StorefrontContext>> = {
  products: (args, ctx, info) => {
    const a = args as PageArgs & { query?: string; sortKey?: string };
    const filtered = visible(ctx.store).filter(compileSearch(a.query, SEARCH).matches);
    const sortValue = SORTS[a.sortKey ?? "ID"] ?? ((p: StandinProduct) => p.legacyId);
    return connection(
      filtered,
      { id: (p) => p.legacyId, sortValue, node: (p) => storefrontProductView(p, ctx) },
      a,
      ctx,
      info,
    );
  },
  product: ({ id, handle }, ctx) => {
    const p = visible(ctx.store).find(
      (x) =>
        (id !== undefined && id !== null && x.id === id) ||
        (handle !== undefined && handle !== null && x.handle === handle),
    );
    return p ? storefrontProductView(p, ctx) : null;
  },
  productByHandle: ({ handle }, ctx) => {
    const p = visible(ctx.store).find((x) => x.handle === handle);
    return p ? storefrontProductView(p, ctx) : null;
  },
};
