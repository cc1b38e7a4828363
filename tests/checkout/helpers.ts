/** Shared set-up of the checkout tests: the demo store on the stand-in, collected once. */
import { collectSnapshot } from "~/shopify/collect.server";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { startShop, type ShopHarness } from "../shopify/helpers";

export const DEMO_NOW = new Date("2025-11-20T12:00:00Z");

export interface DemoShop {
  h: ShopHarness;
  snapshot: StoreSnapshot;
  manifest: ReturnType<typeof generateDemoStore>["manifest"];
  /** A raw Admin GraphQL call with the shop's token (for what the app has no document for). */
  admin(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: Record<string, unknown> }>;
}

export async function startDemoShop(): Promise<DemoShop> {
  const { store, manifest } = generateDemoStore({ seed: 42, now: DEMO_NOW });
  const h = await startShop(store, {}, DEMO_NOW.getTime());
  const snapshot = await collectSnapshot(h.client(), { now: DEMO_NOW });
  return {
    h,
    snapshot,
    manifest,
    admin: async (query, variables) => {
      const response = await fetch(`https://${h.shop}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": h.token },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, unknown> };
    },
  };
}
