/**
 * Carts created through the Storefront API's `cartCreate`, and the delivery options Shopify
 * would quote for them: rates of the delivery profile(s) holding the cart's variants, in the
 * zone covering the selected delivery address's country.
 */
import { createHash, randomBytes } from "node:crypto";
import { profileOfVariant, ratesForCountry } from "../domain/shipping";
import type {
  StandinCarrierService,
  StandinProduct,
  StandinStore,
  StandinVariant,
} from "../store/types";

export interface CartAddress {
  address1: string | null;
  address2: string | null;
  city: string | null;
  company: string | null;
  countryCode: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  provinceCode: string | null;
  zip: string | null;
}

export interface CartLine {
  id: string;
  variantId: string;
  quantity: number;
}

export interface Cart {
  token: string;
  key: string;
  shop: string;
  lines: CartLine[];
  buyerIdentity: { countryCode: string | null; email: string | null; phone: string | null };
  addresses: { id: string; selected: boolean; oneTimeUse: boolean; address: CartAddress }[];
  note: string | null;
  createdAt: string;
  updatedAt: string;
  /** Real time (ms) the delivery address was set: carriers are asked for rates from then on. */
  quotedAtMs: number;
}

export interface DeliveryOption {
  handle: string;
  title: string;
  amount: string;
  /** The carrier's service code, for a carrier-calculated option. */
  code?: string;
}

export interface DeliveryQuote {
  address: CartAddress;
  /** Lines that ship; lines whose variant needs no shipping are not in a delivery group. */
  lineIds: string[];
  /** Empty when some line cannot be shipped to the address's country. */
  options: DeliveryOption[];
  /** Lines no active rate covers for that country. */
  undeliverableLineIds: string[];
  /**
   * Carrier services whose carrier-calculated rates apply to the first line's profile in the
   * zone (asked only with `withCarrierRates: true`).
   */
  carriers: StandinCarrierService[];
}

/** What a carrier answers for a destination (its configured services for that country). */
export function carrierOptions(
  carrier: StandinCarrierService,
  cart: Cart,
  country: string,
): DeliveryOption[] {
  return carrier.rates
    .filter((r) => !r.countries || r.countries.includes(country))
    .map((r) => ({
      handle: createHash("sha256")
        .update(`${carrier.id}:${r.serviceCode}:${country}:${cart.token}`)
        .digest("hex")
        .slice(0, 32),
      title: r.serviceName,
      code: r.serviceCode,
      amount: Number(r.price).toFixed(2),
    }));
}

export function cartGid(cart: Cart): string {
  return `gid://shopify/Cart/${cart.token}?key=${cart.key}`;
}

export function checkoutUrl(cart: Cart): string {
  return `https://${cart.shop}/cart/c/${cart.token}?key=${cart.key}`;
}

export class CartStore {
  private readonly carts = new Map<string, Cart>();

  create(shop: string, init: Omit<Cart, "token" | "key" | "shop">): Cart {
    // Shopify's cart tokens are base64 of "<region>:<ULID-like id>".
    const token = Buffer.from(
      `gcp-europe-west1:${randomBytes(13).toString("hex").toUpperCase()}`,
    ).toString("base64url");
    const cart: Cart = { ...init, token, key: randomBytes(16).toString("hex"), shop };
    this.carts.set(token, cart);
    return cart;
  }

  /** By `gid://shopify/Cart/<token>?key=<key>`; the key must match, as on Shopify. */
  byId(shop: string, id: string): Cart | undefined {
    const m = /^gid:\/\/shopify\/Cart\/([^?]+)\?key=(.+)$/.exec(id);
    return m ? this.byToken(shop, m[1] ?? "", m[2] ?? "") : undefined;
  }

  byToken(shop: string, token: string, key: string): Cart | undefined {
    const cart = this.carts.get(token);
    return cart && cart.shop === shop && cart.key === key ? cart : undefined;
  }
}

export function findVariant(
  store: StandinStore,
  id: string,
): { p: StandinProduct; v: StandinVariant } | undefined {
  for (const p of store.products) {
    const v = p.variants.find((x) => x.id === id);
    if (v) return { p, v };
  }
  return undefined;
}

export function cartSubtotal(store: StandinStore, cart: Cart): number {
  return cart.lines.reduce(
    (sum, line) => sum + Number(findVariant(store, line.variantId)?.v.price ?? 0) * line.quantity,
    0,
  );
}

export function selectedAddress(cart: Cart): CartAddress | undefined {
  return (cart.addresses.find((a) => a.selected) ?? cart.addresses[0])?.address;
}

/**
 * The delivery quote for the cart's selected address. With several delivery profiles in one
 * cart, each option of the first line's profile is combined with the cheapest rate of every
 * other profile (an approximation of Shopify's rate merging, see docs/standin.md). A zone whose
 * only rates are carrier-calculated still covers the country (no "can't ship" warning); its
 * options come from the carrier and only with `withCarrierRates: true`.
 */
export function deliveryQuote(store: StandinStore, cart: Cart): DeliveryQuote | null {
  const address = selectedAddress(cart);
  const country = address?.countryCode ?? cart.buyerIdentity.countryCode;
  if (!address || !country) return null;
  const shipping = cart.lines.filter(
    (line) => findVariant(store, line.variantId)?.v.inventoryItem.requiresShipping !== false,
  );
  const subtotal = cartSubtotal(store, cart);
  const perProfile = new Map<
    string,
    {
      rates: ReturnType<typeof ratesForCountry>;
      carriers: StandinCarrierService[];
      lines: string[];
    }
  >();
  const undeliverable: string[] = [];
  const activeCarrier = (id: string | undefined) =>
    store.carrierServices?.find((c) => c.id === id && c.active);
  for (const line of shipping) {
    const profile = profileOfVariant(store, line.variantId);
    const all = profile ? ratesForCountry(store, profile, country) : [];
    const rates = all.filter((r) => r.carrierServiceId === undefined);
    const carriers = [...new Set(all.flatMap((r) => activeCarrier(r.carrierServiceId) ?? []))];
    if (!profile || (rates.length === 0 && carriers.length === 0)) {
      undeliverable.push(line.id);
      continue;
    }
    const entry = perProfile.get(profile.id) ?? { rates, carriers, lines: [] };
    entry.lines.push(line.id);
    perProfile.set(profile.id, entry);
  }
  const price = (amount: string, freeAbove: string | null): number =>
    freeAbove !== null && subtotal >= Number(freeAbove) ? 0 : Number(amount);
  const [first, ...others] = [...perProfile.values()];
  const extra = others.reduce(
    (sum, entry) =>
      sum +
      (entry.rates.length === 0
        ? 0
        : Math.min(...entry.rates.map((r) => price(r.amount, r.freeAbove)))),
    0,
  );
  const options =
    undeliverable.length > 0 || !first
      ? []
      : first.rates.map((rate) => ({
          handle: createHash("sha256")
            .update(`${rate.id}:${country}:${cart.token}`)
            .digest("hex")
            .slice(0, 32),
          title: rate.name,
          amount: (price(rate.amount, rate.freeAbove) + extra).toFixed(2),
        }));
  return {
    address,
    lineIds: shipping.map((l) => l.id),
    options,
    undeliverableLineIds: undeliverable,
    carriers: undeliverable.length > 0 || !first ? [] : first.carriers,
  };
}
