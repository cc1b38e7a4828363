/** The dashboard's overview of the shop: one small query. */
import type { AdminClient } from "./admin-client.server";
import { ShopOverviewDocument } from "./generated/admin";

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
  const data = await client.request(ShopOverviewDocument);
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
