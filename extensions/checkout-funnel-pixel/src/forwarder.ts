/**
 * The pixel's logic, without Shopify's sandbox (src/index.ts wires it to `register`):
 *
 * - **Consent**: nothing is queued or sent unless the visitor allowed analytics. Shopify loads
 *   the pixel only with that consent (`[customer_privacy] analytics = true`), and the pixel
 *   checks again: at start (`init.customerPrivacy`) and on every `visitorConsentCollected`.
 *   Withdrawn consent drops what is still queued.
 * - **Data**: per event only its name and id, its time, the checkout token hashed with SHA-256
 *   and the shop's salt (so the app can count a checkout once without ever seeing the token),
 *   and the buyer's country and market. No email, name, address, phone or line items are read.
 * - **Batching**: up to 5 events per request, sent after 2 s or at once for `checkout_completed`
 *   (the customer is about to leave), with `fetch(…, { keepalive: true })` so a request
 *   survives the page being closed. The body is sent as text/plain: a "simple" cross-origin
 *   request, no CORS preflight.
 */

export const FUNNEL_EVENTS = [
  "checkout_started",
  "checkout_contact_info_submitted",
  "checkout_address_info_submitted",
  "checkout_shipping_info_submitted",
  "payment_info_submitted",
  "checkout_completed",
] as const;

export type FunnelEventName = (typeof FUNNEL_EVENTS)[number];

/** What the pixel reads of a checkout event (a structural subset of Shopify's event types). */
export interface CheckoutEventLike {
  id: string;
  name: string;
  timestamp: string;
  data: {
    checkout: {
      token: string | null;
      localization?: {
        country?: { isoCode: string | null } | null;
        market?: { handle: string | null } | null;
      } | null;
    };
  };
}

/** One event as sent: exactly these keys (the app's schema refuses any other). */
export interface OutgoingEvent {
  id: string;
  name: FunnelEventName;
  timestamp: string;
  checkoutTokenHash: string;
  countryCode: string | null;
  marketHandle: string | null;
}

export interface PixelSettings {
  ingestUrl: string;
  ingestKey: string;
  hashSalt: string;
}

export interface ConsentState {
  analyticsProcessingAllowed: boolean;
}

export interface ForwarderDeps {
  settings: PixelSettings;
  shop: string;
  consent: ConsentState;
  /** SHA-256 of a string, as lowercase hex. */
  digest(text: string): Promise<string>;
  send(url: string, body: string): Promise<void>;
  schedule(run: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
  maxBatch?: number;
  flushAfterMs?: number;
}

export function isFunnelEvent(name: string): name is FunnelEventName {
  return (FUNNEL_EVENTS as readonly string[]).includes(name);
}

/** The pixel's settings, or null when the app has not set them all (then it sends nothing). */
export function readSettings(settings: Record<string, unknown>): PixelSettings | null {
  const { ingestUrl, ingestKey, hashSalt } = settings;
  if (typeof ingestUrl !== "string" || !/^https?:\/\//.test(ingestUrl)) return null;
  if (typeof ingestKey !== "string" || ingestKey === "") return null;
  if (typeof hashSalt !== "string" || hashSalt === "") return null;
  return { ingestUrl, ingestKey, hashSalt };
}

export async function sha256Hex(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const COUNTRY = /^[A-Z]{2}$/;

/** The event as sent, or null for an event the funnel cannot use (no checkout token). */
export async function toOutgoing(
  event: CheckoutEventLike,
  salt: string,
  digest: (text: string) => Promise<string>,
): Promise<OutgoingEvent | null> {
  const token = event.data.checkout.token;
  if (!isFunnelEvent(event.name) || !token) return null;
  const country = event.data.checkout.localization?.country?.isoCode ?? null;
  return {
    id: event.id,
    name: event.name,
    timestamp: event.timestamp,
    checkoutTokenHash: await digest(`${salt}:${token}`),
    countryCode: country !== null && COUNTRY.test(country) ? country : null,
    marketHandle: event.data.checkout.localization?.market?.handle || null,
  };
}

export interface Forwarder {
  handle(event: CheckoutEventLike): Promise<void>;
  setConsent(consent: ConsentState): void;
  flush(): Promise<void>;
}

export function createForwarder(deps: ForwarderDeps): Forwarder {
  const maxBatch = deps.maxBatch ?? 5;
  const flushAfterMs = deps.flushAfterMs ?? 2000;
  let allowed = deps.consent.analyticsProcessingAllowed;
  let queue: OutgoingEvent[] = [];
  let timer: unknown = null;

  const stopTimer = () => {
    if (timer !== null) deps.cancel(timer);
    timer = null;
  };

  const flush = async (): Promise<void> => {
    stopTimer();
    if (!allowed || queue.length === 0) return;
    const events = queue;
    queue = [];
    const body = JSON.stringify({ v: 1, shop: deps.shop, key: deps.settings.ingestKey, events });
    await deps.send(deps.settings.ingestUrl, body);
  };

  return {
    async handle(event) {
      if (!allowed) return;
      const outgoing = await toOutgoing(event, deps.settings.hashSalt, deps.digest);
      // Consent may have been withdrawn while hashing.
      if (outgoing === null || !allowed) return;
      queue.push(outgoing);
      if (queue.length >= maxBatch || outgoing.name === "checkout_completed") await flush();
      else if (timer === null) timer = deps.schedule(() => void flush(), flushAfterMs);
    },
    setConsent(consent) {
      allowed = consent.analyticsProcessingAllowed;
      if (!allowed) {
        queue = [];
        stopTimer();
      }
    },
    flush,
  };
}
