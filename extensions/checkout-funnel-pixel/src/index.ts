/**
 * The checkout-funnel web pixel: subscribes to the six checkout steps and forwards them, with
 * consent only and without personal data, to Tovholder (logic and rules in ./forwarder.ts).
 */
import { register } from "@shopify/web-pixels-extension";
import { FUNNEL_EVENTS, createForwarder, readSettings, sha256Hex } from "./forwarder";

register(({ analytics, init, settings, customerPrivacy }) => {
  const parsed = readSettings(settings);
  if (parsed === null) return;
  const forwarder = createForwarder({
    settings: parsed,
    shop: init.data.shop.myshopifyDomain,
    consent: init.customerPrivacy,
    digest: sha256Hex,
    // Delivery is best effort: a lost batch only makes the funnel undercount.
    send: (url, body) =>
      fetch(url, {
        method: "POST",
        body,
        keepalive: true,
        headers: { "Content-Type": "text/plain" },
      }).then(
        () => undefined,
        () => undefined,
      ),
    schedule: (run, ms) => setTimeout(run, ms),
    cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  customerPrivacy.subscribe("visitorConsentCollected", (event) =>
    forwarder.setConsent(event.customerPrivacy),
  );
  for (const name of FUNNEL_EVENTS)
    analytics.subscribe(name, (event) => void forwarder.handle(event));
});
