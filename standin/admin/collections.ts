/** Collections in the Admin API's shapes. Membership comes from `StandinProduct.collectionIds`. */
import type { GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs, type SortValue } from "../graphql/connection";
import type { SearchSpec } from "../graphql/search";
import type { FieldFn, View } from "../graphql/view";
import type { StandinCollection } from "../store/types";
import { countView, requireScope, search, stripHtml, timestamp, truncate } from "./common";
import type { AdminContext } from "./context";
import { productView } from "./products";
import { resourcePublications } from "./publications";

type Args = Record<string, unknown>;

export function collectionView(c: StandinCollection, context: AdminContext): View {
  const members = () => context.store.products.filter((p) => p.collectionIds.includes(c.id));
  const published = c.onlineStorePublishedAt !== null;
  return {
    __typename: "Collection",
    id: c.id,
    legacyResourceId: String(c.legacyId),
    handle: c.handle,
    title: c.title,
    descriptionHtml: c.descriptionHtml,
    description: ({ truncateAt }: Args) => truncate(stripHtml(c.descriptionHtml), truncateAt),
    sortOrder: c.sortOrder,
    seo: { title: c.seo.title, description: c.seo.description },
    templateSuffix: null,
    updatedAt: c.updatedAt,
    image: null,
    // Smart collections have a rule set (the store model keeps membership, not the rules).
    ruleSet: c.smart ? { appliedDisjunctively: false, rules: [] } : null,
    products: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) =>
      connection(
        members(),
        { id: (p) => p.legacyId, node: (p) => productView(p, context) },
        args as PageArgs,
        ctx,
        info,
      ),
    productsCount: () => countView(members().length, null),
    hasProduct: ({ id }: Args) => members().some((p) => p.id === id),
    publishedOnPublication: ({ publicationId }: Args) =>
      publicationId === context.store.onlineStorePublicationId && published,
    resourcePublicationsV2: resourcePublications(published, c.onlineStorePublishedAt, () =>
      collectionView(c, context),
    ),
    resourcePublicationsCount: ({ onlyPublished }: Args) =>
      countView(onlyPublished === false || published ? 1 : 0, null),
  };
}

const COLLECTION_SEARCH: SearchSpec<StandinCollection> = {
  fields: {
    id: { type: "number", get: (c) => c.legacyId },
    title: { type: "string", get: (c) => c.title },
    handle: { type: "string", get: (c) => c.handle },
    collection_type: { type: "enum", get: (c) => (c.smart ? "smart" : "custom") },
    updated_at: { type: "date", get: (c) => c.updatedAt },
    published_at: { type: "date", get: (c) => c.onlineStorePublishedAt },
  },
  text: (c) => [c.title, c.handle],
};

const COLLECTION_SORTS: Record<string, ((c: StandinCollection) => SortValue) | undefined> = {
  ID: (c) => c.legacyId,
  RELEVANCE: (c) => c.legacyId,
  TITLE: (c) => c.title,
  UPDATED_AT: (c) => timestamp(c.updatedAt),
};

function find(context: AdminContext, predicate: (c: StandinCollection) => boolean): View | null {
  const c = context.store.collections.find(predicate);
  return c ? collectionView(c, context) : null;
}

export const collectionRoot: Record<string, FieldFn<AdminContext>> = {
  collections: (args, ctx, info) => {
    requireScope(ctx, info, "read_products");
    const a = args as PageArgs & { query?: string; sortKey?: string };
    const filtered = search(ctx.store.collections, a.query, COLLECTION_SEARCH, ctx, info);
    const sort = COLLECTION_SORTS[a.sortKey ?? "ID"] ?? ((c: StandinCollection) => c.legacyId);
    return connection(
      filtered,
      { id: (c) => c.legacyId, sortValue: sort, node: (c) => collectionView(c, ctx) },
      a,
      ctx,
      info,
    );
  },
  collectionsCount: (args, ctx, info) => {
    requireScope(ctx, info, "read_products");
    return countView(
      search(ctx.store.collections, args.query, COLLECTION_SEARCH, ctx, info).length,
      args.limit,
    );
  },
  collection: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_products");
    return find(ctx, (c) => c.id === id);
  },
  collectionByHandle: ({ handle }, ctx, info) => {
    requireScope(ctx, info, "read_products");
    return find(ctx, (c) => c.handle === handle);
  },
  collectionByIdentifier: ({ identifier }, ctx, info) => {
    requireScope(ctx, info, "read_products");
    const { id, handle } = identifier as { id?: string; handle?: string };
    return find(
      ctx,
      (c) => (id !== undefined && c.id === id) || (handle !== undefined && c.handle === handle),
    );
  },
};
