/**
 * The synthetic cart of one market, through the Storefront API and the checkout URL:
 * 1. pick a purchasable variant that ships to the market's country (pure: domain/checkout/synthetic);
 * 2. cartCreate with the buyer's country and a typical address of that country, then the cart's
 *    delivery options with carrier-calculated rates (`deliveryGroups(withCarrierRates: true)`,
 *    which the 2026-10 schema allows only under `@defer`): a shop shipping by carrier-calculated
 *    rates only has no option at all without them. While Shopify reports the delivery groups as
 *    pending (PENDING_DELIVERY_GROUPS: a carrier still answering) it is asked again a few times;
 *    still pending is its own verdict, not "no delivery option";
 * 3. request the cart's checkout URL and see what a customer would see.
 * It never places an order or submits payment (the Storefront API cannot, and step 3 only GETs).
 * Each step is timed.
 */
import type { MatrixCells } from "~/checkout/domain/matrix";
import { syntheticCells } from "~/checkout/domain/matrix";
import { sampleAddress, type SampleAddress } from "~/checkout/domain/sample-addresses";
import type { ShippingCoverage } from "~/checkout/domain/shipping";
import {
  judgeCart,
  judgeCheckout,
  marketCountry,
  pickVariant,
  type CartOutcome,
  type Pick as VariantPick,
  type Verdict,
} from "~/checkout/domain/synthetic";
import type { SnapshotMarket, StoreSnapshot } from "~/snapshot/domain/types";
import type { MarketRun, SyntheticMarketDetails } from "~/checkout/models/checkout-runs.server";
import { isShopifyApiError } from "~/shopify/errors";
import {
  SyntheticCartCarrierRatesDocument,
  SyntheticCartCreateDocument,
  type CartInput,
  type CountryCode,
  type SyntheticCartCarrierRatesQuery,
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
  /**
   * Waits before asking again while Shopify reports PENDING_DELIVERY_GROUPS. Default 1, 2, 4 s
   * (with Shopify's own wait for carriers, about the 10 s it gives a carrier to answer).
   */
  pendingRetryDelaysMs?: readonly number[];
}

export const PENDING_DELIVERY_GROUPS = "PENDING_DELIVERY_GROUPS";
const DEFAULT_PENDING_RETRY_DELAYS_MS = [1_000, 2_000, 4_000];

type Groups = CartOutcome["deliveryGroups"];

const groupsOf = (
  nodes: readonly {
    deliveryOptions: readonly {
      title: string | null;
      estimatedCost: { amount: string; currencyCode: string };
    }[];
  }[],
): Groups =>
  nodes.map((g) => ({
    options: g.deliveryOptions.map((o) => ({
      title: o.title,
      amount: o.estimatedCost.amount,
      currencyCode: o.estimatedCost.currencyCode,
    })),
  }));

/**
 * The cart's delivery groups with carrier-calculated rates, asked again while pending. `null`
 * groups: they could not be read (the reason says why).
 */
async function carrierDeliveryGroups(
  storefront: StorefrontClient,
  cartId: string,
  country: string,
  delays: readonly number[],
  signal: AbortSignal | undefined,
): Promise<{ groups: Groups | null; pending: boolean; problem: string | null }> {
  for (let attempt = 0; ; attempt++) {
    const { data, errors } = await storefront.requestIncremental(
      SyntheticCartCarrierRatesDocument,
      { id: cartId, country: asCountryCode(country) },
    );
    const pending = errors.some((e) => e.extensions?.code === PENDING_DELIVERY_GROUPS);
    const cart: SyntheticCartCarrierRatesQuery["cart"] = data.cart;
    if (pending && attempt < delays.length) {
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
      signal?.throwIfAborted();
      continue;
    }
    if (pending) return { groups: null, pending: true, problem: null };
    if (cart && "deliveryGroups" in cart && cart.deliveryGroups)
      return { groups: groupsOf(cart.deliveryGroups.nodes), pending: false, problem: null };
    return {
      groups: null,
      pending: false,
      problem:
        errors.map((e) => e.message).join("; ") ||
        (cart === null ? "the cart was not found" : "no delivery groups were returned"),
    };
  }
}

