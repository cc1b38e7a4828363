/**
 * Paged sections besides the catalog: collections, markets (with their countries), delivery
 * profiles (zones, rates and which variants a custom profile holds) and discounts.
 */
import {
  normaliseCollection,
  normaliseDeliveryZone,
  normaliseDiscount,
  normaliseMarket,
} from "~/snapshot/domain/sections";
import type {
  SnapshotCollection,
  SnapshotDeliveryProfile,
  SnapshotDiscount,
  SnapshotMarket,
} from "~/snapshot/domain/types";
import {
  CollectionsPageDocument,
  DeliveryItemVariantsPageDocument,
  DeliveryProfileItemsPageDocument,
  DeliveryProfilesPageDocument,
  DeliveryZonesPageDocument,
  DiscountsPageDocument,
  MarketRegionsPageDocument,
  MarketsPageDocument,
  type DeliveryProfileItemsPageQuery,
} from "../generated/admin";
import type { CollectContext, PublicationVariables } from "./context";
import { paginate } from "./paginate";

export async function collectCollections(
  ctx: CollectContext,
  publication: PublicationVariables,
): Promise<SnapshotCollection[]> {
  const collections: SnapshotCollection[] = [];
  const pages = paginate(
    async (after) =>
      (await ctx.client.request(CollectionsPageDocument, { after, ...publication })).collections,
  );
  for await (const c of pages) {
    collections.push(normaliseCollection(c));
    ctx.progress("collections", collections.length, null);
  }
  return collections;
}

export async function collectMarkets(ctx: CollectContext): Promise<SnapshotMarket[]> {
  const { client } = ctx;
  const markets: SnapshotMarket[] = [];
  for await (const m of paginate(
    async (after) => (await client.request(MarketsPageDocument, { after })).markets,
  )) {
    const countries: string[] = [];
    // A market without a regions condition (e.g. a B2B or retail market) has no countries.
    const first = m.conditions?.regionsCondition?.regions;
    if (first) {
      const regions = paginate(
        async (after) =>
          (await client.request(MarketRegionsPageDocument, { id: m.id, after })).market?.conditions
            ?.regionsCondition?.regions ?? null,
        first,
      );
      for await (const region of regions) if ("code" in region) countries.push(region.code);
    }
    markets.push(normaliseMarket(m, countries));
    ctx.progress("markets", markets.length, null);
  }
  return markets;
}

/** Methods per zone read by DeliveryZonesPage; a zone with more is recorded as a partial gap. */
const METHODS_PER_ZONE = 25;
/** Locations per location group read by DeliveryProfilesPage. */
const LOCATIONS_PER_GROUP = 250;

async function profileVariantIds(ctx: CollectContext, profileId: string): Promise<string[]> {
  const { client } = ctx;
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: DeliveryProfileItemsPageQuery = await client.request(
      DeliveryProfileItemsPageDocument,
      {
        id: profileId,
        after,
      },
    );
    const items = data.deliveryProfile?.profileItems;
    if (!items) return ids;
    // The edge before an item is where `after` must point to read that item alone.
    let before = after;
    for (const edge of items.edges) {
      const itemAfter = before;
      const variants = paginate(
        async (variantsAfter) =>
          (
            await client.request(DeliveryItemVariantsPageDocument, {
              id: profileId,
              itemAfter,
              after: variantsAfter,
            })
          ).deliveryProfile?.profileItems.nodes[0]?.variants ?? null,
        edge.node.variants,
      );
      for await (const v of variants) ids.push(v.id);
      before = edge.cursor;
    }
    if (!items.pageInfo.hasNextPage) return ids;
    after = items.pageInfo.endCursor;
  }
}

export async function collectDeliveryProfiles(
  ctx: CollectContext,
): Promise<SnapshotDeliveryProfile[]> {
  const { client } = ctx;
  const profiles: SnapshotDeliveryProfile[] = [];
  const pages = paginate(
    async (after) =>
      (await client.request(DeliveryProfilesPageDocument, { after })).deliveryProfiles,
  );
  for await (const p of pages) {
    const locationGroups: SnapshotDeliveryProfile["locationGroups"] = [];
    for (const { locationGroup } of p.profileLocationGroups) {
      if (locationGroup.locations.pageInfo.hasNextPage)
        ctx.partial(
          "deliveryProfiles",
          `${p.name}: only the first ${LOCATIONS_PER_GROUP} locations of a location group were read`,
        );
      const zones = paginate(
        async (after) =>
          (
            await client.request(DeliveryZonesPageDocument, {
              profileId: p.id,
              groupId: locationGroup.id,
              after,
            })
          ).deliveryProfile?.profileLocationGroups[0]?.locationGroupZones ?? null,
      );
      const group = {
        locationIds: locationGroup.locations.nodes.map((l) => l.id),
        zones: [] as SnapshotDeliveryProfile["locationGroups"][number]["zones"],
      };
      for await (const zone of zones) {
        if (zone.methodDefinitions.pageInfo.hasNextPage)
          ctx.partial(
            "deliveryProfiles",
            `${p.name} / ${zone.zone.name}: only the first ${METHODS_PER_ZONE} rates were read`,
          );
        group.zones.push(normaliseDeliveryZone(zone));
      }
      locationGroups.push(group);
    }
    profiles.push({
      id: p.id,
      name: p.name,
      isDefault: p.default,
      // The general profile holds every variant no custom profile holds: listing them is pointless.
      variantIds: p.default ? [] : await profileVariantIds(ctx, p.id),
      locationGroups,
    });
    ctx.progress("deliveryProfiles", profiles.length, null);
  }
  return profiles;
}

export async function collectDiscounts(ctx: CollectContext): Promise<SnapshotDiscount[]> {
  const discounts: SnapshotDiscount[] = [];
  const pages = paginate(
    async (after) => (await ctx.client.request(DiscountsPageDocument, { after })).discountNodes,
  );
  for await (const node of pages) {
    const discount = normaliseDiscount(node.id, node.discount);
    if (discount) discounts.push(discount);
    else
      ctx.partial(
        "discounts",
        `${node.id} is a ${node.discount.__typename}, which Tovholder does not read`,
      );
    ctx.progress("discounts", discounts.length, null);
  }
  return discounts;
}
