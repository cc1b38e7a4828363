/**
 * The single place where `shopifyApp()` is configured, and the only exporter of
 * `authenticate`, `unauthenticated`, `login`, `sessionStorage`.
 *
 * - Admin API 2026-10; embedded auth with session tokens and token exchange.
 * - Expiring offline access tokens (1 h access token + rotating refresh token, required of
 *   public apps): `unauthenticated.admin(shop)` refreshes them transparently for background work.
 * - Sessions in Prisma (SQLite or PostgreSQL, see db.server.ts), with access and refresh tokens
 *   encrypted at rest (lib/session-storage.server.ts).
 * - Webhook subscriptions live in shopify.app.toml (app-specific), so none are registered here.
 *   Webhook routes verify deliveries with `authenticateWebhook` (app/shopify/webhooks.server.ts),
 *   not `authenticate.webhook`: the latter refreshes an expired offline token before the handler
 *   runs and answers a bare 500 when Shopify refuses (docs/decisions/014).
 * - `SHOP_CUSTOM_DOMAIN` becomes a `domainTransformations` entry (app/shopify/shop-domains.ts).
 */
import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  LogSeverity,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { shopifyApi } from "@shopify/shopify-api";
import { prismaSessionStorage } from "~/db/sessions.server";
import { EncryptedSessionStorage } from "./lib/session-storage.server";
import { env } from "./env.server";
import { recordInstall } from "~/db/shops.server";
import { customShopDomainTransformations } from "./shopify/shop-domains";

const config = env();

export const API_VERSION = ApiVersion.October26;

const domainTransformations = customShopDomainTransformations(config.shopCustomDomain);
const logger = { level: config.nodeEnv === "test" ? LogSeverity.Error : LogSeverity.Info };

const shopify = shopifyApp({
  apiKey: config.apiKey,
  apiSecretKey: config.apiSecret,
  apiVersion: API_VERSION,
  scopes: config.scopes,
  appUrl: config.appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new EncryptedSessionStorage(prismaSessionStorage()),
  distribution: AppDistribution.AppStore,
  logger,
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
  hooks: {
    afterAuth: async ({ session }) => {
      if (!session.isOnline)
        await recordInstall({ shop: session.shop, scopes: session.scope ?? null });
    },
  },
  ...(domainTransformations ? { domainTransformations } : {}),
});

/**
 * `@shopify/shopify-api` configured as `shopifyApp` configures it internally (that instance is
 * not exposed), for what the Remix package does only behind a token refresh: webhook HMAC
 * validation (`webhooks.validate`), shop-domain sanitising and offline session ids.
 */
const appUrl = new URL(config.appUrl);
export const shopifyLibrary = shopifyApi({
  apiKey: config.apiKey,
  apiSecretKey: config.apiSecret,
  apiVersion: API_VERSION,
  scopes: config.scopes,
  hostName: appUrl.host,
  hostScheme: appUrl.protocol === "http:" ? "http" : "https",
  isEmbeddedApp: true,
  logger,
  future: { unstable_managedPricingSupport: true },
  _logDisabledFutureFlags: false,
  ...(domainTransformations ? { domainTransformations } : {}),
});

export default shopify;
export const apiVersion = API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
