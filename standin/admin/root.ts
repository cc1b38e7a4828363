/**
 * The Admin API's root value: every emulated QueryRoot and Mutation field, merged from the
 * per-domain modules. Root fields not listed here fail with "not emulated by the stand-in".
 */
import type { FieldFn, View } from "../graphql/view";
import { bulkMutations, bulkRoot } from "./bulk";
import { collectionRoot } from "./collections";
import type { AdminContext } from "./context";
import { deliveryRoot } from "./delivery";
import { discountRoot } from "./discounts";
import { locationRoot } from "./locations";
import { marketRoot } from "./markets";
import { nodeRoot } from "./node";
import { orderRoot } from "./orders";
import { productRoot } from "./products";
import { publicationRoot } from "./publications";
import { shopRoot, shopView, storefrontTokenView } from "./shop";
import { shopifyqlRoot } from "./shopifyql";
import { themeRoot } from "./themes";
import { webPixelMutations, webPixelRoot } from "./web-pixels";

const MAX_STOREFRONT_TOKENS = 100;

const storefrontTokenMutations: Record<string, FieldFn<AdminContext>> = {
  storefrontAccessTokenCreate: ({ input }, ctx) => {
    const shop = shopView(ctx.store, ctx);
    if (ctx.storefrontTokens.list().length >= MAX_STOREFRONT_TOKENS) {
      return {
        storefrontAccessToken: null,
        shop,
        userErrors: [
          {
            field: ["input"],
            message: `An app can have at most ${MAX_STOREFRONT_TOKENS} active storefront access tokens per shop.`,
          },
        ],
      };
    }
    // The token delegates the app's unauthenticated_* scopes (possibly none; see docs/standin.md).
    const scopes = [...ctx.scopes].filter((s) => s.startsWith("unauthenticated_"));
    const token = ctx.storefrontTokens.create((input as { title: string }).title, scopes);
    return { storefrontAccessToken: storefrontTokenView(token), shop, userErrors: [] };
  },
  storefrontAccessTokenDelete: ({ input }, ctx) => {
    const { id } = input as { id: string };
    if (ctx.storefrontTokens.remove(id))
      return { deletedStorefrontAccessTokenId: id, userErrors: [] };
    return {
      deletedStorefrontAccessTokenId: null,
      userErrors: [{ field: ["id"], message: "Access token does not exist" }],
    };
  },
};

export const adminRoot: View = {
  ...shopRoot,
  ...productRoot,
  ...collectionRoot,
  ...locationRoot,
  ...marketRoot,
  ...deliveryRoot,
  ...discountRoot,
  ...orderRoot,
  ...themeRoot,
  ...publicationRoot,
  ...bulkRoot,
  ...nodeRoot,
  ...webPixelRoot,
  ...shopifyqlRoot,
  ...bulkMutations,
  ...storefrontTokenMutations,
  ...webPixelMutations,
};
