/**
 * `npm run demo`: the app on the embedded default (SQLite, in-process), talking to an offline
 * stand-in of Shopify that serves the seeded demo shop, at http://localhost:3000 (PORT overrides),
 * without a Shopify login.
 *
 * 1. migrates the SQLite database; builds the app when its sources are newer than the build;
 * 2. starts the stand-in with the demo store and installs the demo shop through the app's real
 *    token exchange (expiring offline token + refresh token, stored in the session table);
 *    on a new database, seeds the shop's past three months (scripts/demo-history.ts: real audits
 *    of the store as it was, and the months' reports issued);
 * 3. serves the built app (server.ts) in demo mode (NODE_ENV=development; demo mode is
 *    refused under production and with Shopify credentials set), on 127.0.0.1 unless HOST says
 *    otherwise, with Shopify's hosts routed to the stand-in — for the app's
 *    `fetch`, and for Lighthouse's Chromium through a TLS front on a loopback port
 *    (standin/storefront-tls.ts, passed on as TOVHOLDER_EGRESS_HOST_MAP, TOVHOLDER_EGRESS_ALLOW
 *    and TOVHOLDER_CHROMIUM_ARGS). Chromium flags mapping the same hosts are printed for a
 *    browser to view the demo with the stand-in's product images.
 */
// First: route Shopify hosts to the stand-in before any Shopify library captures `fetch`.
import "../standin/install-routing";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RequestedTokenType, shopifyApi, ApiVersion, LogSeverity } from "@shopify/shopify-api";
import "@shopify/shopify-api/adapters/node";
import { startStandin } from "../standin/server";
import { startStorefrontTls } from "../standin/storefront-tls";
import { generateDemoStore } from "../standin/seed/demo-store";
import { webhookSubscriptions } from "./lib/app-toml";
import { mintSessionToken } from "./lib/session-token";
import { DEMO_DEFAULTS, hasShopifyCredentials } from "../app/env.server";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://localhost:${port}`;
// The demo's placeholders only: with real credentials set, the demo refuses to start (main()).
const apiKey: string = DEMO_DEFAULTS.SHOPIFY_API_KEY;
const apiSecret: string = DEMO_DEFAULTS.SHOPIFY_API_SECRET;
const databaseUrl = process.env.DATABASE_URL || "file:./data/tovholder.db";
const started = Date.now();

