/**
 * The checkout-funnel web pixel without a browser: the consent gate, the payload (exactly the
 * keys the app accepts, a salted SHA-256 of the checkout token, no personal data), batching,
 * and the wiring in src/index.ts through a stand-in for Shopify's `register`.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FUNNEL_STEPS } from "~/checkout/domain/funnel";
import { PIXEL_EVENT_KEYS, pixelBodySchema } from "~/checkout/domain/pixel-events";
import {
  FUNNEL_EVENTS,
  createForwarder,
  readSettings,
  sha256Hex,
  toOutgoing,
  type CheckoutEventLike,
  type ForwarderDeps,
} from "../../../extensions/checkout-funnel-pixel/src/forwarder";

const SETTINGS = {
  ingestUrl: "https://tovholder.example/api/pixel-events",
  ingestKey: "k".repeat(32),
  hashSalt: "salt-of-the-shop",
};
const SHOP = "nordvej-outdoor.myshopify.com";

/** A checkout event as Shopify sends it, personal data included: none of it may leave. */
function checkoutEvent(
  name: string,
  id = `evt-${name}`,
  token: string | null = "tok-123",
): CheckoutEventLike {
  return {
    id,
    name,
    timestamp: new Date().toISOString(),
    data: {
      checkout: {
        token,
        email: "jens@example.com",
        phone: "+4512345678",
        shippingAddress: {
          firstName: "Jens",
          address1: "Nørrebrogade 1",
          city: "København",
          countryCode: "DK",
        },
        lineItems: [{ title: "Cykel", quantity: 1 }],
        localization: { country: { isoCode: "DK" }, market: { handle: "dk" } },
      },
    },
  } as CheckoutEventLike;
}

function harness(consent = true, overrides: Partial<ForwarderDeps> = {}) {
  const sent: { url: string; body: string }[] = [];
  const timers: (() => void)[] = [];
  const forwarder = createForwarder({
    settings: SETTINGS,
    shop: SHOP,
    consent: { analyticsProcessingAllowed: consent },
    digest: sha256Hex,
    send: async (url, body) => void sent.push({ url, body }),
    schedule: (run) => timers.push(run),
    cancel: () => undefined,
    ...overrides,
  });
  const bodies = () => sent.map((s) => JSON.parse(s.body) as { events: Record<string, unknown>[] });
  return { forwarder, sent, timers, bodies };
}

describe("the consent gate", () => {
  it("sends nothing without analytics consent", async () => {
    const { forwarder, sent } = harness(false);
    for (const name of FUNNEL_EVENTS) await forwarder.handle(checkoutEvent(name));
    await forwarder.flush();
    expect(sent).toEqual([]);
  });

  it("starts sending once consent is given, and drops the queue when it is withdrawn", async () => {
    const { forwarder, sent, bodies } = harness(false);
    await forwarder.handle(checkoutEvent("checkout_started"));
    forwarder.setConsent({ analyticsProcessingAllowed: true });
    await forwarder.handle(checkoutEvent("checkout_contact_info_submitted"));
    forwarder.setConsent({ analyticsProcessingAllowed: false });
    await forwarder.flush();
    expect(sent).toEqual([]);
    forwarder.setConsent({ analyticsProcessingAllowed: true });
    await forwarder.handle(checkoutEvent("checkout_completed"));
    expect(bodies().map((b) => b.events.map((e) => e.name))).toEqual([["checkout_completed"]]);
  });
});

