/**
 * Time as the Shopify layer sees it. Injected so tests can run a crawl that takes an hour of
 * Shopify rate limiting in seconds: the stand-in's virtual clock advances when the client sleeps.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
