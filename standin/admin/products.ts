/** Products, variants, media and inventory in the Admin API's shapes. */
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs, type SortValue } from "../graphql/connection";
import type { SearchSpec } from "../graphql/search";
import type { FieldFn, View } from "../graphql/view";
import type {
  StandinInventoryLevel,
  StandinMedia,
  StandinProduct,
  StandinVariant,
} from "../store/types";
import {
  countView,
  legacyId,
  money,
  requireScope,
  search,
  stripHtml,
  timestamp,
  truncate,
} from "./common";
import { collectionView } from "./collections";
import type { AdminContext } from "./context";
import { profileOfVariant } from "../domain/shipping";
import { deliveryProfileView } from "./delivery";
import { locationView } from "./locations";
import { publicationView, resourcePublications } from "./publications";

type Args = Record<string, unknown>;
type ListArgs = PageArgs & { query?: string | null; sortKey?: string | null };

const QUANTITY_NAMES = [
  "available",
  "on_hand",
  "committed",
  "incoming",
  "reserved",
  "damaged",
  "safety_stock",
  "quality_control",
];

export function isPublishedOnline(p: StandinProduct): boolean {
  return p.status === "ACTIVE" && p.onlineStorePublishedAt !== null;
}

export function variantAvailable(v: StandinVariant): number {
  return v.inventoryItem.levels.reduce((sum, l) => sum + l.available, 0);
}

export function variantAvailableForSale(p: StandinProduct, v: StandinVariant): boolean {
  if (!isPublishedOnline(p)) return false;
  return v.inventoryPolicy === "CONTINUE" || !v.inventoryItem.tracked || variantAvailable(v) > 0;
}

function mimeType(url: string): string {
  const ext = /\.(\w+)(?:\?|$)/.exec(url)?.[1]?.toLowerCase();
  return ext === "png"
    ? "image/png"
    : ext === "webp"
      ? "image/webp"
      : ext === "gif"
        ? "image/gif"
        : "image/jpeg";
}

function imageView(m: StandinMedia): View {
  return {
    id: m.id.replace("MediaImage", "ImageSource"),
    url: m.url,
    altText: m.alt,
    width: m.width,
    height: m.height,
  };
}

