/**
 * Access tokens, refresh tokens and storefront access tokens per shop.
 *
 * Expiring offline tokens live `accessTokenTtlSeconds` (Shopify: 1 hour) and come with a refresh
 * token; refreshing rotates it (the used refresh token stops working at once), and tokens expire
 * on the injected clock. Every grant issues a new access token; earlier ones stay valid until
 * they expire or are revoked.
 */
import { randomBytes } from "node:crypto";
import type { StorefrontTokenRecord, StorefrontTokenService } from "../admin/context";

export interface TokenGrant {
  accessToken: string;
  scope: string;
  expiresIn?: number;
  refreshToken?: string;
  refreshTokenExpiresIn?: number;
}

export interface AccessTokenRecord {
  shop: string;
  scopes: string[];
  /** Epoch ms; null for non-expiring offline tokens. */
  expiresAt: number | null;
  online: boolean;
}

interface RefreshTokenRecord {
  shop: string;
  scopes: string[];
  expiresAt: number;
  online: boolean;
}

export interface TokenLifetimes {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Online tokens last for the user's session; Shopify issues them for about a day. */
  onlineTokenTtlSeconds: number;
}

function token(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

export class TokenStore {
  private readonly access = new Map<string, AccessTokenRecord>();
  private readonly refresh = new Map<string, RefreshTokenRecord>();
  private readonly storefront = new Map<string, Map<string, StorefrontTokenRecord>>();
  private nextStorefrontId = 1;

  constructor(
    private readonly now: () => number,
    private readonly lifetimes: TokenLifetimes,
  ) {}

  issue(shop: string, scopes: string[], opts: { expiring: boolean; online?: boolean }): TokenGrant {
    const online = opts.online === true;
    const ttl = online
      ? this.lifetimes.onlineTokenTtlSeconds
      : opts.expiring
        ? this.lifetimes.accessTokenTtlSeconds
        : null;
    const accessToken = token(online ? "shpua_" : "shpat_");
    this.access.set(accessToken, {
      shop,
      scopes,
      online,
      expiresAt: ttl === null ? null : this.now() + ttl * 1000,
    });
    const grant: TokenGrant = { accessToken, scope: scopes.join(",") };
    if (ttl !== null) grant.expiresIn = ttl;
    if (opts.expiring) {
      const refreshToken = token("shprt_");
      this.refresh.set(refreshToken, {
        shop,
        scopes,
        online,
        expiresAt: this.now() + this.lifetimes.refreshTokenTtlSeconds * 1000,
      });
      grant.refreshToken = refreshToken;
      grant.refreshTokenExpiresIn = this.lifetimes.refreshTokenTtlSeconds;
    }
    return grant;
  }

  /** Exchanges a refresh token for a new token pair; the used refresh token is retired. */
  rotate(shop: string, refreshToken: string): TokenGrant | null {
    const record = this.refresh.get(refreshToken);
    this.refresh.delete(refreshToken);
    if (!record || record.shop !== shop || record.expiresAt <= this.now()) return null;
    return this.issue(shop, record.scopes, { expiring: true, online: record.online });
  }

  verify(shop: string, accessToken: string | undefined): AccessTokenRecord | null {
    const record = accessToken ? this.access.get(accessToken) : undefined;
    if (!record || record.shop !== shop) return null;
    if (record.expiresAt !== null && record.expiresAt <= this.now()) return null;
    return record;
  }

  revoke(shop: string): void {
    for (const [key, record] of this.access) if (record.shop === shop) this.access.delete(key);
    for (const [key, record] of this.refresh) if (record.shop === shop) this.refresh.delete(key);
    this.storefront.delete(shop);
  }

  /** Storefront tokens created through `storefrontAccessTokenCreate`, or any live Admin token. */
  verifyStorefront(shop: string, value: string): boolean {
    const tokens = this.storefront.get(shop);
    if (tokens && [...tokens.values()].some((t) => t.accessToken === value)) return true;
    return this.verify(shop, value) !== null;
  }

  storefrontTokens(shop: string): StorefrontTokenService {
    const tokens = this.storefront.get(shop) ?? new Map<string, StorefrontTokenRecord>();
    this.storefront.set(shop, tokens);
    return {
      create: (title, scopes) => {
        const record: StorefrontTokenRecord = {
          id: `gid://shopify/StorefrontAccessToken/${this.nextStorefrontId++}`,
          accessToken: randomBytes(16).toString("hex"),
          title,
          scopes,
          createdAt: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
        };
        tokens.set(record.id, record);
        return record;
      },
      remove: (id) => tokens.delete(id),
      list: () => [...tokens.values()],
    };
  }
}
