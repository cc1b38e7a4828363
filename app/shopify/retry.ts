/** Retry policy of the Shopify client: which failures are transient, and how long to back off. */

export interface RetryPolicy {
  /** Retries of a transient failure (5xx, 429 without cost data, network) before giving up. */
  maxRetries: number;
  /** Waits for the bucket to refill after THROTTLED before giving up. */
  maxThrottleRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  maxThrottleRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Exponential backoff with "equal jitter": half the capped delay is fixed, half random, so
 * clients that failed together do not retry together, yet every retry waits a little.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(capped / 2 + (random() * capped) / 2);
}

/** `Retry-After` in seconds (Shopify's REST style) or an HTTP date, as milliseconds from `now`. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}
