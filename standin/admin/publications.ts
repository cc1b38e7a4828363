/**
 * Sales-channel publications. The stand-in models one: the Online Store channel's publication
 * (`StandinStore.onlineStorePublicationId`), which is what storefront visibility depends on.
 */
import type { GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs } from "../graphql/connection";
import type { FieldFn, View } from "../graphql/view";
import { countView, legacyId, requireScope } from "./common";
import type { AdminContext } from "./context";
import { productsConnection } from "./products";

export function publicationView(context: AdminContext): View {
  const id = context.store.onlineStorePublicationId;
  const published = () => context.store.products.filter((p) => p.onlineStorePublishedAt !== null);
  return {
    __typename: "Publication",
    id,
    name: "Online Store",
    autoPublish: false,
    supportsFuturePublishing: true,
    catalog: null,
    products: (args: Record<string, unknown>, ctx: AdminContext, info: GraphQLResolveInfo) =>
      productsConnection(published(), args, ctx, info),
    includedProducts: (
      args: Record<string, unknown>,
      ctx: AdminContext,
      info: GraphQLResolveInfo,
    ) => productsConnection(published(), args, ctx, info),
    includedProductsCount: countView(published().length, null),
  };
}

/** `resourcePublicationsV2` for a product or collection published (or not) to the Online Store. */
export function resourcePublications(
  published: boolean,
  publishDate: string | null,
  publishable: () => View,
): FieldFn<AdminContext> {
  return (args, ctx, info) => {
    const onlyPublished = args.onlyPublished !== false;
    const items = onlyPublished && !published ? [] : [ctx.store.onlineStorePublicationId];
    return connection(
      items,
      {
        id: legacyId,
        node: () => ({
          isPublished: published,
          publishDate: published ? publishDate : null,
          publication: publicationView(ctx),
          publishable,
        }),
      },
      args as PageArgs,
      ctx,
      info,
    );
  };
}

export const publicationRoot: Record<string, FieldFn<AdminContext>> = {
  publications: (args, ctx, info) => {
    requireScope(ctx, info, "read_publications");
    return connection(
      [ctx.store.onlineStorePublicationId],
      { id: legacyId, node: () => publicationView(ctx) },
      args as PageArgs,
      ctx,
      info,
    );
  },
  publication: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_publications");
    return id === ctx.store.onlineStorePublicationId ? publicationView(ctx) : null;
  },
  publicationsCount: (args, ctx, info) => {
    requireScope(ctx, info, "read_publications");
    return countView(1, args.limit);
  },
  publishedProductsCount: ({ publicationId, limit }, ctx, info) => {
    requireScope(ctx, info, "read_publications");
    const count =
      publicationId === ctx.store.onlineStorePublicationId
        ? ctx.store.products.filter((p) => p.onlineStorePublishedAt !== null).length
        : 0;
    return countView(count, limit);
  },
};
