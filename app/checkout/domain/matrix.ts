/**
 * The market × check matrix of the Checkout page: per active market, whether it has shipping,
 * whether anything for sale ships there, whether a synthetic cart got delivery options, and
 * whether its checkout link opened. Each cell says pass, fail or skipped, with the reason a
 * person reads on hover.
 *
 * The readiness cells are computed when the checks run (from the snapshot, which the page does
 * not load) and stored with the run's synthetic result; the page only reads them back.
 */
import type { SnapshotMarket, StoreSnapshot } from "~/snapshot/domain/types";
import type { CheckoutReadinessResult } from "./run";
import { productForSale, variantPurchasable } from "./purchasable";
import { countryName, listInWords } from "./rule-model";
import { marketCoverage } from "./shipping";
import type { Verdict } from "./synthetic";

export const MATRIX_COLUMNS = ["shipping", "purchasable", "cart", "checkout"] as const;
export type MatrixColumn = (typeof MATRIX_COLUMNS)[number];

export const COLUMN_LABELS: Record<MatrixColumn, string> = {
  shipping: "Shipping coverage",
  purchasable: "Purchasable products",
  cart: "Synthetic cart",
  checkout: "Checkout reachable",
};

export type CellStatus = "pass" | "fail" | "skipped";

export interface MatrixCell {
  status: CellStatus;
  reason: string | null;
}

export type MatrixCells = Record<MatrixColumn, MatrixCell>;

const pass = (reason: string | null = null): MatrixCell => ({ status: "pass", reason });
const fail = (reason: string): MatrixCell => ({ status: "fail", reason });
const skipped = (reason: string): MatrixCell => ({ status: "skipped", reason });

/** The shipping and purchasable cells of every active market, from one readiness run. */
export function readinessCells(
  snapshot: StoreSnapshot,
  readiness: CheckoutReadinessResult,
): Map<string, Pick<MatrixCells, "shipping" | "purchasable">> {
  const cells = new Map<string, Pick<MatrixCells, "shipping" | "purchasable">>();
  const coverage = marketCoverage(snapshot);
  const shippingSkip = readiness.skipped.find(
    (s) => s.ruleId === "checkout.market-without-shipping",
  );
  for (const market of (snapshot.markets ?? []).filter((m) => m.status === "ACTIVE")) {
    const finding = readiness.findings.find(
      (f) => f.ruleId === "checkout.market-without-shipping" && f.resource.id === market.id,
    );
    const shipping = shippingSkip
      ? skipped(shippingSkip.reason)
      : finding
        ? fail(finding.message)
        : pass(`Every country of ${market.name} has a shipping rate.`);
    cells.set(market.id, { shipping, purchasable: purchasableCell(snapshot, coverage, market) });
  }
  return cells;
}

function purchasableCell(
  snapshot: StoreSnapshot,
  coverage: ReturnType<typeof marketCoverage>,
  market: SnapshotMarket,
): MatrixCell {
  if (coverage === null) return skipped("Markets or delivery profiles were not collected.");
  const reached = new Set<string>();
  let forSale = 0;
  for (const product of snapshot.products) {
    if (!productForSale(product)) continue;
    let counted = false;
    for (const variant of product.variants) {
      if (!variantPurchasable(product, variant)) continue;
      if (!counted) forSale++;
      counted = true;
      const profile = variant.requiresShipping ? coverage.profileOf(variant.id) : null;
      for (const country of market.countries)
        if (!variant.requiresShipping || (profile !== null && coverage.covers(profile, country)))
          reached.add(country);
    }
  }
  if (forSale === 0) return fail("No product is active, published, priced and in stock.");
  const missing = market.countries.filter((c) => !reached.has(c));
  if (missing.length === market.countries.length)
    return fail(
      `None of the ${forSale} products for sale can be shipped to ${listInWords(missing.map(countryName))}.`,
    );
  if (missing.length > 0)
    return fail(`Nothing for sale can be shipped to ${listInWords(missing.map(countryName))}.`);
  return pass(`Products for sale ship to every country of ${market.name}.`);
}

/** The cart and checkout cells of one synthetic run; `null` verdicts were not reached. */
export function syntheticCells(
  cart: Verdict | { skipped: string },
  checkout: Verdict | { skipped: string },
): Pick<MatrixCells, "cart" | "checkout"> {
  const cell = (v: Verdict | { skipped: string }, ok: string): MatrixCell =>
    "skipped" in v ? skipped(v.skipped) : v.ok ? pass(ok) : fail(v.reason);
  return {
    cart: cell(cart, "The cart was created with at least one delivery option."),
    checkout: cell(checkout, "The checkout link opened the checkout page."),
  };
}
