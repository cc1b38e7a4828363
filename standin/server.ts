/**
 * The offline Shopify stand-in: one HTTP server answering for every shop it serves, the Admin
 * GraphQL API, the OAuth token endpoint, bulk-operation result downloads (as
 * storage.googleapis.com), the stores' product images (as cdn.shopify.com) and the Storefront
 * API with its checkout and password pages.
 *
 * Requests arrive through standin/route-shopify.ts, which keeps the original host in
 * `x-standin-host`; without that header the Host header decides (see docs/standin.md).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdminGraphql, NOT_FOUND_BODY } from "./admin/endpoint";
import { isoSeconds } from "./admin/bulk";
import { adminRoot } from "./admin/root";
import { handleAccessTokenRequest } from "./auth/oauth";
import { CDN_HOST, serveCdnImage } from "./cdn-images";
import { defaultScopes } from "./auth/scopes";
import { TokenStore } from "./auth/tokens";
import { BulkManager } from "./bulk/manager";
import { GCS_HOST, ResultStore } from "./bulk/results";
import type { BulkErrorCode } from "./bulk/types";
import { LeakyBucket, STANDARD_BUCKET, type BucketConfig } from "./graphql/bucket";
import { DocumentChecker } from "./graphql/pipeline";
import { BodyTooLargeError, parseBody, readBody, requestHost, sendJson } from "./http/util";
import { loadAdminSchema, loadStorefrontSchema } from "./schema";
import type { ShopStats, StandinState } from "./state";
import type { ProtectedCustomerDataLevel, StandinStore } from "./store/types";
import { CartStore } from "./storefront/cart";
import { WebPixelStore, type WebPixelRecord } from "./admin/web-pixels";
import { handleStorefrontGraphql } from "./storefront/endpoint";
import { handleStorefrontPage } from "./storefront/pages";
import { isAppHost, serveAppAsset } from "./storefront/theme-assets";
import { WebhookSender } from "./webhooks";
import { appUninstalledPayload } from "./webhook-payloads";

export interface StandinOptions {
  /** Shops served, keyed by `shop.myshopifyDomain`. */
  stores: StandinStore[];
  /** The app's credentials (client id and secret). */
  apiKey: string;
  apiSecret: string;
  /** Topic ("bulk_operations/finish", "app/uninstalled", …) → absolute URL of the app's handler. */
  webhooks?: Record<string, string>;
  /** Default: Standard plan, 2000 points, 100 per second. */
  bucket?: BucketConfig;
  /** Default 1000. */
  maxQueryCost?: number;
  /** Default 3600 (expiring offline tokens). */
  accessTokenTtlSeconds?: number;
  /** Default 90 days. */
  refreshTokenTtlSeconds?: number;
  /**
   * Carrier-calculated rates (real ms): Shopify's carrier read timeout (default 10 s, the
   * CarrierService changelog) and how long a deferred `withCarrierRates` part waits for the
   * carrier before answering PENDING_DELIVERY_GROUPS (default 5 s).
   */
  carrier?: { timeoutMs?: number; holdMs?: number };
  /** Default 5 concurrent bulk queries per shop (Shopify's 2026 rule); stepMs default 50. */
  bulk?: { maxConcurrent?: number; stepMs?: number };
  /** Injectable clock (ms) for the bucket, token expiry and bulk progress. Default Date.now. */
  clock?: { now(): number };
  /** Default 127.0.0.1 and a random port. */
  host?: string;
  port?: number;
  /** Scopes granted to tokens. Default: the scopes in shopify.app.toml. */
  scopes?: string[];
  log?: (line: string) => void;
}