function log(line: string) {
  console.log(`[demo ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
}

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed with exit code ${result.status}`);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIsStale(): boolean {
  const built = join(root, "build/server/index.js");
  if (!existsSync(built)) return true;
  const sources = ["app", "public", "vite.config.ts", "package-lock.json"]
    .map((p) => join(root, p))
    .filter(existsSync);
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/** One build at a time in this checkout: a lock directory, taken over when older than 10 min. */
async function withBuildLock(work: () => void): Promise<void> {
  const lock = join(root, "build.lock");
  const staleMs = 10 * 60_000;
  const deadline = Date.now() + staleMs;
  let waiting = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!waiting) log("waiting for another build of the app to finish…");
      waiting = true;
      try {
        if (Date.now() - statSync(lock).mtimeMs > staleMs) rmSync(lock, { recursive: true });
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new Error("timed out waiting for another build of the app");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function main() {
  if (process.env.NODE_ENV === "production")
    throw new Error("npm run demo refuses to run with NODE_ENV=production.");
  if (hasShopifyCredentials(process.env))
    throw new Error(
      "npm run demo refuses to run with Shopify credentials set (SHOPIFY_API_KEY/SHOPIFY_API_SECRET): demo mode bypasses Shopify authentication. Unset them for the demo.",
    );
  const tsx = join(root, "node_modules/.bin/tsx");
  if (!existsSync(join(root, "node_modules/@tovholder/prisma-sqlite")))
    run(tsx, ["scripts/db.ts", "generate"]);
  run(tsx, ["scripts/db.ts", "migrate"], { DATABASE_URL: databaseUrl });
  log("database ready");
  if (buildIsStale())
    await withBuildLock(() => {
      // Another demo (browser tests start several at once) may have built it while we waited.
      if (!buildIsStale()) return;
      log("building the app…");
      run(join(root, "node_modules/.bin/remix"), ["vite:build"]);
    });

  const { store, manifest } = generateDemoStore({ seed: 42 });
  const shop = store.shop.myshopifyDomain;
  const webhooks = Object.fromEntries(
    Object.entries(webhookSubscriptions(join(root, "shopify.app.toml"))).map(([topic, uri]) => [
      topic,
      `${appUrl}${uri}`,
    ]),
  );
  const standin = await startStandin({
    stores: [store],
    apiKey,
    apiSecret,
    webhooks,
    port: Number(process.env.STANDIN_PORT ?? 0),
    // How long the stand-in's bulk operations take (each is RUNNING after one step and done
    // after two): a real shop's bulk export takes seconds to minutes, the demo's a tenth of a
    // second. The browser tests that watch a run live set it to keep the run going.
    ...(process.env.DEMO_BULK_STEP_MS
      ? { bulk: { stepMs: Number(process.env.DEMO_BULK_STEP_MS) } }
      : {}),
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  // Lighthouse's Chromium cannot use the fetch routing: it reaches the stand-in storefront over
  // TLS on a loopback port, through the app's filtering proxy, which the environment tells
  // where the stand-in's hosts are and that this one loopback socket is allowed (decision 016).
  const storefrontTls = await startStorefrontTls(standin.url);
  for (const [key, value] of Object.entries(storefrontTls.env)) process.env[key] ??= value;
  log(
    `Shopify stand-in at ${standin.url}: ${shop} with ${store.products.length} products, ${manifest.defects.length} planted defects`,
  );
  // The admin pages show product images from cdn.shopify.com, which the stand-in serves: a
  // browser started with these flags loads them (and the storefront) from it.
  log(`browser flags for Shopify's hosts (JSON): ${JSON.stringify(storefrontTls.viewerArgs)}`);
  log(
    `the demo storefront is password-protected; its password is ${store.shop.storefrontPassword} (enter it under Settings or Performance)`,
  );

  // Install the demo shop the way Shopify-managed installation does: token exchange for an
  // expiring offline token, stored through the app's own session storage.
  const api = shopifyApi({
    apiKey,
    apiSecretKey: apiSecret,
    apiVersion: ApiVersion.October26,
    hostName: new URL(appUrl).host,
    hostScheme: "http",
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
    future: {},
  });
  const { session } = await api.auth.tokenExchange({
    shop,
    sessionToken: await mintSessionToken({ shop, apiKey, apiSecret }),
    requestedTokenType: RequestedTokenType.OfflineAccessToken,
    expiring: true,
  });
  const env = {
    NODE_ENV: "development" as const,
    TOVHOLDER_DEMO: "1",
    DEMO_SHOP: shop,
    // Shown on Settings and Performance, so the manager can enter it as in a real shop.
    DEMO_STOREFRONT_PASSWORD: store.shop.storefrontPassword ?? "",
    SHOPIFY_API_KEY: apiKey,
    SHOPIFY_API_SECRET: apiSecret,
    SHOPIFY_APP_URL: appUrl,
    DATABASE_URL: databaseUrl,
    SHOPIFY_STANDIN_URL: standin.url,
    PORT: String(port),
    HOST: process.env.HOST ?? "127.0.0.1",
  };
  Object.assign(process.env, env);
  const { sessionStorage } = await import("../app/shopify.server");
  const { recordInstall } = await import("../app/db/shops.server");
  const { prisma } = await import("../app/db/db.server");
  await sessionStorage.storeSession(session);
  await recordInstall({ shop, scopes: session.scope ?? null });
  log(
    `installed ${shop} (offline token expires ${session.expires?.toISOString()}, refresh token stored)`,
  );
  // The shop's past months (first start of a database only): real audits of the store as it
  // was, and the months' reports issued with the manager's commentary.
  const { seedDemoHistory } = await import("./demo-history");
  const history = await seedDemoHistory({
    shop,
    standin,
    cleanProductIds: manifest.cleanProductIds,
    log: (line) => log(`history: ${line}`),
  });
  if (history.seeded) log(`seeded the reports of ${history.months.join(", ")}`);
  await prisma.$disconnect();

  const server = spawn(join(root, "node_modules/.bin/node"), ["server.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      ...env,
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ""} --import ${join(root, "standin/install-routing.ts")}`.trim(),
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    if (text.includes("[tovholder] listening"))
      log(`Tovholder demo is ready: ${appUrl} (shop ${shop})`);
    else process.stdout.write(text);
  });
  const stop = async (code: number) => {
    server.kill("SIGTERM");
    await storefrontTls.close();
    await standin.close();
    process.exit(code);
  };
  server.on("exit", (code) => void stop(code ?? 0));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
}

main().catch((error) => {
  console.error(`npm run demo failed: ${(error as Error).message}`);
  process.exit(1);
});