describe("the payload", () => {
  it("has exactly the keys the app accepts, and passes its schema", async () => {
    const { forwarder, bodies } = harness();
    for (const name of FUNNEL_EVENTS) await forwarder.handle(checkoutEvent(name));
    const [body] = bodies();
    expect(Object.keys(body ?? {}).sort()).toEqual(["events", "key", "shop", "v"]);
    for (const e of body?.events ?? []) expect(Object.keys(e).sort()).toEqual(PIXEL_EVENT_KEYS);
    expect(pixelBodySchema.safeParse(body).success).toBe(true);
  });

  it("carries no personal data: the token only as a salted SHA-256", async () => {
    const { forwarder, sent } = harness();
    await forwarder.handle(checkoutEvent("checkout_completed"));
    const text = sent[0]?.body ?? "";
    for (const secret of [
      "tok-123",
      "jens@example.com",
      "+4512345678",
      "Jens",
      "Nørrebrogade",
      "Cykel",
    ])
      expect(text).not.toContain(secret);
    const expected = createHash("sha256").update("salt-of-the-shop:tok-123").digest("hex");
    expect(JSON.parse(text).events[0]).toMatchObject({
      checkoutTokenHash: expected,
      countryCode: "DK",
      marketHandle: "dk",
    });
  });

  it("hashes the same token differently with another shop's salt", async () => {
    const a = await toOutgoing(checkoutEvent("checkout_started"), "salt-a", sha256Hex);
    const b = await toOutgoing(checkoutEvent("checkout_started"), "salt-b", sha256Hex);
    expect(a?.checkoutTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a?.checkoutTokenHash).not.toBe(b?.checkoutTokenHash);
  });

  it("skips events without a checkout token and events outside the funnel", async () => {
    expect(
      await toOutgoing(checkoutEvent("checkout_started", "x", null), "s", sha256Hex),
    ).toBeNull();
    expect(await toOutgoing(checkoutEvent("page_viewed"), "s", sha256Hex)).toBeNull();
  });

  it("names the same steps as the app's funnel", () => {
    expect([...FUNNEL_EVENTS]).toEqual([...FUNNEL_STEPS]);
  });

  it("is not sent without complete settings", () => {
    expect(readSettings(SETTINGS)).toEqual(SETTINGS);
    expect(readSettings({ ...SETTINGS, ingestKey: "" })).toBeNull();
    expect(readSettings({ ...SETTINGS, ingestUrl: "javascript:alert(1)" })).toBeNull();
  });
});

describe("batching", () => {
  it("sends five events per request, the rest after the timer", async () => {
    const { forwarder, bodies, timers } = harness();
    for (let i = 0; i < 7; i++) await forwarder.handle(checkoutEvent("checkout_started", `e${i}`));
    expect(bodies().map((b) => b.events.length)).toEqual([5]);
    expect(timers).toHaveLength(2);
    timers.at(-1)?.();
    await Promise.resolve();
    expect(bodies().map((b) => b.events.length)).toEqual([5, 2]);
  });

  it("sends at once on checkout_completed", async () => {
    const { forwarder, bodies } = harness();
    await forwarder.handle(checkoutEvent("payment_info_submitted"));
    await forwarder.handle(checkoutEvent("checkout_completed"));
    expect(bodies().map((b) => b.events.map((e) => e.name))).toEqual([
      ["payment_info_submitted", "checkout_completed"],
    ]);
  });
});

describe("src/index.ts", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("registers, subscribes to the six steps and consent, and posts with keepalive", async () => {
    let extend: ((api: unknown) => void) | undefined;
    vi.stubGlobal("shopify", {
      extend: (_point: string, fn: (api: unknown) => void) => (extend = fn),
    });
    const fetchMock = vi.fn(async () => new Response(null, { status: 200 }));
    vi.stubGlobal("fetch", fetchMock);
    await import("../../../extensions/checkout-funnel-pixel/src/index");
    const events = new Map<string, (e: unknown) => void>();
    let onConsent: ((e: unknown) => void) | undefined;
    extend?.({
      settings: SETTINGS,
      init: {
        data: { shop: { myshopifyDomain: SHOP } },
        customerPrivacy: { analyticsProcessingAllowed: false },
      },
      analytics: { subscribe: (name: string, cb: (e: unknown) => void) => events.set(name, cb) },
      customerPrivacy: {
        subscribe: (name: string, cb: (e: unknown) => void) =>
          name === "visitorConsentCollected" && (onConsent = cb),
      },
      browser: {},
    });
    expect([...events.keys()]).toEqual([...FUNNEL_EVENTS]);
    events.get("checkout_completed")?.(checkoutEvent("checkout_completed"));
    await new Promise((r) => setTimeout(r, 10));
    expect(fetchMock).not.toHaveBeenCalled();
    onConsent?.({ customerPrivacy: { analyticsProcessingAllowed: true } });
    events.get("checkout_completed")?.(checkoutEvent("checkout_completed"));
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(fetchMock.mock.calls[0]).toEqual([
      SETTINGS.ingestUrl,
      expect.objectContaining({
        method: "POST",
        keepalive: true,
        headers: { "Content-Type": "text/plain" },
      }),
    ]);
  });
});
