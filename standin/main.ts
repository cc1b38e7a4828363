/**
 * CLI: `STANDIN_PORT=4000 npx tsx standin/main.ts` starts a stand-in serving the demo store and
 * prints its URL and an offline access token for it (handy for curl and GraphiQL-like tools;
 * send `x-standin-host: <shop>` or a matching Host header).
 */
import { generateDemoStore } from "./seed/demo-store";
import { startStandin } from "./server";

const { store } = generateDemoStore({ seed: Number(process.env.STANDIN_SEED ?? 42) });
const shop = store.shop.myshopifyDomain;
const standin = await startStandin({
  stores: [store],
  apiKey: process.env.SHOPIFY_API_KEY || "tovholder-demo-api-key",
  apiSecret: process.env.SHOPIFY_API_SECRET || "tovholder-demo-api-secret",
  port: Number(process.env.STANDIN_PORT ?? 0),
  log: (line) => console.log(`[standin] ${line}`),
});
const { accessToken } = standin.grantOfflineToken(shop);
console.log(
  `Shopify stand-in at ${standin.url} serving ${shop} (${store.products.length} products)`,
);
console.log(`Offline access token for ${shop}: ${accessToken}`);

const stop = () => void standin.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
