/** Markets (region markets with a country list) in the Admin API's 2026-10 shapes. */
import type { GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs } from "../graphql/connection";
import type { SearchSpec } from "../graphql/search";
import type { FieldFn, View } from "../graphql/view";
import type { StandinMarket } from "../store/types";
import { countryName, legacyId, requireScope, search } from "./common";
import type { AdminContext } from "./context";

const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });

function currencySetting(code: string): View {
  return {
    currencyCode: code,
    currencyName: currencyNames.of(code) ?? code,
    enabled: true,
    manualRate: null,
    rateUpdatedAt: null,
  };
}

export function marketView(m: StandinMarket): View {
  const regions = (args: Record<string, unknown>, ctx: AdminContext, info: GraphQLResolveInfo) =>
    connection(
      m.countries,
      {
        id: (code) => legacyId(m.id) * 1000 + m.countries.indexOf(code) + 1,
        node: (code) => ({
          __typename: "MarketRegionCountry",
          id: `gid://shopify/MarketRegionCountry/${legacyId(m.id) * 1000 + m.countries.indexOf(code) + 1}`,
          code,
          name: countryName(code),
          currency: currencySetting(m.currencyCode),
        }),
      },
      args as PageArgs,
      ctx,
      info,
    );
  return {
    __typename: "Market",
    id: m.id,
    handle: m.handle,
    name: m.name,
    status: m.status,
    enabled: m.status === "ACTIVE",
    type: m.type,
    primary: m.primary,
    conditions: {
      conditionTypes: ["REGION"],
      regionsCondition: { applicationLevel: "SPECIFIED", regions },
    },
    regions,
    currencySettings: {
      baseCurrency: currencySetting(m.currencyCode),
      localCurrencies: false,
      roundingEnabled: true,
    },
  };
}

const MARKET_SEARCH: SearchSpec<StandinMarket> = {
  fields: {
    id: { type: "number", get: (m) => legacyId(m.id) },
    name: { type: "string", get: (m) => m.name },
    handle: { type: "string", get: (m) => m.handle },
    status: { type: "enum", get: (m) => m.status },
    market_type: { type: "enum", get: (m) => m.type },
  },
  text: (m) => [m.name, m.handle],
};

export const marketRoot: Record<string, FieldFn<AdminContext>> = {
  markets: (args, ctx, info) => {
    requireScope(ctx, info, "read_markets");
    const a = args as PageArgs & { query?: string; type?: string | null; sortKey?: string };
    const ofType = ctx.store.markets.filter((m) => !a.type || m.type === a.type);
    const filtered = search(ofType, a.query, MARKET_SEARCH, ctx, info);
    const sortValue =
      a.sortKey === "NAME" ? (m: StandinMarket) => m.name : (m: StandinMarket) => legacyId(m.id);
    return connection(
      filtered,
      { id: (m) => legacyId(m.id), sortValue, node: marketView },
      a,
      ctx,
      info,
    );
  },
  market: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_markets");
    const m = ctx.store.markets.find((x) => x.id === id);
    return m ? marketView(m) : null;
  },
  primaryMarket: (_args, ctx, info) => {
    requireScope(ctx, info, "read_markets");
    const m = ctx.store.markets.find((x) => x.primary) ?? ctx.store.markets[0];
    return m ? marketView(m) : null;
  },
  marketByGeography: ({ countryCode }, ctx, info) => {
    requireScope(ctx, info, "read_markets");
    const m = ctx.store.markets.find(
      (x) => x.status === "ACTIVE" && x.countries.includes(String(countryCode)),
    );
    return m ? marketView(m) : null;
  },
};