export interface Standin {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  /** Live state; tests may mutate it. */
  store(shop: string): StandinStore;
  addStore(store: StandinStore): void;
  grantOfflineToken(
    shop: string,
    opts?: { expiring?: boolean; scopes?: string[] },
  ): {
    accessToken: string;
    refreshToken?: string;
    expiresIn?: number;
    refreshTokenExpiresIn?: number;
    scope: string;
  };
  /** As on uninstall: every access, refresh and storefront token of the shop stops working. */
  revokeTokens(shop: string): void;
  /**
   * The merchant uninstalls the app: every token of the shop is revoked, then `app/uninstalled`
   * is sent with the documented Shop payload (standin/webhook-payloads.ts) if subscribed.
   */
  uninstallApp(shop: string, opts?: { webhookId?: string }): Promise<Response | null>;
  /** Signed exactly as Shopify signs. */
  sendWebhook(
    shop: string,
    topic: string,
    payload: unknown,
    opts?: { webhookId?: string },
  ): Promise<Response>;
  failNextBulkOperation(shop: string, opts: { errorCode: BulkErrorCode; partial?: boolean }): void;
  /** Result URLs answer like an expired signed GCS URL. */
  expireBulkResults(shop?: string): void;
  stats(shop: string): ShopStats;
  setBucket(shop: string, bucket: BucketConfig & { currentlyAvailable?: number }): void;
  /** Switches the Online Store password on or off (Online Store → Preferences). */
  setPasswordProtection(shop: string, enabled: boolean): void;
  /**
   * The protected customer data Shopify approved the app for on this shop (0, 1 or 2; the
   * default is 2): `shopifyqlQuery` needs 2, `Order.customer` 1 (standin/admin/access.ts).
   */
  setProtectedCustomerData(shop: string, level: ProtectedCustomerDataLevel): void;
  /** The app's web pixel on the shop (created with webPixelCreate), or null. */
  webPixel(shop: string): WebPixelRecord | null;
}

const DEFAULT_REFRESH_TTL_SECONDS = 90 * 86_400;
const ONLINE_TOKEN_TTL_SECONDS = 86_399;

async function route(
  state: StandinState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const host = requestHost(req);
  if (host === GCS_HOST) {
    state.results.serve(req, res);
    return;
  }
  if (isAppHost(host)) {
    serveAppAsset(host, new URL(req.url ?? "/", `https://${host}`), res);
    return;
  }
  if (host === CDN_HOST) {
    serveCdnImage(
      state.stores.values(),
      new URL(req.url ?? "/", `https://${host}`),
      req.method ?? "GET",
      res,
    );
    return;
  }
  const store =
    state.stores.get(host) ??
    [...state.stores.values()].find((s) => s.shop.primaryDomainHost === host);
  if (!store) {
    sendJson(res, 404, NOT_FOUND_BODY);
    return;
  }
  const url = new URL(req.url ?? "/", `https://${host}`);
  let m: RegExpExecArray | null;
  if ((m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname))) {
    await handleAdminGraphql(state, store, m[1] ?? "", req, res);
  } else if (url.pathname === "/admin/oauth/access_token" && req.method === "POST") {
    const text = await readBody(req);
    const result = await handleAccessTokenRequest(
      store.shop.myshopifyDomain,
      parseBody(req, text),
      {
        apiKey: state.apiKey,
        apiSecret: state.apiSecret,
        tokens: state.tokens,
        scopes: state.scopes,
        now: state.now,
      },
    );
    sendJson(res, result.status, result.body);
  } else if ((m = /^\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname))) {
    await handleStorefrontGraphql(state, store, m[1] ?? "", req, res);
  } else if (!(await handleStorefrontPage(store, state.carts, url, req, res))) {
    sendJson(res, 404, NOT_FOUND_BODY);
  }
}

