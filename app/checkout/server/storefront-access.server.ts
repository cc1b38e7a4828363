/**
 * Storefront API access for the synthetic cart: the shop's Storefront access token, created once
 * with the Admin API's storefrontAccessTokenCreate (it delegates the app's unauthenticated_*
 * scopes), stored encrypted in ShopSecret and reused. A token Shopify no longer accepts (revoked
 * on uninstall, deleted by the merchant) is replaced once, then the check gives up with a reason.
 *
 * The first request (the payment settings, which the readiness rules need anyway) doubles as
 * the token's test.
 */
import type { StorefrontPayments } from "~/checkout/domain/input";
import { readShopSecret, writeShopSecret } from "~/db/shop-secrets.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { createStorefrontToken } from "~/shopify/checkout.server";
import { isShopifyApiError } from "~/shopify/errors";
import { StorefrontPaymentSettingsDocument } from "~/shopify/generated/storefront";
import { StorefrontClient } from "~/shopify/storefront/client.server";

const SECRET = "storefront-access-token";
export const STOREFRONT_TOKEN_TITLE = "Tovholder checkout checks";

interface StoredToken {
  id: string;
  accessToken: string;
}

export interface StorefrontAccess {
  client: StorefrontClient;
  payments: StorefrontPayments;
  /** True when this call created the token. */
  created: boolean;
}

async function newToken(shop: string, admin: AdminClient): Promise<StoredToken> {
  const token = await createStorefrontToken(admin, STOREFRONT_TOKEN_TITLE);
  await writeShopSecret(
    shop,
    SECRET,
    JSON.stringify({ id: token.id, accessToken: token.accessToken }),
  );
  return token;
}

async function readPayments(client: StorefrontClient): Promise<StorefrontPayments> {
  const { paymentSettings } = (await client.request(StorefrontPaymentSettingsDocument)).shop;
  return {
    acceptedCardBrands: paymentSettings.acceptedCardBrands,
    supportedDigitalWallets: paymentSettings.supportedDigitalWallets,
    shopifyPaymentsAccountId: paymentSettings.shopifyPaymentsAccountId,
  };
}

export async function openStorefront(
  shop: string,
  admin: AdminClient,
  signal?: AbortSignal,
): Promise<StorefrontAccess> {
  const stored = await readShopSecret(shop, SECRET);
  let token = stored === null ? null : (JSON.parse(stored) as StoredToken);
  let created = false;
  if (token === null) {
    token = await newToken(shop, admin);
    created = true;
  }
  let client = new StorefrontClient(shop, token.accessToken, { signal });
  try {
    return { client, payments: await readPayments(client), created };
  } catch (error) {
    if (created || !isShopifyApiError(error, "UNAUTHORIZED")) throw error;
  }
  // The stored token was revoked: replace it once.
  token = await newToken(shop, admin);
  client = new StorefrontClient(shop, token.accessToken, { signal });
  return { client, payments: await readPayments(client), created: true };
}
