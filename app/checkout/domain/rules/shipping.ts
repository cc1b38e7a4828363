/** Shipping coverage: every country the shop sells to can be shipped to, for every product. */
import { ADMIN_PAGES, adminPageUrl, deliveryProfileUrl } from "../links";
import { productForSale } from "../purchasable";
import { countryName, listInWords, type CheckoutRule } from "../rule-model";
import { activeMarkets, marketCoverage } from "../shipping";
import type { SnapshotDeliveryProfile } from "~/snapshot/domain/types";

export const marketWithoutShipping: CheckoutRule = {
  id: "checkout.market-without-shipping",
  category: "shipping",
  severity: "critical",
  title: "A market has no shipping",
  why: "The shop invites customers in this market (prices, currency, language), but no shipping rate reaches them: they fill their cart and are stopped at the shipping step of checkout.",
  fix: "Open Settings → Shipping and delivery, open the General profile and add a shipping zone with a rate for the countries named. If the shop should not sell there, remove the country from the market (or deactivate the market) instead.",
  target: "market",
  needs: ["markets", "deliveryProfiles"],
  check({ snapshot }, emit) {
    const coverage = marketCoverage(snapshot);
    if (coverage === null) return;
    for (const market of activeMarkets(snapshot)) {
      const uncovered = market.countries.filter((c) => !coverage.reachable(c));
      if (uncovered.length === 0) continue;
      const names = uncovered.map(countryName);
      emit({
        resource: { type: "market", id: market.id, title: market.name },
        message:
          uncovered.length === market.countries.length
            ? `Market ${market.name} sells to ${listInWords(names)}, but no delivery zone with an active rate covers ${uncovered.length === 1 ? "it" : "them"}.`
            : `Market ${market.name}: no delivery zone with an active rate covers ${listInWords(names)} (${uncovered.length} of its ${market.countries.length} countries).`,
        details: { marketHandle: market.handle, countries: uncovered },
        fixUrl: adminPageUrl(snapshot.shop.domain, ADMIN_PAGES.shipping),
      });
    }
  },
};

export const productNotShippable: CheckoutRule = {
  id: "checkout.product-not-shippable",
  category: "shipping",
  severity: "warning",
  title: "A product cannot be shipped to some markets",
  why: "Customers in these countries see the product, add it to the cart and then find no shipping rate for it at checkout: the sale is lost at the last step, often with the rest of the cart.",
  fix: "Open Settings → Shipping and delivery and either add zones for the countries named to the product's shipping profile, or move the product to a profile that ships there. If it is deliberately not shipped there, hide it from those markets.",
  target: "product",
  needs: ["markets", "deliveryProfiles"],
  check({ snapshot }, emit) {
    const coverage = marketCoverage(snapshot);
    if (coverage === null) return;
    // Countries no profile reaches are the market rule's finding, not one per product.
    const reachable = [...new Set(activeMarkets(snapshot).flatMap((m) => m.countries))].filter(
      (c) => coverage.reachable(c),
    );
    const marketOf = new Map<string, string>();
    for (const m of activeMarkets(snapshot))
      for (const c of m.countries) if (!marketOf.has(c)) marketOf.set(c, m.name);
    const missingByProfile = new Map<SnapshotDeliveryProfile | null, string[]>();
    const missing = (profile: SnapshotDeliveryProfile | null): string[] => {
      let list = missingByProfile.get(profile);
      if (list === undefined) {
        list = reachable.filter((c) => profile === null || !coverage.covers(profile, c));
        missingByProfile.set(profile, list);
      }
      return list;
    };

    for (const product of snapshot.products) {
      if (!productForSale(product)) continue;
      const countries = new Set<string>();
      const profiles: SnapshotDeliveryProfile[] = [];
      const variantIds: string[] = [];
      for (const variant of product.variants) {
        if (!variant.requiresShipping) continue;
        const profile = coverage.profileOf(variant.id);
        const gaps = missing(profile);
        if (gaps.length === 0) continue;
        gaps.forEach((c) => countries.add(c));
        variantIds.push(variant.id);
        if (profile !== null && !profiles.includes(profile)) profiles.push(profile);
      }
      if (countries.size === 0) continue;
      const sorted = reachable.filter((c) => countries.has(c));
      const markets = [...new Set(sorted.map((c) => marketOf.get(c) ?? c))];
      const profileNames = profiles.map((p) => `"${p.name}"`);
      emit({
        resource: {
          type: "product",
          id: product.id,
          productId: product.id,
          productHandle: product.handle,
          productTitle: product.title,
        },
        message:
          `Cannot be shipped to ${listInWords(sorted.map(countryName))} (${markets.length === 1 ? "market" : "markets"} ${listInWords(markets)}): ` +
          (profiles.length === 0
            ? "the shop has no general shipping profile."
            : `its shipping ${profiles.length === 1 ? "profile" : "profiles"} ${listInWords(profileNames)} ${profiles.length === 1 ? "has" : "have"} no rate there.`),
        details: {
          countries: sorted,
          markets,
          profiles: profiles.map((p) => p.name),
          variantIds,
        },
        fixUrl:
          profiles[0] !== undefined
            ? deliveryProfileUrl(snapshot.shop.domain, profiles[0].id)
            : adminPageUrl(snapshot.shop.domain, ADMIN_PAGES.shipping),
      });
    }
  },
};
