/**
 * The synthetic cart, pure parts: which country stands for a market, which variant to put in
 * the cart, and what a cart and a checkout page say about whether a customer can buy. The I/O
 * (Storefront API, the checkout URL) is in app/checkout/server/.
 */
import type {
  SnapshotMarket,
  SnapshotProduct,
  SnapshotVariant,
  StoreSnapshot,
} from "~/snapshot/domain/types";
import { availableTotal } from "~/product-qa";
import { variantPurchasable } from "./purchasable";
import { countryName } from "./rule-model";
import { sampleAddress } from "./sample-addresses";
import type { ShippingCoverage } from "./shipping";

/** The market's country the cart is sent to: the shop's own country if in it, else the first with a sample address. */
export function marketCountry(market: SnapshotMarket, shopCountry: string | null): string | null {
  if (shopCountry !== null && market.countries.includes(shopCountry)) return shopCountry;
  return market.countries.find((c) => sampleAddress(c) !== null) ?? market.countries[0] ?? null;
}

export interface PickedLine {
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  quantity: number;
}

/**
 * How well the pick stands for a normal order: `shippable` (the snapshot says it ships there),
 * `requires-shipping` (it is shipped, but not known to ship there: the cart shows what Shopify
 * does about it), `not-shipped` (nothing shipped is for sale: the cart tests payment only).
 */
export type PickBasis = "shippable" | "requires-shipping" | "not-shipped";

export interface Pick {
  line: PickedLine;
  basis: PickBasis;
}

/** Known to be in stock (not just "not known to be sold out"): preferred over unknown stock. */
function knownInStock(variant: SnapshotVariant): boolean {
  if (!variant.tracked || variant.inventoryPolicy === "CONTINUE") return true;
  const available = availableTotal(variant);
  return available !== null && available > 0;
}

/**
 * The first purchasable variant (snapshot order, known stock first) that ships to the country;
 * failing that, one that is shipped at all, so that the cart shows Shopify's own answer for a
 * country nothing ships to; failing that, any purchasable variant. Null when nothing can be bought.
 */
export function pickVariant(
  snapshot: StoreSnapshot,
  coverage: ShippingCoverage | null,
  country: string,
): Pick | null {
  const candidates: { product: SnapshotProduct; variant: SnapshotVariant }[] = [];
  for (const product of snapshot.products)
    for (const variant of product.variants)
      if (variantPurchasable(product, variant)) candidates.push({ product, variant });
  const ships = (v: SnapshotVariant) => {
    if (!v.requiresShipping) return false;
    if (coverage === null) return true;
    const profile = coverage.profileOf(v.id);
    return profile !== null && coverage.covers(profile, country);
  };
  const tiers: [PickBasis, (v: SnapshotVariant) => boolean][] = [
    ["shippable", ships],
    ["requires-shipping", (v) => v.requiresShipping],
    ["not-shipped", () => true],
  ];
  for (const [basis, test] of tiers) {
    const found =
      candidates.find((c) => test(c.variant) && knownInStock(c.variant)) ??
      candidates.find((c) => test(c.variant));
    if (found)
      return {
        basis,
        line: {
          variantId: found.variant.id,
          productId: found.product.id,
          productTitle: found.product.title,
          variantTitle: found.variant.title,
          quantity: 1,
        },
      };
  }
  return null;
}

/** What cartCreate answered, reduced to what the verdict needs. */
export interface CartOutcome {
  userErrors: { code: string | null; message: string }[];
  warnings: { code: string; message: string }[];
  created: boolean;
  /** Lines Shopify kept in the cart. */
  lineCount: number;
  deliveryGroups: { options: { title: string | null; amount: string; currencyCode: string }[] }[];
  /**
   * Shopify still reported the delivery groups as pending (PENDING_DELIVERY_GROUPS: a carrier
   * service had not answered) after asking again: whether an option exists is not known.
   */
  deliveryPending?: boolean;
}

/** What requesting the checkout URL showed. */
export type CheckoutPageKind =
  "checkout" | "password" | "not-found" | "unavailable" | "rate-limited" | "error" | "network";

export interface CheckoutPage {
  kind: CheckoutPageKind;
  /** HTTP status of the last response; null when the request failed. */
  status: number | null;
  /** Network error message or the redirect chain's end, for the details. */
  detail: string | null;
}

export type FailureKind =
  | "no-product"
  | "cart-refused"
  | "out-of-stock"
  | "not-shippable"
  | "no-delivery-option"
  | "delivery-pending"
  | "password"
  | "checkout-error"
  | "storefront-access";

export type Verdict = { ok: true } | { ok: false; kind: FailureKind; reason: string };

const PASS: Verdict = { ok: true };

export function judgeCart(outcome: CartOutcome, pick: Pick, country: string): Verdict {
  const where = countryName(country);
  if (outcome.userErrors.length > 0 || !outcome.created)
    return {
      ok: false,
      kind: "cart-refused",
      reason: `Shopify refused the cart: ${outcome.userErrors.map((e) => e.message).join("; ") || "no cart was created"}.`,
    };
  const codes = new Set(outcome.warnings.map((w) => w.code));
  if (codes.has("MERCHANDISE_OUT_OF_STOCK") || outcome.lineCount === 0)
    return {
      ok: false,
      kind: "out-of-stock",
      reason: `"${pick.line.productTitle}" could not be added to the cart: Shopify says it is sold out.`,
    };
  if (codes.has("PRODUCT_UNAVAILABLE_IN_BUYER_LOCATION"))
    return {
      ok: false,
      kind: "not-shippable",
      reason: `Shopify cannot ship "${pick.line.productTitle}" to ${where}: customers there are stopped at the shipping step.`,
    };
  if (pick.basis === "not-shipped") return PASS;
  if (outcome.deliveryPending === true)
    return {
      ok: false,
      kind: "delivery-pending",
      reason: `Shopify was still calculating carrier rates for ${where} when the check gave up: whether customers there get a delivery option could not be confirmed. Check the carrier service's shipping settings.`,
    };
  if (
    outcome.deliveryGroups.length === 0 ||
    outcome.deliveryGroups.some((g) => g.options.length === 0)
  )
    return {
      ok: false,
      kind: "no-delivery-option",
      reason: `No shipping rate for ${where}: Shopify offered no delivery option for the address.`,
    };
  return PASS;
}

export function judgeCheckout(page: CheckoutPage): Verdict {
  switch (page.kind) {
    case "checkout":
      return PASS;
    case "password":
      return {
        ok: false,
        kind: "password",
        reason:
          "The checkout link showed the password page: the Online Store is password-protected, so customers cannot reach checkout.",
      };
    case "not-found":
      return {
        ok: false,
        kind: "checkout-error",
        reason: `The checkout link answered "not found" (HTTP ${page.status ?? "?"}) for a cart Shopify had just created.`,
      };
    case "unavailable":
      return {
        ok: false,
        kind: "checkout-error",
        reason: `The shop is unavailable (HTTP ${page.status ?? "?"}): Shopify shows this when a shop is paused, closed or its plan is unpaid.`,
      };
    case "rate-limited":
      return {
        ok: false,
        kind: "checkout-error",
        reason:
          "Shopify rate-limited the checkout request (HTTP 429); the check will be tried again on the next run.",
      };
    case "error":
      return {
        ok: false,
        kind: "checkout-error",
        reason: `The checkout link answered with an error page (HTTP ${page.status ?? "?"}).`,
      };
    case "network":
      return {
        ok: false,
        kind: "checkout-error",
        reason: `The checkout link could not be opened: ${page.detail ?? "network error"}.`,
      };
  }
}
