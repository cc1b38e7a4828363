/** Everything one running stand-in holds, shared by its request handlers. */
import type { TokenStore } from "./auth/tokens";
import type { BulkManager } from "./bulk/manager";
import type { ResultStore } from "./bulk/results";
import type { LeakyBucket } from "./graphql/bucket";
import type { DocumentChecker } from "./graphql/pipeline";
import type { StandinStore } from "./store/types";
import type { CartStore } from "./storefront/cart";
import type { WebhookSender } from "./webhooks";
import type { WebPixelStore } from "./admin/web-pixels";

export interface ShopStats {
  requests: number;
  throttled: number;
  maxCostExceeded: number;
  pointsUsed: number;
}

export interface CarrierSettings {
  /** Shopify stops waiting for a carrier's rates after this (real ms). Default 10 s. */
  timeoutMs: number;
  /** A deferred `withCarrierRates` part waits this long for the carrier (real ms). Default 5 s. */
  holdMs: number;
}

export interface StandinState {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly scopes: string[];
  readonly maxQueryCost: number;
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** Keyed by myshopify domain. */
  readonly stores: Map<string, StandinStore>;
  readonly tokens: TokenStore;
  readonly bulk: BulkManager;
  readonly results: ResultStore;
  readonly carts: CartStore;
  /** Carrier-calculated rates: Shopify's read timeout and how long a deferred part waits. */
  readonly carrier: CarrierSettings;
  readonly webPixels: WebPixelStore;
  readonly webhooks: WebhookSender;
  readonly adminChecker: DocumentChecker;
  readonly storefrontChecker: DocumentChecker;
  bucket(shop: string): LeakyBucket;
  stats(shop: string): ShopStats;
}
