/**
 * The leaky bucket behind Shopify's GraphQL Admin rate limit, one per (app, shop). It refills
 * continuously at `restoreRate` points per second of the injected clock, so tests can drain it
 * and then advance virtual time instead of sleeping.
 */
export interface BucketConfig {
  maximumAvailable: number;
  restoreRate: number;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Shopify's Standard plan: 2,000-point bucket, 100 points per second. */
export const STANDARD_BUCKET: BucketConfig = { maximumAvailable: 2000, restoreRate: 100 };

export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private config: BucketConfig,
    now: number,
    currentlyAvailable: number = config.maximumAvailable,
  ) {
    this.available = Math.min(config.maximumAvailable, currentlyAvailable);
    this.updatedAt = now;
  }

  reconfigure(config: BucketConfig, now: number, currentlyAvailable?: number): void {
    this.refill(now);
    this.config = config;
    this.available = Math.min(config.maximumAvailable, currentlyAvailable ?? this.available);
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.available = Math.min(
      this.config.maximumAvailable,
      this.available + elapsedSeconds * this.config.restoreRate,
    );
    this.updatedAt = now;
  }

  /** Takes `points` if that many are available; otherwise takes nothing. */
  tryTake(points: number, now: number): boolean {
    this.refill(now);
    if (points > this.available) return false;
    this.available -= points;
    return true;
  }

  /** Gives back the difference between requested and actual cost after execution. */
  refund(points: number, now: number): void {
    this.refill(now);
    this.available = Math.min(this.config.maximumAvailable, this.available + Math.max(0, points));
  }

  status(now: number): ThrottleStatus {
    this.refill(now);
    return {
      maximumAvailable: this.config.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.config.restoreRate,
    };
  }
}
