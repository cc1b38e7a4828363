/**
 * The Admin API calls of the checkout checks: a Storefront access token for the synthetic cart,
 * and the checkout-funnel web pixel (webPixelCreate, or webPixelUpdate when the app's pixel
 * already exists on the shop).
 */
import type { AdminClient } from "./admin-client.server";
import { ShopifyApiError, isShopifyApiError } from "./errors";
import {
  CheckoutStorefrontTokenCreateDocument,
  CheckoutWebPixelCreateDocument,
  CheckoutWebPixelDocument,
  CheckoutWebPixelUpdateDocument,
} from "./generated/admin";

export interface CreatedStorefrontToken {
  id: string;
  accessToken: string;
  /** The unauthenticated_* scopes Shopify delegated to the token. */
  scopes: string[];
}

export async function createStorefrontToken(
  client: AdminClient,
  title: string,
): Promise<CreatedStorefrontToken> {
  const data = await client.request(CheckoutStorefrontTokenCreateDocument, { title });
  const token = data.storefrontAccessTokenCreate?.storefrontAccessToken;
  if (!token)
    throw new ShopifyApiError("Shopify created no Storefront access token", "BAD_RESPONSE");
  return {
    id: token.id,
    accessToken: token.accessToken,
    scopes: token.accessScopes.map((s) => s.handle),
  };
}

/**
 * Creates the app's web pixel with these settings, or updates it when it exists (Shopify allows
 * one pixel per app and shop, and answers TAKEN to a second webPixelCreate). Returns its id.
 */
export async function upsertWebPixel(
  client: AdminClient,
  settings: Record<string, string>,
): Promise<string> {
  const json = JSON.stringify(settings);
  try {
    const data = await client.request(CheckoutWebPixelCreateDocument, { settings: json });
    const id = data.webPixelCreate?.webPixel?.id;
    if (!id) throw new ShopifyApiError("Shopify created no web pixel", "BAD_RESPONSE");
    return id;
  } catch (error) {
    const taken =
      isShopifyApiError(error, "USER_ERRORS") &&
      (error.details.userErrors ?? []).some((e) => e.code === "TAKEN");
    if (!taken) throw error;
  }
  const existing = (await client.request(CheckoutWebPixelDocument)).webPixel;
  if (!existing)
    throw new ShopifyApiError(
      "Shopify says the web pixel exists but does not return it",
      "BAD_RESPONSE",
    );
  const data = await client.request(CheckoutWebPixelUpdateDocument, {
    id: existing.id,
    settings: json,
  });
  return data.webPixelUpdate?.webPixel?.id ?? existing.id;
}
