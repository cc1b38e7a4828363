/**
 * Delivery profiles, location groups, zones and rates in the Admin API's 2026-10 shapes.
 * Which variants a profile holds is exposed through `profileItems` and `productVariantsCount`
 * (and `ProductVariant.deliveryProfile`), the 2026-10 ways to ask.
 */
import type { GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs } from "../graphql/connection";
import type { FieldFn, View } from "../graphql/view";
import { REST_OF_WORLD, variantIdsOfProfile } from "../domain/shipping";
import type {
  StandinCarrierService,
  StandinDeliveryProfile,
  StandinDeliveryRate,
  StandinDeliveryZone,
} from "../store/types";
import { countView, countryName, legacyId, money, requireScope } from "./common";
import type { AdminContext } from "./context";
import { locationView } from "./locations";
import { productView, variantView } from "./products";

type Args = Record<string, unknown>;

function countryView(code: string, zone: StandinDeliveryZone, index: number): View {
  const restOfWorld = code === REST_OF_WORLD;
  const name = restOfWorld ? "Rest of World" : countryName(code);
  return {
    id: `gid://shopify/DeliveryCountry/${legacyId(zone.id) * 1000 + index + 1}`,
    name,
    translatedName: name,
    code: { countryCode: restOfWorld ? null : code, restOfWorld },
    provinces: [],
  };
}

function zoneView(zone: StandinDeliveryZone): View {
  return {
    id: zone.id,
    name: zone.name,
    countries: zone.countries.map((code, i) => countryView(code, zone, i)),
  };
}

function carrierServiceView(carrier: StandinCarrierService | undefined, id: string): View {
  return {
    id,
    name: carrier?.name ?? null,
    formattedName: carrier?.name ?? null,
    active: carrier?.active ?? false,
    callbackUrl: null,
    supportsServiceDiscovery: true,
  };
}

function methodDefinitionView(
  rate: StandinDeliveryRate,
  currency: string,
  carriers: readonly StandinCarrierService[],
): View {
  // A carrier-calculated method: its rate provider is a DeliveryParticipant (the carrier
  // service), with no flat price.
  const rateProvider =
    rate.carrierServiceId !== undefined
      ? {
          __typename: "DeliveryParticipant",
          id: rate.id.replace("DeliveryMethodDefinition", "DeliveryParticipant"),
          adaptToNewServicesFlag: true,
          fixedFee: null,
          percentageOfRateFee: 0,
          participantServices: (
            carriers.find((c) => c.id === rate.carrierServiceId)?.rates ?? []
          ).map((r) => ({ active: true, name: r.serviceName })),
          carrierService: carrierServiceView(
            carriers.find((c) => c.id === rate.carrierServiceId),
            rate.carrierServiceId,
          ),
        }
      : {
          __typename: "DeliveryRateDefinition",
          id: rate.id.replace("DeliveryMethodDefinition", "DeliveryRateDefinition"),
          price: money(rate.amount, currency),
        };
  return {
    id: rate.id,
    name: rate.name,
    active: rate.active,
    description: null,
    methodConditions: [],
    rateProvider,
  };
}

function locationGroupZoneView(
  zone: StandinDeliveryZone,
  currency: string,
  carriers: readonly StandinCarrierService[],
): View {
  const participants = zone.rates.filter((r) => r.carrierServiceId !== undefined).length;
  return {
    zone: zoneView(zone),
    methodDefinitionCounts: {
      participantDefinitionsCount: participants,
      rateDefinitionsCount: zone.rates.length - participants,
    },
    methodDefinitions: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) => {
      const rates = zone.rates.filter(
        (r) => typeof args.eligible !== "boolean" || !args.eligible || r.active,
      );
      return connection(
        rates,
        {
          id: (r) => legacyId(r.id),
          node: (r) => methodDefinitionView(r, currency, carriers),
        },
        args as PageArgs,
        ctx,
        info,
      );
    },
  };
}

export function deliveryProfileView(
  profile: StandinDeliveryProfile | undefined,
  context: AdminContext,
): View | null {
  if (!profile) return null;
  const store = context.store;
  const currency = store.shop.currencyCode;
  const variantIds = () => new Set(variantIdsOfProfile(store, profile));
  const groupedLocations = new Set(profile.locationGroups.flatMap((g) => g.locationIds));
  const zones = profile.locationGroups.flatMap((g) => g.zones);
  return {
    __typename: "DeliveryProfile",
    id: profile.id,
    name: profile.name,
    default: profile.isDefault,
    version: 1,
    activeMethodDefinitionsCount: zones.flatMap((z) => z.rates).filter((r) => r.active).length,
    locationsWithoutRatesCount: 0,
    originLocationCount: groupedLocations.size,
    zoneCountryCount: new Set(zones.flatMap((z) => z.countries)).size,
    productVariantsCount: () => countView(variantIds().size, null),
    productVariantsCountV2: () => ({ count: variantIds().size, capped: false }),
    unassignedLocations: () =>
      store.locations
        .filter((l) => !groupedLocations.has(l.id))
        .map((l) => locationView(l, context)),
    profileItems: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) => {
      const ids = variantIds();
      const products = store.products.filter((p) => p.variants.some((v) => ids.has(v.id)));
      return connection(
        products,
        {
          id: (p) => p.legacyId,
          node: (p) => ({
            id: p.id,
            product: productView(p, context),
            variants: (vArgs: Args, vCtx: AdminContext, vInfo: GraphQLResolveInfo) =>
              connection(
                p.variants.filter((v) => ids.has(v.id)),
                { id: (v) => v.legacyId, node: (v) => variantView(v, p, context) },
                vArgs as PageArgs,
                vCtx,
                vInfo,
              ),
          }),
        },
        args as PageArgs,
        ctx,
        info,
      );
    },
    profileLocationGroups: ({ locationGroupId }: Args) =>
      profile.locationGroups
        .filter(
          (g) =>
            locationGroupId === undefined || locationGroupId === null || g.id === locationGroupId,
        )
        .map((g) => ({
          locationGroup: {
            id: g.id,
            locationsCount: countView(g.locationIds.length, null),
            locations: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) => {
              const locations = store.locations.filter((l) => g.locationIds.includes(l.id));
              return connection(
                locations,
                { id: (l) => legacyId(l.id), node: (l) => locationView(l, context) },
                args as PageArgs,
                ctx,
                info,
              );
            },
          },
          locationGroupZones: (args: Args, ctx: AdminContext, info: GraphQLResolveInfo) =>
            connection(
              g.zones,
              {
                id: (z) => legacyId(z.id),
                node: (z) => locationGroupZoneView(z, currency, store.carrierServices ?? []),
              },
              args as PageArgs,
              ctx,
              info,
            ),
          countriesInAnyZone: g.zones.flatMap((z) =>
            z.countries.map((code, i) => ({ country: countryView(code, z, i), zone: z.name })),
          ),
        })),
  };
}

export const deliveryRoot: Record<string, FieldFn<AdminContext>> = {
  deliveryProfiles: (args, ctx, info) => {
    requireScope(ctx, info, "read_shipping");
    return connection(
      ctx.store.deliveryProfiles,
      { id: (p) => legacyId(p.id), node: (p) => deliveryProfileView(p, ctx) },
      args as PageArgs,
      ctx,
      info,
    );
  },
  deliveryProfile: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_shipping");
    return deliveryProfileView(
      ctx.store.deliveryProfiles.find((p) => p.id === id),
      ctx,
    );
  },
};
