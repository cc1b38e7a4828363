/**
 * Builders for checkout tests on top of the product builders: markets, delivery profiles with
 * zones, policies and discounts. A built shop is ready to sell: every rule passes on it.
 */
import type {
  SnapshotDeliveryProfile,
  SnapshotDeliveryZone,
  SnapshotDiscount,
  SnapshotMarket,
  SnapshotPolicy,
  StoreSnapshot,
} from "~/snapshot/domain/types";
import { LOCATION, product, snapshot } from "../audit/builders";

export { LOCATION, SHOP, product, variant } from "../audit/builders";

export function market(
  handle: string,
  countries: string[],
  overrides: Partial<SnapshotMarket> = {},
): SnapshotMarket {
  return {
    id: `gid://shopify/Market/${handle}`,
    handle,
    name: handle.toUpperCase(),
    status: "ACTIVE",
    countries,
    currencyCode: "EUR",
    ...overrides,
  };
}

export function zone(
  countries: string[],
  overrides: Partial<SnapshotDeliveryZone> = {},
): SnapshotDeliveryZone {
  return {
    name: countries.join("+") || "Rest of world",
    countries,
    restOfWorld: false,
    methods: [{ name: "Standard", active: true, price: "49.00" }],
    ...overrides,
  };
}

export function profile(
  zones: SnapshotDeliveryZone[],
  overrides: Partial<SnapshotDeliveryProfile> = {},
): SnapshotDeliveryProfile {
  return {
    id: "gid://shopify/DeliveryProfile/1",
    name: "General profile",
    isDefault: true,
    variantIds: [],
    locationGroups: [{ locationIds: [LOCATION], zones }],
    ...overrides,
  };
}

export const ALL_POLICIES: SnapshotPolicy[] = (
  [
    "REFUND_POLICY",
    "PRIVACY_POLICY",
    "TERMS_OF_SERVICE",
    "SHIPPING_POLICY",
    "CONTACT_INFORMATION",
  ] as const
).map((type) => ({ type, title: type, bodyLength: 120, url: null }));

export function discount(overrides: Partial<SnapshotDiscount> = {}): SnapshotDiscount {
  return {
    id: "gid://shopify/DiscountCodeNode/1",
    title: "Welcome",
    kind: "CODE",
    status: "ACTIVE",
    codes: ["WELCOME"],
    startsAt: "2025-12-01T00:00:00Z",
    endsAt: null,
    usageLimit: null,
    usageCount: 3,
    ...overrides,
  };
}

/** A shop selling in DK and DE, shipping to both, with every policy and one good discount. */
export function readyShop(overrides: Partial<StoreSnapshot> = {}): StoreSnapshot {
  return snapshot([product(), product()], {
    markets: [market("dk", ["DK"]), market("de", ["DE"])],
    deliveryProfiles: [profile([zone(["DK"]), zone(["DE"])])],
    policies: ALL_POLICIES,
    discounts: [discount()],
    ...overrides,
  });
}

export const CARDS = {
  acceptedCardBrands: ["VISA"],
  supportedDigitalWallets: [],
  shopifyPaymentsAccountId: null,
};
