/** Locations in the Admin API's shapes. */
import type { GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs } from "../graphql/connection";
import type { SearchSpec } from "../graphql/search";
import type { FieldFn, View } from "../graphql/view";
import type { StandinLocation } from "../store/types";
import { countView, countryName, legacyId, requireScope, search } from "./common";
import type { AdminContext } from "./context";
import { inventoryLevelView } from "./products";

export function locationView(l: StandinLocation, context: AdminContext): View {
  const levels = () =>
    context.store.products.flatMap((p) =>
      p.variants.flatMap((v) =>
        v.inventoryItem.levels
          .filter((level) => level.locationId === l.id)
          .map((level) => ({ level, v, p })),
      ),
    );
  const country = countryName(l.countryCode);
  return {
    __typename: "Location",
    id: l.id,
    legacyResourceId: String(legacyId(l.id)),
    name: l.name,
    isActive: l.isActive,
    fulfillsOnlineOrders: l.fulfillsOnlineOrders,
    shipsInventory: l.isActive && l.fulfillsOnlineOrders,
    isPrimary: context.store.locations[0]?.id === l.id,
    isFulfillmentService: false,
    fulfillmentService: null,
    hasActiveInventory: () => levels().length > 0,
    address: {
      address1: null,
      address2: null,
      city: l.city,
      country,
      countryCode: l.countryCode,
      province: null,
      provinceCode: null,
      zip: null,
      phone: null,
      latitude: null,
      longitude: null,
      formatted: [l.city, country],
    },
    inventoryLevels: (args: Record<string, unknown>, ctx: AdminContext, info: GraphQLResolveInfo) =>
      connection(
        levels(),
        { id: (x) => x.v.legacyId, node: (x) => inventoryLevelView(x.level, x.v, x.p, context) },
        args as PageArgs,
        ctx,
        info,
      ),
  };
}

const LOCATION_SEARCH: SearchSpec<StandinLocation> = {
  fields: {
    id: { type: "number", get: (l) => legacyId(l.id) },
    name: { type: "string", get: (l) => l.name },
    active: { type: "boolean", get: (l) => l.isActive },
    country: { type: "string", get: (l) => l.countryCode },
  },
  text: (l) => [l.name, l.city],
};

export const locationRoot: Record<string, FieldFn<AdminContext>> = {
  locations: (args, ctx, info) => {
    requireScope(ctx, info, "read_locations");
    const a = args as PageArgs & { query?: string; sortKey?: string; includeInactive?: boolean };
    const visible = ctx.store.locations.filter((l) => l.isActive || a.includeInactive === true);
    const filtered = search(visible, a.query, LOCATION_SEARCH, ctx, info);
    const sortValue =
      a.sortKey === "NAME"
        ? (l: StandinLocation) => l.name
        : (l: StandinLocation) => legacyId(l.id);
    return connection(
      filtered,
      { id: (l) => legacyId(l.id), sortValue, node: (l) => locationView(l, ctx) },
      a,
      ctx,
      info,
    );
  },
  locationsCount: (args, ctx, info) => {
    requireScope(ctx, info, "read_locations");
    return countView(
      search(ctx.store.locations, args.query, LOCATION_SEARCH, ctx, info).length,
      args.limit,
    );
  },
  location: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_locations");
    const l =
      id === undefined || id === null
        ? ctx.store.locations[0]
        : ctx.store.locations.find((x) => x.id === id);
    return l ? locationView(l, ctx) : null;
  },
};