/** A country code as the Storefront API's enum (the API refuses anything it does not know). */
const asCountryCode = (code: string) => code as CountryCode;

type Cart = NonNullable<NonNullable<SyntheticCartCreateMutation["cartCreate"]>["cart"]>;

function cartOutcome(payload: SyntheticCartCreateMutation["cartCreate"]): CartOutcome {
  const cart = payload?.cart ?? null;
  const userErrors = (payload?.userErrors ?? []).map((e) => ({ code: e.code, message: e.message }));
  return {
    // Pending delivery groups do not refuse the cart: the groups are asked for again below.
    userErrors: userErrors.filter((e) => e.code !== PENDING_DELIVERY_GROUPS),
    warnings: (payload?.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
    created: cart !== null,
    lineCount: cart?.lines.nodes.length ?? 0,
    deliveryGroups: groupsOf(cart?.deliveryGroups.nodes ?? []),
    deliveryPending: userErrors.some((e) => e.code === PENDING_DELIVERY_GROUPS),
  };
}

function reasonOf(...verdicts: (Verdict | null)[]): string | null {
  const reasons = verdicts.flatMap((v) => (v !== null && !v.ok ? [v.reason] : []));
  return reasons.length === 0 ? null : reasons.join(" ");
}

/** The cartCreate input: the picked line, the buyer's country and a typical address there. */
function cartInput(pick: VariantPick, country: string, address: SampleAddress | null): CartInput {
  return {
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
  };
}

/**
 * Creates the market's cart and reads its delivery options (with carrier-calculated rates when
 * the pick ships): the cart (null when none was created), the verdict on it, and what the run
 * shows of it (null when the Storefront API refused it).
 */
async function tryCart(
  input: SyntheticMarketInput,
  pick: VariantPick,
  country: string,
  address: SampleAddress | null,
): Promise<{ cart: Cart | null; verdict: Verdict; shown: SyntheticMarketDetails["cart"] }> {
  const { storefront, signal } = input;
  let cart: Cart | null = null;
  try {
    const { cartCreate } = await storefront.request(SyntheticCartCreateDocument, {
      country: asCountryCode(country),
      input: cartInput(pick, country, address),
    });
    cart = cartCreate?.cart ?? null;
    const outcome = cartOutcome(cartCreate);
    const notes: string[] = [];
    if (cart !== null && pick.basis !== "not-shipped") {
      const carrier = await carrierDeliveryGroups(
        storefront,
        cart.id,
        country,
        input.pendingRetryDelaysMs ?? DEFAULT_PENDING_RETRY_DELAYS_MS,
        signal,
      );
      // With carrier rates Shopify lists every option, flat rates included.
      if (carrier.groups !== null) outcome.deliveryGroups = carrier.groups;
      outcome.deliveryPending = carrier.pending;
      if (carrier.problem !== null)
        notes.push(`Carrier-calculated rates could not be read: ${carrier.problem}.`);
    }
    return {
      cart,
      verdict: judgeCart(outcome, pick, country),
      shown: {
        subtotal: cart ? { ...cart.cost.subtotalAmount } : null,
        deliveryOptions: outcome.deliveryGroups.flatMap((g) => g.options),
        warnings: [...outcome.warnings.map((w) => `${w.code}: ${w.message}`), ...notes],
      },
    };
  } catch (error) {
    signal?.throwIfAborted();
    if (!isShopifyApiError(error)) throw error;
    return {
      // A cart created before the error is still opened at checkout.
      cart,
      verdict: {
        ok: false,
        kind: "cart-refused",
        reason: `The Storefront API refused the cart: ${error.message}.`,
      },
      shown: null,
    };
  }
}

export async function runSyntheticMarket(input: SyntheticMarketInput): Promise<MarketRun> {
  const { snapshot, market, signal } = input;
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
  const { cart, verdict: cartVerdict, shown } = await tryCart(input, pick, country, address);
  details.cart = shown;
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
