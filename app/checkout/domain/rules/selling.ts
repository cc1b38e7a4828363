/** Can anything be bought at all: products for sale, an open storefront, a way to pay. */
import { ADMIN_PAGES, adminPageUrl } from "../links";
import { productForSale, variantInStock, variantPriced } from "../purchasable";
import type { CheckoutResource, CheckoutRule } from "../rule-model";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import { paymentReadiness } from "../payments";

function shopResource(snapshot: StoreSnapshot): CheckoutResource {
  return {
    type: "shop",
    id: snapshot.shop.domain,
    title: snapshot.shop.name ?? snapshot.shop.domain,
  };
}

export const noPurchasableProducts: CheckoutRule = {
  id: "checkout.no-purchasable-products",
  category: "selling",
  severity: "critical",
  title: "Nothing in the shop can be bought",
  why: "Without a single product that is active, on the Online Store, priced and in stock, every visitor leaves without buying: the shop takes no orders at all.",
  fix: "Open Products, set the products you sell to Active, publish them to the Online Store, give every variant a price and restock (or tick Continue selling when out of stock).",
  target: "shop",
  needs: [],
  check({ snapshot }, emit) {
    const active = snapshot.products.filter((p) => p.status === "ACTIVE" && !p.isGiftCard);
    const published = active.filter(productForSale);
    const priced = published.filter((p) => p.variants.some(variantPriced));
    const inStock = priced.filter((p) =>
      p.variants.some((v) => variantPriced(v) && variantInStock(v)),
    );
    if (inStock.length > 0) return;
    const why =
      active.length === 0
        ? "the shop has no active product"
        : published.length === 0
          ? `none of its ${active.length} active products is published to the Online Store`
          : priced.length === 0
            ? `none of the ${published.length} published products has a variant with a price above 0`
            : `every priced variant of the ${priced.length} published products is sold out and stops selling when out of stock`;
    emit({
      resource: shopResource(snapshot),
      message: `No product can be bought: ${why}.`,
      details: {
        activeProducts: active.length,
        publishedProducts: published.length,
        pricedProducts: priced.length,
      },
      fixUrl: adminPageUrl(snapshot.shop.domain, ADMIN_PAGES.activeProducts),
    });
  },
};

export const storefrontPassword: CheckoutRule = {
  id: "checkout.storefront-password",
  category: "selling",
  severity: "critical",
  title: "The Online Store is password-protected",
  why: "Every visitor sees the password page instead of the shop: nobody can reach a product, a cart or the checkout, and search engines cannot index the shop.",
  fix: "Open Online Store → Preferences, scroll to Password protection and untick Restrict access to visitors with the password. A development or trial store must pick a plan first.",
  target: "shop",
  needs: ["passwordProtection"],
  check({ snapshot }, emit) {
    if (snapshot.shop.passwordProtected !== true) return;
    const development = snapshot.shop.developmentStore === true;
    emit({
      resource: shopResource(snapshot),
      message: development
        ? "The Online Store is password-protected. It is a development store: the password can only be removed once the shop is on a paid plan."
        : "The Online Store is password-protected: visitors see the password page, not the shop.",
      details: { developmentStore: snapshot.shop.developmentStore },
      fixUrl: adminPageUrl(snapshot.shop.domain, ADMIN_PAGES.onlineStorePreferences),
    });
  },
};

/**
 * The Admin API lists no payment providers. What can be read (app/checkout/domain/payments.ts):
 * the Storefront API's `paymentSettings` (card brands and wallets offered at checkout, a Shopify
 * Payments account id) and the Admin API's wallets. `shopifyPaymentsAccount` needs the
 * `read_shopify_payments` approval scope and is not read. PayPal and manual methods (bank
 * transfer, cash on delivery) are visible nowhere, so a finding says so.
 */
export const paymentsNotReady: CheckoutRule = {
  id: "checkout.payments-not-ready",
  category: "selling",
  severity: "warning",
  title: "No card payment or wallet is set up",
  why: "A checkout that offers no card payment and no wallet (Shop Pay, Apple Pay, Google Pay) loses most buyers at the last step, after all the work of getting them there.",
  fix: "Open Settings → Payments and activate Shopify Payments, or add a card payment provider. If the shop deliberately takes only PayPal or manual payments, suppress this finding.",
  target: "shop",
  needs: ["payments"],
  check({ snapshot, payments }, emit) {
    const fixUrl = adminPageUrl(snapshot.shop.domain, ADMIN_PAGES.payments);
    if (payments !== null) {
      if (payments.acceptedCardBrands.length > 0 || payments.supportedDigitalWallets.length > 0)
        return;
      emit({
        resource: shopResource(snapshot),
        message:
          "Shopify reports no accepted card brand and no digital wallet for this shop's checkout. Unless it takes PayPal or manual payments (which the API cannot see), customers cannot pay.",
        details: {
          acceptedCardBrands: [],
          supportedDigitalWallets: [],
          shopifyPaymentsAccount: payments.shopifyPaymentsAccountId !== null,
        },
        fixUrl,
      });
      return;
    }
    // Only the Admin API's wallets are known: with none, a card provider may still be set up.
    const readiness = paymentReadiness(null, snapshot.shop.digitalWallets ?? null);
    if (readiness.state !== "unknown") return;
    emit({
      resource: shopResource(snapshot),
      message:
        "The checkout offers no digital wallet (Shop Pay, Apple Pay, Google Pay), which usually means Shopify Payments is not active. Whether another card provider, PayPal or manual payments are set up cannot be read through the API: check Settings → Payments.",
      details: { supportedDigitalWallets: [] },
      fixUrl,
      severity: "info",
    });
  },
};