export function mediaView(m: StandinMedia, p: StandinProduct): View {
  const image = imageView(m);
  return {
    __typename: "MediaImage",
    id: m.id,
    alt: m.alt,
    mediaContentType: "IMAGE",
    status: "READY",
    fileStatus: "READY",
    mimeType: mimeType(m.url),
    image,
    preview: { image, status: "READY" },
    mediaErrors: [],
    mediaWarnings: [],
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function levelId(level: StandinInventoryLevel, itemId: string): string {
  return `gid://shopify/InventoryLevel/${legacyId(level.locationId)}?inventory_item_id=${legacyId(itemId)}`;
}

export function inventoryLevelView(
  level: StandinInventoryLevel,
  v: StandinVariant,
  p: StandinProduct,
  context: AdminContext,
): View {
  const item = v.inventoryItem;
  const quantity = (name: string): number => {
    if (name === "available") return level.available;
    if (name === "on_hand") return level.onHand;
    if (name === "committed") return level.committed;
    return 0;
  };
  return {
    id: levelId(level, item.id),
    isActive: true,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    location: () => {
      const location = context.store.locations.find((l) => l.id === level.locationId);
      return location ? locationView(location, context) : null;
    },
    item: () => inventoryItemView(v, p, context),
    quantities: ({ names }: Args) =>
      (names as string[]).map((name) => {
        if (!QUANTITY_NAMES.includes(name))
          throw new GraphQLError(`The quantity name '${name}' is not valid.`);
        return {
          id: `${levelId(level, item.id)}&name=${name}`,
          name,
          quantity: quantity(name),
          updatedAt: v.updatedAt,
        };
      }),
  };
}

export function inventoryItemView(
  v: StandinVariant,
  p: StandinProduct,
  context: AdminContext,
): View {
  const item = v.inventoryItem;
  const levels = (args: Args, ctx: AdminContext, info: GraphQLResolveInfo): unknown =>
    connection(
      item.levels,
      { id: (l) => legacyId(l.locationId), node: (l) => inventoryLevelView(l, v, p, context) },
      args as PageArgs,
      ctx,
      info,
    );
  return {
    id: item.id,
    legacyResourceId: String(legacyId(item.id)),
    sku: v.sku,
    tracked: item.tracked,
    requiresShipping: item.requiresShipping,
    unitCost: item.unitCost === null ? null : money(item.unitCost, context.store.shop.currencyCode),
    countryCodeOfOrigin: item.countryCodeOfOrigin,
    harmonizedSystemCode: item.harmonizedSystemCode,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    measurement: {
      id: item.id.replace("InventoryItem", "InventoryItemMeasurement"),
      weight: { value: item.weight.value, unit: item.weight.unit },
    },
    inventoryLevels: levels,
    inventoryLevel: ({ locationId }: Args) => {
      const level = item.levels.find((l) => l.locationId === locationId);
      return level ? inventoryLevelView(level, v, p, context) : null;
    },
    locationsCount: countView(item.levels.length, null),
    variant: () => variantView(v, p, context),
    variants: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) =>
      connection(
        [v],
        { id: (x) => x.legacyId, node: (x) => variantView(x, p, context) },
        args as PageArgs,
        ctx,
        info,
      ),
  };
}

export function variantView(v: StandinVariant, p: StandinProduct, context: AdminContext): View {
  const currency = context.store.shop.currencyCode;
  const media = p.media.filter((m) => m.id === v.imageMediaId);
  const onlinePublication = (publicationId: unknown): boolean =>
    publicationId === context.store.onlineStorePublicationId && p.onlineStorePublishedAt !== null;
  return {
    __typename: "ProductVariant",
    id: v.id,
    legacyResourceId: String(v.legacyId),
    title: v.title,
    displayName: `${p.title} - ${v.title}`,
    position: v.position,
    sku: v.sku,
    barcode: v.barcode,
    price: v.price,
    compareAtPrice: v.compareAtPrice,
    taxable: v.taxable,
    inventoryPolicy: v.inventoryPolicy,
    inventoryQuantity: variantAvailable(v),
    sellableOnlineQuantity: isPublishedOnline(p) ? Math.max(0, variantAvailable(v)) : 0,
    availableForSale: variantAvailableForSale(p, v),
    selectedOptions: v.selectedOptions.map((o) => ({ name: o.name, value: o.value })),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    requiresComponents: false,
    showUnitPrice: false,
    unitPrice: null,
    image: () => (media[0] ? imageView(media[0]) : null),
    media: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) =>
      connection(
        media,
        { id: (m) => legacyId(m.id), node: (m) => mediaView(m, p) },
        args as PageArgs,
        ctx,
        info,
      ),
    inventoryItem: () => inventoryItemView(v, p, context),
    product: () => productView(p, context),
    deliveryProfile: () => deliveryProfileView(profileOfVariant(context.store, v.id), context),
    publishedOnPublication: ({ publicationId }: Args) => onlinePublication(publicationId),
    contextualPricing: () => ({
      price: money(v.price, currency),
      compareAtPrice: v.compareAtPrice === null ? null : money(v.compareAtPrice, currency),
    }),
  };
}

function priceRange(p: StandinProduct, currency: string): View {
  const prices = p.variants.map((v) => Number(v.price));
  return {
    minVariantPrice: money(Math.min(...prices), currency),
    maxVariantPrice: money(Math.max(...prices), currency),
  };
}

type Sorts<T> = Record<string, ((item: T) => SortValue) | undefined>;

const VARIANT_SORTS = {
  POSITION: (v) => v.position,
  ID: (v) => v.legacyId,
  SKU: (v) => v.sku,
  TITLE: (v) => v.title,
  NAME: (v) => v.title,
  FULL_TITLE: (v) => v.title,
  INVENTORY_QUANTITY: (v) => variantAvailable(v),
  INVENTORY_POLICY: (v) => v.inventoryPolicy,
  RELEVANCE: (v) => v.position,
} satisfies Sorts<StandinVariant>;

