/**
 * What the checkout readiness rules read: the StoreSnapshot, plus the payment settings the
 * Storefront API reports (the Admin API says next to nothing about payments; see
 * docs/decisions/009-checkout-checks.md). Every rule is pure over this input; "now" is the
 * snapshot's collection time, so the same input always gives the same findings.
 */
import type { SnapshotGap, StoreSnapshot } from "~/snapshot/domain/types";

/** Storefront API `shop.paymentSettings`: what a buyer's checkout is offered. */
export interface StorefrontPayments {
  /** Card brands the shop's card gateway accepts; empty when no card gateway is set up. */
  acceptedCardBrands: string[];
  supportedDigitalWallets: string[];
  /** Set when the shop has a Shopify Payments account. */
  shopifyPaymentsAccountId: string | null;
}

export interface CheckoutInput {
  snapshot: StoreSnapshot;
  /** null when the Storefront API was not read (no storefront access, or an offline source). */
  payments: StorefrontPayments | null;
}

/** Data a source may not provide; a rule that needs it is skipped (with the reason) without it. */
export type CheckoutInputName =
  "markets" | "deliveryProfiles" | "policies" | "discounts" | "passwordProtection" | "payments";

const NEEDS: Record<
  CheckoutInputName,
  { label: string; section: string; known(input: CheckoutInput): boolean }
> = {
  markets: { label: "Markets", section: "markets", known: (i) => i.snapshot.markets !== null },
  deliveryProfiles: {
    label: "Delivery profiles",
    section: "deliveryProfiles",
    known: (i) => i.snapshot.deliveryProfiles !== null,
  },
  policies: {
    label: "Store policies",
    section: "policies",
    known: (i) => i.snapshot.policies !== null,
  },
  discounts: {
    label: "Discounts",
    section: "discounts",
    known: (i) => i.snapshot.discounts !== null,
  },
  passwordProtection: {
    label: "The Online Store's password protection",
    section: "shop.passwordProtected",
    known: (i) => i.snapshot.shop.passwordProtected !== null,
  },
  payments: {
    label: "Payment settings",
    section: "shop.digitalWallets",
    known: (i) => i.payments !== null || (i.snapshot.shop.digitalWallets ?? null) !== null,
  },
};

function sourceLabel(input: CheckoutInput): string {
  switch (input.snapshot.source.kind) {
    case "csv":
      return "a product CSV export";
    case "jsonl":
      return "a bulk-operation JSONL file";
    case "shop":
      return "the shop";
  }
}

function gapOf(input: CheckoutInput, section: string): SnapshotGap | undefined {
  return input.snapshot.gaps?.find((g) => g.section === section);
}

/** Why `name` is not available in `input`, or null when it is. */
export function unavailableInput(name: CheckoutInputName, input: CheckoutInput): string | null {
  const need = NEEDS[name];
  if (need.known(input)) return null;
  const gap = gapOf(input, need.section);
  return `${need.label}: not collected from ${sourceLabel(input)}${gap ? ` (${gap.message})` : ""}.`;
}
