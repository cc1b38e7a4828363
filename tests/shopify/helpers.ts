/**
 * The app's Shopify layer against the stand-in on a virtual clock: the client's sleeps advance
 * the stand-in's clock, so an hour of rate limiting passes in moments.
 */
import { AdminClient, type AdminClientOptions } from "~/shopify/admin-client.server";
import type { Clock } from "~/shopify/clock";
import { CostLimiter } from "~/shopify/cost-limiter";
import { startStandin, type Standin, type StandinOptions } from "../../standin/server";
import type { StandinStore } from "../../standin/store/types";
import { BASE_TIME } from "../standin/fixtures";
import { API_KEY, API_SECRET, VirtualClock } from "../standin/helpers";

/** Sleeping moves virtual time on, then yields to real time so the stand-in's server can answer. */
export class TestClock implements Clock {
  constructor(readonly virtual: VirtualClock) {}
  now(): number {
    return this.virtual.now();
  }
  async sleep(ms: number): Promise<void> {
    this.virtual.advance(Math.max(0, ms));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface ShopHarness {
  standin: Standin;
  clock: TestClock;
  shop: string;
  token: string;
  client(options?: AdminClientOptions): AdminClient;
  close(): Promise<void>;
}

export async function startShop(
  store: StandinStore,
  options: Partial<StandinOptions> = {},
  start = BASE_TIME,
): Promise<ShopHarness> {
  const virtual = new VirtualClock(start);
  const clock = new TestClock(virtual);
  const standin = await startStandin({
    stores: [store],
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    clock: virtual,
    ...options,
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  const shop = store.shop.myshopifyDomain;
  const { accessToken } = standin.grantOfflineToken(shop, { scopes: options.scopes });
  return {
    standin,
    clock,
    shop,
    token: accessToken,
    // Reproducible: mid-range jitter, and a bucket projection of its own per client.
    client: (opts = {}) =>
      new AdminClient(
        { shop, accessToken },
        { clock, random: () => 0.5, limiter: new CostLimiter(clock), ...opts },
      ),
    close: async () => {
      await standin.close();
      delete process.env.SHOPIFY_STANDIN_URL;
    },
  };
}