export function productView(p: StandinProduct, context: AdminContext): View {
  const store = context.store;
  const currency = store.shop.currencyCode;
  const tracked = p.variants.filter((v) => v.inventoryItem.tracked);
  const published = p.onlineStorePublishedAt !== null;
  const onlinePublication = (publicationId: unknown): boolean =>
    publicationId === store.onlineStorePublicationId && published;
  const variantsConnection: FieldFn<AdminContext> = (args, ctx, info) => {
    const a = args as ListArgs;
    const sort =
      (VARIANT_SORTS as Sorts<StandinVariant>)[a.sortKey ?? "POSITION"] ?? VARIANT_SORTS.POSITION;
    return connection(
      p.variants,
      { id: (v) => v.legacyId, sortValue: sort, node: (v) => variantView(v, p, context) },
      a,
      ctx,
      info,
    );
  };
  return {
    __typename: "Product",
    id: p.id,
    legacyResourceId: String(p.legacyId),
    handle: p.handle,
    title: p.title,
    descriptionHtml: p.descriptionHtml,
    description: ({ truncateAt }: Args) => truncate(stripHtml(p.descriptionHtml), truncateAt),
    vendor: p.vendor,
    productType: p.productType,
    status: p.status,
    tags: p.tags,
    isGiftCard: p.isGiftCard,
    templateSuffix: p.templateSuffix,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    publishedAt: p.onlineStorePublishedAt,
    onlineStoreUrl: isPublishedOnline(p)
      ? `https://${store.shop.primaryDomainHost}/products/${p.handle}`
      : null,
    onlineStorePreviewUrl: `https://${store.shop.myshopifyDomain}/products/${p.handle}`,
    category: p.category
      ? {
          ...p.category,
          isArchived: false,
          isLeaf: true,
          isRoot: false,
          level: p.category.fullName.split(" > ").length,
        }
      : null,
    seo: { title: p.seo.title, description: p.seo.description },
    options: ({ first }: Args) =>
      p.options.slice(0, typeof first === "number" ? first : undefined).map((o, i) => ({
        id: `gid://shopify/ProductOption/${p.legacyId * 10 + i + 1}`,
        name: o.name,
        position: i + 1,
        values: o.values,
        optionValues: o.values.map((value, j) => ({
          id: `gid://shopify/ProductOptionValue/${p.legacyId * 1000 + i * 100 + j + 1}`,
          name: value,
          hasVariants: p.variants.some((v) =>
            v.selectedOptions.some((s) => s.name === o.name && s.value === value),
          ),
        })),
      })),
    media: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) =>
      connection(
        p.media,
        { id: (m) => legacyId(m.id), node: (m) => mediaView(m, p) },
        args as PageArgs,
        ctx,
        info,
      ),
    mediaCount: countView(p.media.length, null),
    featuredMedia: () => (p.media[0] ? mediaView(p.media[0], p) : null),
    featuredImage: () => (p.media[0] ? imageView(p.media[0]) : null),
    variants: variantsConnection,
    variantsCount: countView(p.variants.length, null),
    totalVariants: p.variants.length,
    totalInventory: tracked.reduce((sum, v) => sum + variantAvailable(v), 0),
    tracksInventory: tracked.length > 0,
    hasOnlyDefaultVariant: p.variants.length === 1 && p.variants[0]?.title === "Default Title",
    hasOutOfStockVariants: tracked.some((v) => variantAvailable(v) <= 0),
    priceRangeV2: () => priceRange(p, currency),
    collections: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) => {
      const collections = store.collections.filter((c) => p.collectionIds.includes(c.id));
      return connection(
        collections,
        { id: (c) => c.legacyId, node: (c) => collectionView(c, context) },
        args as PageArgs,
        ctx,
        info,
      );
    },
    inCollection: ({ id }: Args) => p.collectionIds.includes(String(id)),
    publishedOnPublication: ({ publicationId }: Args) => onlinePublication(publicationId),
    publishedOnCurrentPublication: false,
    resourcePublicationsV2: resourcePublications(published, p.onlineStorePublishedAt, () =>
      productView(p, context),
    ),
    resourcePublicationsCount: ({ onlyPublished }: Args) =>
      countView(onlyPublished === false || published ? 1 : 0, null),
    availablePublicationsCount: countView(1, null),
    unpublishedPublications: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) =>
      connection(
        published ? [] : [store.onlineStorePublicationId],
        { id: legacyId, node: () => publicationView(context) },
        args as PageArgs,
        ctx,
        info,
      ),
  };
}

