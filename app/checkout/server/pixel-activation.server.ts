/**
 * Activating the checkout-funnel pixel on a shop: credentials (ingestion key and hash salt) are
 * created once, then webPixelCreate (or webPixelUpdate, when the app's pixel exists) hands them
 * to Shopify as the pixel's settings, with the URL of the app's ingestion endpoint. Activating
 * again is safe: same key, same pixel, current URL.
 */
import type { AdminClient } from "~/shopify/admin-client.server";
import { upsertWebPixel } from "~/shopify/checkout.server";
import { countCheckoutEvents, lastCheckoutEventAt } from "~/checkout/models/checkout-events.server";
import {
  ensurePixelCredentials,
  readPixelCredentials,
  writePixelCredentials,
  type PixelCredentials,
} from "./pixel-credentials.server";

export const INGEST_PATH = "/api/pixel-events";

export async function activateCheckoutPixel(
  shop: string,
  admin: AdminClient,
  appUrl: string,
  now: Date = new Date(),
): Promise<PixelCredentials> {
  const credentials = await ensurePixelCredentials(shop);
  const pixelId = await upsertWebPixel(admin, {
    ingestUrl: new URL(INGEST_PATH, appUrl).href,
    ingestKey: credentials.key,
    hashSalt: credentials.salt,
  });
  const activated = { ...credentials, pixelId, activatedAt: now.toISOString() };
  await writePixelCredentials(shop, activated);
  return activated;
}

export interface PixelStatus {
  activatedAt: string | null;
  events: number;
  lastEventAt: string | null;
}

export async function pixelStatus(shop: string): Promise<PixelStatus> {
  const [credentials, events, last] = await Promise.all([
    readPixelCredentials(shop),
    countCheckoutEvents(shop),
    lastCheckoutEventAt(shop),
  ]);
  return {
    activatedAt: credentials?.activatedAt ?? null,
    events,
    lastEventAt: last?.toISOString() ?? null,
  };
}
