/**
 * Payment readiness from what the app may read (Storefront paymentSettings, Admin wallets), and
 * the explanation of what cannot be known, in English and Danish.
 */
import { describe, expect, it } from "vitest";
import { paymentLimits, paymentReadiness, paymentSummary } from "~/checkout/domain/payments";

const storefront = (cards: string[], wallets: string[], account: string | null = null) => ({
  acceptedCardBrands: cards,
  supportedDigitalWallets: wallets,
  shopifyPaymentsAccountId: account,
});

describe("paymentReadiness", () => {
  it("trusts the Storefront API first: cards or wallets make a checkout payable", () => {
    expect(paymentReadiness(storefront(["VISA"], [], "acct_1"), []).state).toBe("ready");
    expect(paymentReadiness(storefront([], ["SHOPIFY_PAY"]), null).state).toBe("ready");
    expect(paymentReadiness(storefront([], []), ["SHOPIFY_PAY"]).state).toBe("not-ready");
  });

  it("with the Admin API's wallets only, none is 'unknown', never 'not ready'", () => {
    expect(paymentReadiness(null, ["APPLE_PAY"])).toMatchObject({
      state: "ready",
      source: "admin",
    });
    expect(paymentReadiness(null, [])).toMatchObject({ state: "unknown", source: "admin" });
    expect(paymentReadiness(null, null)).toMatchObject({ state: "unknown", source: null });
  });
});

describe("texts", () => {
  it("say what was read, in both languages", () => {
    const r = paymentReadiness(storefront(["VISA", "MASTERCARD"], ["SHOPIFY_PAY"], "acct_1"), null);
    expect(paymentSummary(r, "en")).toBe(
      "Payments as the Storefront API reports them: 2 card brands, 1 digital wallet, Shopify Payments set up.",
    );
    expect(paymentSummary(r, "da")).toBe(
      "Betaling, som Storefront API'et viser den: 2 kortmærker, 1 digital tegnebog, Shopify Payments er sat op.",
    );
    const admin = paymentReadiness(null, []);
    expect(paymentSummary(admin, "en")).toMatch(/^The Admin API shows 0 digital wallets/);
    expect(paymentSummary(admin, "da")).toMatch(/^Admin API'et viser 0 digitale tegnebøger/);
  });

  it("say what cannot be known, in both languages, naming the scope not asked for", () => {
    for (const lang of ["en", "da"] as const) {
      expect(paymentLimits(lang)).toContain("PayPal");
      expect(paymentLimits(lang)).toContain("read_shopify_payments");
    }
    expect(paymentLimits("da")).toMatch(/bankoverførsel/);
    expect(paymentLimits("en")).toMatch(/bank transfer/);
  });
});
