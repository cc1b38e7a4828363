/**
 * The synthetic cart of one market, through the Storefront API and the checkout URL:
 * 1. pick a purchasable variant that ships to the market's country (pure: domain/checkout/synthetic);
 * 2. cartCreate with the buyer's country and a typical address of that country, and read the
 *    delivery options and their costs;
 * 3. request the cart's checkout URL and see what a customer would see.
 * It never places an order or submits payment (the Storefront API cannot, and step 3 only GETs).
 * Each step is timed.
 */
import type { MatrixCells } from "~/domain/checkout/matrix";
import { syntheticCells } from "~/domain/checkout/matrix";
import { sampleAddress } from "~/domain/checkout/sample-addresses";
import type { ShippingCoverage } from "~/domain/checkout/shipping";
import {
  judgeCart,
  judgeCheckout,
  marketCountry,
  pickVariant,
  type CartOutcome,
  type Verdict,
} from "~/domain/checkout/synthetic";
import type { SnapshotMarket, StoreSnapshot } from "~/domain/snapshot/types";
import type { MarketRun, SyntheticMarketDetails } from "~/models/checkout-runs.server";
import { isShopifyApiError } from "~/shopify/errors";
import {
  SyntheticCartCreateDocument,
  type CountryCode,
  type SyntheticCartCreateMutation,
} from "~/shopify/generated/storefront";
import { openCheckout } from "~/shopify/storefront/checkout-page.server";
import type { StorefrontClient } from "~/shopify/storefront/client.server";

export interface SyntheticMarketInput {
  snapshot: StoreSnapshot;
  coverage: ShippingCoverage | null;
  market: SnapshotMarket;
  /** The market's readiness cells (shipping, purchasable), computed from the same snapshot. */
  readiness: Pick<MatrixCells, "shipping" | "purchasable">;
  storefront: StorefrontClient;
  signal?: AbortSignal;
}

/** A country code as the Storefront API's enum (the API refuses anything it does not know). */
const asCountryCode = (code: string) => code as CountryCode;

type Cart = NonNullable<NonNullable<SyntheticCartCreateMutation["cartCreate"]>["cart"]>;

function cartOutcome(payload: SyntheticCartCreateMutation["cartCreate"]): CartOutcome {
  const cart = payload?.cart ?? null;
  return {
    userErrors: (payload?.userErrors ?? []).map((e) => ({ code: e.code, message: e.message })),
    warnings: (payload?.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
    created: cart !== null,
    lineCount: cart?.lines.nodes.length ?? 0,
    deliveryGroups: (cart?.deliveryGroups.nodes ?? []).map((g) => ({
      options: g.deliveryOptions.map((o) => ({
        title: o.title,
        amount: o.estimatedCost.amount,
        currencyCode: o.estimatedCost.currencyCode,
      })),
    })),
  };
}

function reasonOf(...verdicts: (Verdict | null)[]): string | null {
  const reasons = verdicts.flatMap((v) => (v !== null && !v.ok ? [v.reason] : []));
  return reasons.length === 0 ? null : reasons.join(" ");
}

export async function runSyntheticMarket(input: SyntheticMarketInput): Promise<MarketRun> {
  const { snapshot, market, storefront, signal } = input;
  const startedAt = new Date();
  const clock = () => performance.now();
  const t0 = clock();
  const country = marketCountry(market, snapshot.shop.countryCode) ?? "";
  const pick = pickVariant(snapshot, input.coverage, country);
  const pickMs = clock() - t0;
  const address = sampleAddress(country);
  const details: SyntheticMarketDetails = {
    marketId: market.id,
    marketName: market.name,
    countries: market.countries,
    cells: { ...input.readiness, ...syntheticCells({ skipped: "" }, { skipped: "" }) },
    failure: null,
    pick: pick && {
      basis: pick.basis,
      productTitle: pick.line.productTitle,
      variantTitle: pick.line.variantTitle,
      variantId: pick.line.variantId,
    },
    address: { city: address?.city ?? null, zip: address?.zip ?? null, countryCode: country },
    cart: null,
    checkout: null,
    timings: { pickMs, cartMs: null, checkoutMs: null, totalMs: 0 },
  };
  const finish = (
    cartVerdict: Verdict | { skipped: string },
    checkoutVerdict: Verdict | { skipped: string },
  ): MarketRun => {
    details.cells = { ...input.readiness, ...syntheticCells(cartVerdict, checkoutVerdict) };
    const verdicts = [cartVerdict, checkoutVerdict].flatMap((v) => ("skipped" in v ? [] : [v]));
    const failed = verdicts.find((v): v is Extract<Verdict, { ok: false }> => !v.ok);
    details.failure = failed?.kind ?? null;
    details.timings.totalMs = clock() - t0;
    const passed = verdicts.length === 2 && failed === undefined;
    return {
      marketHandle: market.handle,
      countryCode: country,
      status: passed ? "pass" : "fail",
      reason: passed
        ? null
        : (reasonOf(...verdicts) ?? ("skipped" in cartVerdict ? cartVerdict.skipped : null)),
      details,
      startedAt,
      finishedAt: new Date(),
    };
  };

  if (pick === null) {
    const verdict: Verdict = {
      ok: false,
      kind: "no-product",
      reason:
        "Nothing could be put in the cart: no product is active, published, priced and in stock.",
    };
    return finish(verdict, { skipped: "No cart was created." });
  }

  const t1 = clock();
  let cart: Cart | null = null;
  let cartVerdict: Verdict;
  try {
    const { cartCreate } = await storefront.request(SyntheticCartCreateDocument, {
      country: asCountryCode(country),
      input: {
        lines: [{ merchandiseId: pick.line.variantId, quantity: pick.line.quantity }],
        buyerIdentity: { countryCode: asCountryCode(country) },
        delivery: {
          addresses: [
            {
              selected: true,
              oneTimeUse: true,
              address: {
                deliveryAddress: {
                  firstName: "Tovholder",
                  lastName: "Checkout check",
                  countryCode: asCountryCode(country),
                  ...(address && {
                    address1: address.address1,
                    city: address.city,
                    zip: address.zip,
                    ...(address.provinceCode !== undefined && {
                      provinceCode: address.provinceCode,
                    }),
                  }),
                },
              },
            },
          ],
        },
      },
    });
    cart = cartCreate?.cart ?? null;
    const outcome = cartOutcome(cartCreate);
    cartVerdict = judgeCart(outcome, pick, country);
    details.cart = {
      subtotal: cart ? { ...cart.cost.subtotalAmount } : null,
      deliveryOptions: outcome.deliveryGroups.flatMap((g) => g.options),
      warnings: outcome.warnings.map((w) => `${w.code}: ${w.message}`),
    };
  } catch (error) {
    signal?.throwIfAborted();
    if (!isShopifyApiError(error)) throw error;
    cartVerdict = {
      ok: false,
      kind: "cart-refused",
      reason: `The Storefront API refused the cart: ${error.message}.`,
    };
  }
  details.timings.cartMs = clock() - t1;

  if (cart === null)
    return finish(cartVerdict, {
      skipped: "No cart was created, so there was no checkout link to open.",
    });
  const t2 = clock();
  const page = await openCheckout(cart.checkoutUrl, { signal });
  details.timings.checkoutMs = clock() - t2;
  details.checkout = { status: page.status, page: page.kind, finalUrl: page.finalUrl };
  return finish(cartVerdict, judgeCheckout(page));
}