export async function startStandin(options: StandinOptions): Promise<Standin> {
  const clock = options.clock;
  const now = clock ? () => clock.now() : () => Date.now();
  const log = options.log ?? (() => undefined);
  const stores = new Map(options.stores.map((s) => [s.shop.myshopifyDomain, s]));
  const bucketConfig = options.bucket ?? STANDARD_BUCKET;
  const buckets = new Map<string, LeakyBucket>();
  const stats = new Map<string, ShopStats>();
  const results = new ResultStore(now);
  const webhooks = new WebhookSender({
    urls: options.webhooks ?? {},
    apiSecret: options.apiSecret,
    now,
    log,
  });
  const adminChecker = new DocumentChecker(loadAdminSchema());
  const bulk = new BulkManager({
    schema: loadAdminSchema(),
    checker: adminChecker,
    rootValue: adminRoot,
    results,
    maxConcurrent: options.bulk?.maxConcurrent ?? 5,
    stepMs: options.bulk?.stepMs ?? 50,
    now,
    log,
    onFinish: (op) =>
      webhooks.notify(op.shop, "bulk_operations/finish", {
        admin_graphql_api_id: op.id,
        completed_at: op.completedAt === null ? null : isoSeconds(op.completedAt),
        created_at: isoSeconds(op.createdAt),
        error_code: op.errorCode?.toLowerCase() ?? null,
        status: op.status.toLowerCase(),
        type: "query",
      }),
  });
  const state: StandinState = {
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    scopes: options.scopes ?? defaultScopes(),
    maxQueryCost: options.maxQueryCost ?? 1000,
    now,
    log,
    stores,
    tokens: new TokenStore(now, {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TTL_SECONDS,
      onlineTokenTtlSeconds: ONLINE_TOKEN_TTL_SECONDS,
    }),
    bulk,
    results,
    carts: new CartStore(),
    carrier: {
      timeoutMs: options.carrier?.timeoutMs ?? 10_000,
      holdMs: options.carrier?.holdMs ?? 5_000,
    },
    webPixels: new WebPixelStore(),
    webhooks,
    adminChecker,
    storefrontChecker: new DocumentChecker(loadStorefrontSchema()),
    bucket: (shop) => {
      let bucket = buckets.get(shop);
      if (!bucket) buckets.set(shop, (bucket = new LeakyBucket(bucketConfig, now())));
      return bucket;
    },
    stats: (shop) => {
      let entry = stats.get(shop);
      if (!entry)
        stats.set(shop, (entry = { requests: 0, throttled: 0, maxCostExceeded: 0, pointsUsed: 0 }));
      return entry;
    },
  };

  const server = createServer((req, res) => {
    route(state, req, res).catch((error: unknown) => {
      const tooLarge = error instanceof BodyTooLargeError;
      log(`${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent)
        sendJson(res, tooLarge ? 413 : 500, {
          errors: tooLarge ? "Request Entity Too Large" : "Internal Server Error",
        });
      else res.destroy();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const requireStore = (shop: string): StandinStore => {
    const store = stores.get(shop);
    if (!store) throw new Error(`The stand-in does not serve ${shop}`);
    return store;
  };

  return {
    url: `http://${host}:${port}`,
    close: async () => {
      await bulk.close();
      await webhooks.drain();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      results.dispose();
    },
    store: requireStore,
    addStore: (store) => void stores.set(store.shop.myshopifyDomain, store),
    grantOfflineToken: (shop, opts = {}) => {
      requireStore(shop);
      return state.tokens.issue(shop, opts.scopes ?? state.scopes, {
        expiring: opts.expiring === true,
      });
    },
    revokeTokens: (shop) => state.tokens.revoke(shop),
    uninstallApp: async (shop, opts = {}) => {
      const store = requireStore(shop);
      state.tokens.revoke(shop);
      if (!webhooks.isConfigured("app/uninstalled")) return null;
      return webhooks.send(shop, "app/uninstalled", appUninstalledPayload(store), opts);
    },
    sendWebhook: (shop, topic, payload, opts) => webhooks.send(shop, topic, payload, opts),
    failNextBulkOperation: (shop, opts) => bulk.failNext(shop, opts),
    expireBulkResults: (shop) => bulk.expireResults(shop),
    stats: (shop) => ({ ...state.stats(shop) }),
    setBucket: (shop, config) =>
      state.bucket(shop).reconfigure(config, now(), config.currentlyAvailable),
    setPasswordProtection: (shop, enabled) => {
      requireStore(shop).shop.passwordProtected = enabled;
    },
    setProtectedCustomerData: (shop, level) => {
      requireStore(shop).protectedCustomerData = level;
    },
    webPixel: (shop) => state.webPixels.get(shop),
  };
}
