/**
 * The body the checkout-funnel web pixel posts to /api/pixel-events, and its validation.
 *
 * Only what the funnel needs, and nothing that identifies a person: the event's name and id,
 * when it happened, the checkout token hashed with a per-shop salt in the browser (so checkouts
 * can be counted once without the token itself ever leaving the checkout), and the buyer's
 * country and market. No email, name, address, phone, IP or line items: the schema is strict,
 * so a pixel that sends more is refused rather than stored.
 */
import { z } from "zod";
import { FUNNEL_STEPS } from "./funnel";

export const PIXEL_BODY_VERSION = 1;
/** Per request; the pixel sends a few at a time. */
export const MAX_EVENTS_PER_REQUEST = 50;
/** Bytes; 50 events are about 12 KB. */
export const MAX_BODY_BYTES = 32 * 1024;
/** Events older than this, or further in the future, are refused (a replay or a broken clock). */
export const MAX_EVENT_AGE_MS = 3 * 86_400_000;
export const MAX_EVENT_AHEAD_MS = 86_400_000;

export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export const pixelEventSchema = z.strictObject({
  id: z.string().min(1).max(128),
  name: z.enum(FUNNEL_STEPS),
  timestamp: z.iso.datetime({ offset: true }),
  checkoutTokenHash: z.string().regex(/^[0-9a-f]{64}$/, "must be a hex SHA-256"),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be an ISO country code")
    .nullable(),
  marketHandle: z.string().min(1).max(255).nullable(),
});

export const pixelBodySchema = z.strictObject({
  v: z.literal(PIXEL_BODY_VERSION),
  shop: z.string().regex(SHOP_DOMAIN, "must be a myshopify.com domain"),
  key: z.string().min(16).max(256),
  events: z.array(pixelEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST),
});

export type PixelEvent = z.output<typeof pixelEventSchema>;
export type PixelBody = z.output<typeof pixelBodySchema>;

/** The keys of one event, exactly: the pixel's own test compares its payload with these. */
export const PIXEL_EVENT_KEYS = Object.keys(pixelEventSchema.shape).sort();

/** Events whose time is outside what is accepted at `now`, by index. */
export function eventsOutOfRange(events: readonly PixelEvent[], now: number): number[] {
  return events.flatMap((event, i) => {
    const at = Date.parse(event.timestamp);
    return at < now - MAX_EVENT_AGE_MS || at > now + MAX_EVENT_AHEAD_MS ? [i] : [];
  });
}
