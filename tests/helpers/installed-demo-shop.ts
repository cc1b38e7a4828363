/**
 * The demo store on a stand-in, installed in the app the way the routes expect it: an offline
 * session with the stand-in's token in the app's session storage, and the install recorded.
 * Import after the test has set its environment (demo mode), since it loads the app's modules.
 */
import { generateDemoStore } from "../../standin/seed/demo-store";
import { startShop } from "../shopify/helpers";

export async function startInstalledDemoShop(
  shop: string,
): Promise<Awaited<ReturnType<typeof startShop>>> {
  const { Session } = await import("@shopify/shopify-api");
  const { sessionStorage } = await import("~/shopify.server");
  const { recordInstall } = await import("~/db/shops.server");
  const h = await startShop(generateDemoStore({ seed: 42 }).store);
  await sessionStorage.storeSession(
    new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: h.token }),
  );
  await recordInstall({ shop, scopes: "read_products" });
  return h;
}
