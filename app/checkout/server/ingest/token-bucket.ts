/**
 * Token buckets per key (per shop): `capacity` tokens, refilled continuously at `refillPerSecond`.
 * Taking n tokens either succeeds or says how long until n would be there (Retry-After).
 * Buckets that have refilled completely hold no information and are forgotten, so memory is
 * bounded by the shops that are active right now.
 */
export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
  now?: () => number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

const SWEEP_EVERY = 1024;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private takes = 0;

  constructor(private readonly options: TokenBucketOptions) {
    if (options.capacity <= 0 || options.refillPerSecond <= 0)
      throw new RangeError("a token bucket needs a positive capacity and refill rate");
    this.now = options.now ?? Date.now;
  }

  take(key: string, n = 1): Take {
    const now = this.now();
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(now);
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens >= n) {
      this.buckets.set(key, { tokens: bucket.tokens - n, at: now });
      return { ok: true };
    }
    this.buckets.set(key, bucket);
    const wait =
      (Math.min(n, this.options.capacity) - bucket.tokens) / this.options.refillPerSecond;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }

  /** Forgets a key's bucket (its shop was deleted). */
  forget(key: string): void {
    this.buckets.delete(key);
  }

  /** Keys with a bucket that is not full (for tests and diagnostics). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (bucket === undefined) return { tokens: this.options.capacity, at: now };
    const tokens = Math.min(
      this.options.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.options.refillPerSecond,
    );
    return { tokens, at: now };
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets)
      if (this.refilled(bucket, now).tokens >= this.options.capacity) this.buckets.delete(key);
  }
}