const PRODUCT_SEARCH: SearchSpec<StandinProduct> = {
  fields: {
    id: { type: "number", get: (p) => p.legacyId },
    status: { type: "enum", get: (p) => p.status },
    title: { type: "string", get: (p) => p.title },
    handle: { type: "string", get: (p) => p.handle },
    vendor: { type: "string", get: (p) => p.vendor },
    product_type: { type: "string", get: (p) => p.productType },
    tag: { type: "tags", get: (p) => p.tags },
    tags: { type: "tags", get: (p) => p.tags },
    tag_not: { type: "tags", get: (p) => p.tags },
    sku: { type: "tags", get: (p) => p.variants.flatMap((v) => (v.sku ? [v.sku] : [])) },
    barcode: {
      type: "tags",
      get: (p) => p.variants.flatMap((v) => (v.barcode ? [v.barcode] : [])),
    },
    gift_card: { type: "boolean", get: (p) => p.isGiftCard },
    created_at: { type: "date", get: (p) => p.createdAt },
    updated_at: { type: "date", get: (p) => p.updatedAt },
    published_at: { type: "date", get: (p) => p.onlineStorePublishedAt },
    inventory_total: {
      type: "number",
      get: (p) => p.variants.reduce((s, v) => s + variantAvailable(v), 0),
    },
    collection_id: { type: "tags", get: (p) => p.collectionIds.map((id) => String(legacyId(id))) },
    product_category_id: {
      type: "string",
      get: (p) => p.category?.id.replace(/^gid:\/\/shopify\/TaxonomyCategory\//, "") ?? null,
    },
  },
  text: (p) => [p.title, p.vendor, p.productType, p.handle, ...p.tags],
};

const PRODUCT_SORTS = {
  ID: (p) => p.legacyId,
  RELEVANCE: (p) => p.legacyId,
  TITLE: (p) => p.title,
  UPDATED_AT: (p) => timestamp(p.updatedAt),
  CREATED_AT: (p) => timestamp(p.createdAt),
  PUBLISHED_AT: (p) => (p.onlineStorePublishedAt ? timestamp(p.onlineStorePublishedAt) : null),
  VENDOR: (p) => p.vendor,
  PRODUCT_TYPE: (p) => p.productType,
  INVENTORY_TOTAL: (p) => p.variants.reduce((s, v) => s + variantAvailable(v), 0),
} satisfies Sorts<StandinProduct>;

export function productsConnection(
  products: readonly StandinProduct[],
  args: Args,
  context: AdminContext,
  info: GraphQLResolveInfo,
): View {
  const a = args as ListArgs;
  const filtered = search(products, a.query, PRODUCT_SEARCH, context, info);
  const sort = (PRODUCT_SORTS as Sorts<StandinProduct>)[a.sortKey ?? "ID"] ?? PRODUCT_SORTS.ID;
  return connection(
    filtered,
    { id: (p) => p.legacyId, sortValue: sort, node: (p) => productView(p, context) },
    a,
    context,
    info,
  );
}

interface VariantRef {
  v: StandinVariant;
  p: StandinProduct;
}

const VARIANT_SEARCH: SearchSpec<VariantRef> = {
  fields: {
    id: { type: "number", get: (r) => r.v.legacyId },
    sku: { type: "string", get: (r) => r.v.sku },
    barcode: { type: "string", get: (r) => r.v.barcode },
    title: { type: "string", get: (r) => r.v.title },
    product_id: { type: "number", get: (r) => r.p.legacyId },
    product_status: { type: "enum", get: (r) => r.p.status },
    vendor: { type: "string", get: (r) => r.p.vendor },
    inventory_quantity: { type: "number", get: (r) => variantAvailable(r.v) },
    created_at: { type: "date", get: (r) => r.v.createdAt },
    updated_at: { type: "date", get: (r) => r.v.updatedAt },
  },
  text: (r) => [r.v.title, r.v.sku, r.v.barcode, r.p.title],
};

function allVariants(products: readonly StandinProduct[]): VariantRef[] {
  return products.flatMap((p) => p.variants.map((v) => ({ v, p })));
}

export function findProduct(context: AdminContext, id: unknown): StandinProduct | undefined {
  return context.store.products.find((p) => p.id === id);
}

export function findVariant(context: AdminContext, id: unknown): VariantRef | undefined {
  for (const p of context.store.products) {
    const v = p.variants.find((x) => x.id === id);
    if (v) return { v, p };
  }
  return undefined;
}

const stringConnection =
  (values: (products: readonly StandinProduct[]) => string[]): FieldFn<AdminContext> =>
  (args, ctx, info) => {
    requireScope(ctx, info, "read_products");
    const unique = [...new Set(values(ctx.store.products).filter((s) => s !== ""))].sort();
    return connection(
      unique,
      { id: (s) => unique.indexOf(s) + 1, sortValue: (s) => s, node: (s) => s },
      args as PageArgs,
      ctx,
      info,
    );
  };

export const productRoot: Record<string, FieldFn<AdminContext>> = {
  products: (args, ctx, info) => {
    requireScope(ctx, info, "read_products");
    return productsConnection(ctx.store.products, args, ctx, info);
  },
  productsCount: (args, ctx, info) => {
    requireScope(ctx, info, "read_products");
    return countView(
      search(ctx.store.products, args.query, PRODUCT_SEARCH, ctx, info).length,
      args.limit,
    );
  },
  product: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_products");
    const p = findProduct(ctx, id);
    return p ? productView(p, ctx) : null;
  },
  productByHandle: ({ handle }, ctx, info) => {
    requireScope(ctx, info, "read_products");
    const p = ctx.store.products.find((x) => x.handle === handle);
    return p ? productView(p, ctx) : null;
  },
  productByIdentifier: ({ identifier }, ctx, info) => {
    requireScope(ctx, info, "read_products");
    const { id, handle } = identifier as { id?: string; handle?: string };
    const p = ctx.store.products.find(
      (x) => (id !== undefined && x.id === id) || (handle !== undefined && x.handle === handle),
    );
    return p ? productView(p, ctx) : null;
  },
  productVariants: (args, ctx, info) => {
    requireScope(ctx, info, "read_products");
    const a = args as ListArgs;
    const refs = search(allVariants(ctx.store.products), a.query, VARIANT_SEARCH, ctx, info);
    const byVariant =
      (VARIANT_SORTS as Sorts<StandinVariant>)[a.sortKey ?? "ID"] ?? VARIANT_SORTS.ID;
    const sort = (r: VariantRef): SortValue => byVariant(r.v);
    return connection(
      refs,
      { id: (r) => r.v.legacyId, sortValue: sort, node: (r) => variantView(r.v, r.p, ctx) },
      a,
      ctx,
      info,
    );
  },
  productVariantsCount: (args, ctx, info) => {
    requireScope(ctx, info, "read_products");
    return countView(
      search(allVariants(ctx.store.products), args.query, VARIANT_SEARCH, ctx, info).length,
      args.limit,
    );
  },
  productVariant: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_products");
    const ref = findVariant(ctx, id);
    return ref ? variantView(ref.v, ref.p, ctx) : null;
  },
  productTags: stringConnection((products) => products.flatMap((p) => p.tags)),
  productTypes: stringConnection((products) => products.map((p) => p.productType)),
  productVendors: stringConnection((products) => products.map((p) => p.vendor)),
};
