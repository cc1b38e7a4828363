/** Shops installed against the stand-in for tests that run the real audit through the jobs. */
import { Session } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { sessionStorage } from "~/shopify.server";
import { recordInstall } from "~/db/shops.server";
import { startStandin, type Standin } from "../../standin/server";
import { makeStore } from "../standin/fixtures";

export interface AuditStandin {
  standin: Standin;
  /** Adds a fixture store and installs the app on it (offline session + Shop row). */
  addShop(shop: string, products: number): Promise<void>;
  close(): Promise<void>;
}

export async function startAuditStandin(): Promise<AuditStandin> {
  const standin = await startStandin({ stores: [], apiKey: API_KEY, apiSecret: API_SECRET_KEY });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  return {
    standin,
    async addShop(shop, products) {
      standin.addStore(makeStore({ shop, products, passwordProtected: false }));
      const granted = standin.grantOfflineToken(shop);
      await sessionStorage.storeSession(
        new Session({
          id: `offline_${shop}`,
          shop,
          state: "",
          isOnline: false,
          accessToken: granted.accessToken,
          scope: granted.scope,
        }),
      );
      await recordInstall({ shop, scopes: granted.scope });
    },
    async close() {
      await standin.close();
      delete process.env.SHOPIFY_STANDIN_URL;
    },
  };
}
