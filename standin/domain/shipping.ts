/**
 * Shipping rules over the store model, shared by the Admin views and the Storefront cart:
 * which delivery profile holds a variant, and which rates apply when shipping it to a country.
 */
import type { StandinDeliveryProfile, StandinDeliveryRate, StandinStore } from "../store/types";

export const REST_OF_WORLD = "*";

/** The custom profile that lists the variant, else the general (default) profile. */
export function profileOfVariant(
  store: StandinStore,
  variantId: string,
): StandinDeliveryProfile | undefined {
  return (
    store.deliveryProfiles.find((p) => !p.isDefault && p.variantIds.includes(variantId)) ??
    store.deliveryProfiles.find((p) => p.isDefault)
  );
}

/** Variants held by a profile: the listed ones, or for the general profile all unlisted ones. */
export function variantIdsOfProfile(
  store: StandinStore,
  profile: StandinDeliveryProfile,
): string[] {
  if (!profile.isDefault) return profile.variantIds;
  const custom = new Set(
    store.deliveryProfiles.filter((p) => !p.isDefault).flatMap((p) => p.variantIds),
  );
  return store.products.flatMap((p) => p.variants.map((v) => v.id)).filter((id) => !custom.has(id));
}

/**
 * Active rates of the profile for a country. Within each location group a zone naming the
 * country wins over the rest-of-world zone, as in Shopify.
 */
export function ratesForCountry(
  store: StandinStore,
  profile: StandinDeliveryProfile,
  countryCode: string,
): StandinDeliveryRate[] {
  const activeLocations = new Set(
    store.locations.filter((l) => l.isActive && l.fulfillsOnlineOrders).map((l) => l.id),
  );
  return profile.locationGroups
    .filter((group) => group.locationIds.some((id) => activeLocations.has(id)))
    .flatMap((group) => {
      const exact = group.zones.filter((z) => z.countries.includes(countryCode));
      const zones =
        exact.length > 0 ? exact : group.zones.filter((z) => z.countries.includes(REST_OF_WORLD));
      return zones.flatMap((z) => z.rates.filter((r) => r.active));
    });
}

/** Countries some active rate ships to ("*" expands to every country in `allCountries`). */
export function shipsToCountries(store: StandinStore, allCountries: readonly string[]): string[] {
  const countries = new Set<string>();
  for (const profile of store.deliveryProfiles) {
    for (const group of profile.locationGroups) {
      for (const zone of group.zones) {
        if (!zone.rates.some((r) => r.active)) continue;
        for (const code of zone.countries) {
          if (code === REST_OF_WORLD) allCountries.forEach((c) => countries.add(c));
          else countries.add(code);
        }
      }
    }
  }
  return [...countries].sort();
}
