/**
 * For CLI tests against a live shop: the offline stand-in serving one store, the shop installed
 * through token exchange (its offline session stored as the app stores it), and the CLI spawned
 * with the same routing preload the demo server uses.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { ApiVersion, LogSeverity, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { sessionStorage } from "~/shopify.server";
import { startStandin, type Standin } from "../../standin/server";
import type { StandinStore } from "../../standin/store/types";
import { mintSessionToken } from "../../scripts/lib/session-token";
import { ROOT } from "./databases";

/** Starts the stand-in with `store`, points the app at it and installs the shop. */
export async function startStandinWithInstalledShop(store: StandinStore): Promise<Standin> {
  const standin = await startStandin({
    stores: [store],
    apiKey: API_KEY,
    apiSecret: API_SECRET_KEY,
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  const api = shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: API_SECRET_KEY,
    apiVersion: ApiVersion.October26,
    hostName: "localhost:3000",
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
    future: {},
  });
  const { session } = await api.auth.tokenExchange({
    shop: store.shop.myshopifyDomain,
    sessionToken: await mintSessionToken({
      shop: store.shop.myshopifyDomain,
      apiKey: API_KEY,
      apiSecret: API_SECRET_KEY,
    }),
    requestedTokenType: RequestedTokenType.OfflineAccessToken,
    expiring: true,
  });
  await sessionStorage.storeSession(session);
  return standin;
}

/** Runs `tovholder ARGS` in a child process that reaches *.myshopify.com through the stand-in. */
export function cliThroughStandin(args: string[]) {
  return promisify(execFile)(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "bin/tovholder.ts"), ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: `--import ${join(ROOT, "standin/install-routing.ts")}`,
      },
    },
  );
}
