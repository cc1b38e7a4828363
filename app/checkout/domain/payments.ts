/**
 * Payment readiness from what the app may read (docs/decisions/009-checkout-checks.md):
 * - Storefront API `shop.paymentSettings` (the Storefront token the checkout check creates):
 *   accepted card brands, digital wallets, the Shopify Payments account id;
 * - Admin API `shop.paymentSettings.supportedDigitalWallets`, collected with every snapshot.
 * Not read: `shopifyPaymentsAccount` (balances, payouts, bank accounts) needs the
 * `read_shopify_payments` approval scope, which Tovholder does not request and does not need.
 * Nothing Shopify exposes lists PayPal or manual methods, test mode, or whether a payment would
 * go through; the texts say so. Pure: no I/O.
 */
import type { StorefrontPayments } from "./input";

export type PaymentReadinessState = "ready" | "not-ready" | "unknown";

export interface PaymentReadiness {
  state: PaymentReadinessState;
  /** Which API the verdict rests on; null when neither could be read. */
  source: "storefront" | "admin" | null;
  /** Card brands accepted (Storefront API only). */
  cardBrands: number | null;
  wallets: number | null;
  /** A Shopify Payments account exists (Storefront API only). */
  shopifyPayments: boolean | null;
}

export function paymentReadiness(
  storefront: StorefrontPayments | null,
  adminWallets: string[] | null,
): PaymentReadiness {
  if (storefront !== null) {
    const cardBrands = storefront.acceptedCardBrands.length;
    const wallets = storefront.supportedDigitalWallets.length;
    return {
      state: cardBrands > 0 || wallets > 0 ? "ready" : "not-ready",
      source: "storefront",
      cardBrands,
      wallets,
      shopifyPayments: storefront.shopifyPaymentsAccountId !== null,
    };
  }
  if (adminWallets !== null)
    return {
      // A wallet needs a payment provider behind it; without one a provider may still exist.
      state: adminWallets.length > 0 ? "ready" : "unknown",
      source: "admin",
      cardBrands: null,
      wallets: adminWallets.length,
      shopifyPayments: null,
    };
  return { state: "unknown", source: null, cardBrands: null, wallets: null, shopifyPayments: null };
}

export type PaymentTextLanguage = "en" | "da";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What is known, in a sentence. */
export function paymentSummary(r: PaymentReadiness, lang: PaymentTextLanguage): string {
  const da = lang === "da";
  if (r.source === "storefront") {
    const cards = da
      ? plural(r.cardBrands ?? 0, "kortmærke", "kortmærker")
      : plural(r.cardBrands ?? 0, "card brand", "card brands");
    const wallets = da
      ? plural(r.wallets ?? 0, "digital tegnebog", "digitale tegnebøger")
      : plural(r.wallets ?? 0, "digital wallet", "digital wallets");
    const sp = r.shopifyPayments
      ? da
        ? ", Shopify Payments er sat op"
        : ", Shopify Payments set up"
      : "";
    return da
      ? `Betaling, som Storefront API'et viser den: ${cards}, ${wallets}${sp}.`
      : `Payments as the Storefront API reports them: ${cards}, ${wallets}${sp}.`;
  }
  if (r.source === "admin") {
    const wallets = da
      ? plural(r.wallets ?? 0, "digital tegnebog", "digitale tegnebøger")
      : plural(r.wallets ?? 0, "digital wallet", "digital wallets");
    return da
      ? `Admin API'et viser ${wallets} ved checkout; kortbetalinger kunne ikke læses (ingen adgang til Storefront API'et).`
      : `The Admin API shows ${wallets} at checkout; card payments could not be read (no Storefront API access).`;
  }
  return da
    ? "Betalingsindstillingerne kunne ikke læses."
    : "The payment settings could not be read.";
}

/** What no API Tovholder may use can show: said wherever payment readiness is shown. */
export function paymentLimits(lang: PaymentTextLanguage): string {
  return lang === "da"
    ? "Det kan ikke ses gennem Shopifys API'er: PayPal og manuelle betalingsmetoder (bankoverførsel, efterkrav), testtilstand, og om en betaling faktisk ville gå igennem. Shopify Payments-kontoen selv kræver et godkendelses-scope (read_shopify_payments), som Tovholder ikke beder om. Tjek Indstillinger → Betalinger i Shopify admin."
    : "What Shopify's APIs do not show: PayPal and manual payment methods (bank transfer, cash on delivery), test mode, and whether a payment would actually go through. The Shopify Payments account itself needs an approval scope (read_shopify_payments) Tovholder does not ask for. Check Settings → Payments in Shopify admin.";
}
