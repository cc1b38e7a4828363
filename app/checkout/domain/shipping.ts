/**
 * Shipping coverage as Shopify computes it, over the snapshot's delivery profiles:
 *
 * - A variant ships with the custom profile that lists it, else with the general (default)
 *   profile, which holds every variant no custom profile holds.
 * - Within one location group, a country belongs to the zone that names it, or, when no zone
 *   of the group names it, to the group's "Rest of world" zone. It is covered when that zone has
 *   an active rate. A country named by a zone without active rates is not covered, even if a
 *   Rest-of-world zone has rates: Shopify puts each country in exactly one zone.
 * - A location group ships only if one of its locations is active and fulfils online orders.
 *   A location the snapshot does not know (locations not collected, or not all read) is given
 *   the benefit of the doubt.
 * - A profile covers a country when any of its location groups does.
 */
import type {
  SnapshotDeliveryProfile,
  SnapshotLocation,
  SnapshotMarket,
  StoreSnapshot,
} from "~/snapshot/domain/types";

type LocationGroup = SnapshotDeliveryProfile["locationGroups"][number];

function groupShips(group: LocationGroup, locations: ReadonlyMap<string, SnapshotLocation> | null) {
  if (locations === null) return group.locationIds.length > 0;
  return group.locationIds.some((id) => {
    const location = locations.get(id);
    return location === undefined || (location.isActive && location.fulfillsOnlineOrders);
  });
}

function groupCovers(group: LocationGroup, country: string): boolean {
  const named = group.zones.filter((z) => z.countries.includes(country));
  const zones = named.length > 0 ? named : group.zones.filter((z) => z.restOfWorld);
  return zones.some((z) => z.methods.some((m) => m.active));
}

/** The countries (of those asked about) each profile ships to, computed once per run. */
export class ShippingCoverage {
  private readonly covered = new Map<string, ReadonlySet<string>>();
  private readonly customProfileOfVariant = new Map<string, SnapshotDeliveryProfile>();
  readonly generalProfile: SnapshotDeliveryProfile | null;

  constructor(
    readonly profiles: readonly SnapshotDeliveryProfile[],
    locations: readonly SnapshotLocation[] | null,
    countries: Iterable<string>,
  ) {
    const byId = locations === null ? null : new Map(locations.map((l) => [l.id, l]));
    const asked = [...new Set(countries)];
    for (const profile of profiles) {
      const groups = profile.locationGroups.filter((g) => groupShips(g, byId));
      this.covered.set(
        profile.id,
        new Set(asked.filter((c) => groups.some((g) => groupCovers(g, c)))),
      );
      if (!profile.isDefault)
        for (const variantId of profile.variantIds)
          this.customProfileOfVariant.set(variantId, profile);
    }
    this.generalProfile = profiles.find((p) => p.isDefault) ?? null;
  }

  /** The profile a variant ships with (null only if the shop has no general profile). */
  profileOf(variantId: string): SnapshotDeliveryProfile | null {
    return this.customProfileOfVariant.get(variantId) ?? this.generalProfile;
  }

  covers(profile: SnapshotDeliveryProfile, country: string): boolean {
    return this.covered.get(profile.id)?.has(country) ?? false;
  }

  /** Some profile ships to the country: something in the shop can reach it. */
  reachable(country: string): boolean {
    return this.profiles.some((p) => this.covers(p, country));
  }
}

export function activeMarkets(snapshot: StoreSnapshot): SnapshotMarket[] {
  return (snapshot.markets ?? []).filter((m) => m.status === "ACTIVE");
}

/** Coverage of the countries the shop's active markets sell to; null when not collected. */
export function marketCoverage(snapshot: StoreSnapshot): ShippingCoverage | null {
  if (snapshot.markets === null || snapshot.deliveryProfiles === null) return null;
  return new ShippingCoverage(
    snapshot.deliveryProfiles,
    snapshot.locations,
    activeMarkets(snapshot).flatMap((m) => m.countries),
  );
}
