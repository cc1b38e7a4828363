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

/**
 * Sleeping moves virtual time on, then yields to real time so the stand-in's server can answer.
 * A sleep that a real event may cut short (`signal`: the limiter waiting for the refill or for a
 * request in flight to end) first gives that event a moment of real time; cut short, it moves
 * virtual time on by nothing, as the wait would have on Shopify.
 */
export class TestClock implements Clock {
  constructor(readonly virtual: VirtualClock) {}
  now(): number {
    return this.virtual.now();
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal) {
      const cut = await new Promise<boolean>((resolve) => {
        if (signal.aborted) return resolve(true);
        const timer = setTimeout(() => resolve(false), Math.min(ms, CUT_SHORT_REAL_MS));
        signal.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            resolve(true);
          },
          { once: true },
        );
      });
      if (cut) return;
    }
    this.virtual.advance(Math.max(0, ms));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Real time a cancellable virtual sleep waits for its cancellation. */
const CUT_SHORT_REAL_MS = 250;

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
