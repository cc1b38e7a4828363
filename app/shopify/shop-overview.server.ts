import type { AdminClient } from "./admin-client.server";

export const SHOP_OVERVIEW_QUERY = `#graphql
  query ShopOverview {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
      plan { publicDisplayName partnerDevelopment }
    }
    productsCount(limit: null) { count precision }
    markets(first: 50) { nodes { name status } }
  }
`;

interface ShopOverviewResponse {
  shop: {
    name: string;
    myshopifyDomain: string;
    currencyCode: string;
    ianaTimezone: string;
    plan: { publicDisplayName: string; partnerDevelopment: boolean };
  };
  productsCount: { count: number; precision: string } | null;
  markets: { nodes: { name: string; status: string }[] };
}

export interface ShopOverview {
  name: string;
  domain: string;
  currency: string;
  timezone: string;
  plan: string;
  developmentStore: boolean;
  productCount: number | null;
  activeMarkets: string[];
}

export async function fetchShopOverview(client: AdminClient): Promise<ShopOverview> {
  const data = await client.request<ShopOverviewResponse>(SHOP_OVERVIEW_QUERY);
  return {
    name: data.shop.name,
    domain: data.shop.myshopifyDomain,
    currency: data.shop.currencyCode,
    timezone: data.shop.ianaTimezone,
    plan: data.shop.plan.publicDisplayName,
    developmentStore: data.shop.plan.partnerDevelopment,
    productCount: data.productsCount?.count ?? null,
    activeMarkets: data.markets.nodes.filter((m) => m.status === "ACTIVE").map((m) => m.name),
  };
}
