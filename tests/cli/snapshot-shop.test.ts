/**
 * `tovholder snapshot --shop` end to end: the shop is installed through token exchange against
 * the offline stand-in, and the spawned CLI reaches the stand-in through the same routing
 * preload the demo server uses.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiVersion, LogSeverity, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { sessionStorage } from "~/shopify.server";
import { listSnapshots } from "~/models/snapshots.server";
import { startStandin, type Standin } from "../../standin/server";
import { mintSessionToken } from "../../scripts/lib/session-token";
import { ROOT } from "../helpers/databases";
import { makeStore } from "../standin/fixtures";

const SHOP = "cli-shop.myshopify.com";
let standin: Standin;

beforeAll(async () => {
  standin = await startStandin({
    stores: [makeStore({ shop: SHOP, products: 12 })],
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
    shop: SHOP,
    sessionToken: await mintSessionToken({
      shop: SHOP,
      apiKey: API_KEY,
      apiSecret: API_SECRET_KEY,
    }),
    requestedTokenType: RequestedTokenType.OfflineAccessToken,
    expiring: true,
  });
  await sessionStorage.storeSession(session);
});

afterAll(async () => {
  await standin.close();
});

async function cli(args: string[]) {
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

describe("tovholder snapshot --shop", () => {
  it("collects the live shop with its offline session: JSON on stdout, progress on stderr, stored with --save", async () => {
    const { stdout, stderr } = await cli([
      "snapshot",
      "--shop",
      SHOP,
      "--format",
      "json",
      "--save",
    ]);
    const result = JSON.parse(stdout) as {
      source: { kind: string; strategy: string };
      products: number;
      locations: number | null;
      stored: { id: string };
    };
    expect(result).toMatchObject({
      source: { kind: "shop", name: SHOP, strategy: "paged" },
      shop: SHOP,
      products: 12,
    });
    expect(result.locations).toBeGreaterThan(0);
    expect(stderr).toMatch(new RegExp(`^${SHOP}: products 12/12$`, "m"));
    expect((await listSnapshots(SHOP)).map((r) => r.id)).toEqual([result.stored.id]);
  });
});
