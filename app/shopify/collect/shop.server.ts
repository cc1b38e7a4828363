/**
 * The shop section, the product count (which picks the strategy) and the shop's policies. Each
 * optional piece is its own small request, so a scope the app lacks costs that piece only.
 */
import {
  normalisePolicy,
  normaliseShop,
  onlineStorePublicationId,
} from "~/snapshot/domain/sections";
import type { SnapshotPolicy, SnapshotShop } from "~/snapshot/domain/types";
import { ShopifyApiError } from "../errors";
import {
  PasswordProtectionDocument,
  PaymentWalletsDocument,
  ProductsCountDocument,
  PublicationsDocument,
  ShopPoliciesDocument,
  ShopSettingsDocument,
} from "../generated/admin";
import type { CollectContext } from "./context";
import { paginate } from "./paginate";

export async function collectShop(ctx: CollectContext): Promise<SnapshotShop> {
  const { client } = ctx;
  const [{ shop }, passwordProtected, digitalWallets, publicationId] = await ctx.all([
    () => client.request(ShopSettingsDocument),
    () =>
      ctx.section(
        "shop.passwordProtected",
        async () =>
          (await client.request(PasswordProtectionDocument)).onlineStore.passwordProtection.enabled,
      ),
    () =>
      ctx.section("shop.digitalWallets", async () => [
        ...(await client.request(PaymentWalletsDocument)).shop.paymentSettings
          .supportedDigitalWallets,
      ]),
    () =>
      ctx.section("shop.onlineStorePublicationId", async () => {
        const publications = [];
        for await (const p of paginate(
          async (after) => (await client.request(PublicationsDocument, { after })).publications,
        ))
          publications.push(p);
        return onlineStorePublicationId(publications);
      }),
  ] as const);
  if (
    publicationId === null &&
    !ctx.gaps.some((g) => g.section === "shop.onlineStorePublicationId")
  )
    ctx.unavailable("shop.onlineStorePublicationId", "the shop has no Online Store sales channel");
  return normaliseShop(shop, {
    passwordProtected,
    digitalWallets,
    onlineStorePublicationId: publicationId,
  });
}

export async function countProducts(ctx: CollectContext): Promise<number> {
  const { productsCount } = await ctx.client.request(ProductsCountDocument);
  if (!productsCount)
    throw new ShopifyApiError("Shopify did not count the shop's products", "BAD_RESPONSE");
  return productsCount.count;
}

export async function collectPolicies(ctx: CollectContext): Promise<SnapshotPolicy[]> {
  const { shop } = await ctx.client.request(ShopPoliciesDocument);
  const policies = shop.shopPolicies.map(normalisePolicy);
  ctx.progress("policies", policies.length, policies.length);
  return policies;
}
