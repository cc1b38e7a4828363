/**
 * A per-shop projection of Shopify's leaky bucket (GraphQL Admin API rate limit), so a crawl
 * waits for points *before* sending instead of collecting THROTTLED answers.
 *
 * Every response's `extensions.cost.throttleStatus` resets the projection; between responses it
 * refills at `restoreRate` per second, capped at `maximumAvailable`. A request reserves its
 * expected cost while in flight, so concurrent requests of one shop do not all spend the same
 * projected points. Acquisitions are served first come, first served.
 *
 * A request that has to wait wakes at the projected refill, or earlier when a request in flight
 * ends: its reservation (the requested cost) is then replaced by what Shopify actually charged,
 * usually far less, so the points may be there long before the refill would bring them.
 */
import type { Clock } from "./clock";

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface Reservation {
  /** Ends the reservation; the response's throttle status (if any) becomes the new projection. */
  release(status?: ThrottleStatus | null): void;
}

export class CostLimiter {
  private status: ThrottleStatus | null = null;
  private observedAt = 0;
  private reserved = 0;
  private inFlight = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private waiters: (() => void)[] = [];
  private readonly expected = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** The last requested cost Shopify reported for a document, if it was sent before. */
  expectedCost(documentKey: string): number | undefined {
    return this.expected.get(documentKey);
  }

  recordCost(documentKey: string, requestedQueryCost: number): void {
    this.expected.set(documentKey, requestedQueryCost);
  }

  /** Projected points available now, or null before the first response of this shop. */
  projected(): number | null {
    if (!this.status) return null;
    const elapsedSeconds = Math.max(0, this.clock.now() - this.observedAt) / 1000;
    return Math.min(
      this.status.maximumAvailable,
      this.status.currentlyAvailable + elapsedSeconds * this.status.restoreRate,
    );
  }

  /** Resolves once `cost` points are projected to be free, with the points reserved. */
  acquire(cost: number): Promise<Reservation> {
    const turn = this.queue.then(() => this.waitFor(cost));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Resolves when a request in flight ends. */
  private nextRelease(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private async waitFor(cost: number): Promise<Reservation> {
    for (;;) {
      const projected = this.projected();
      if (projected === null || !this.status) {
        // Nothing known about this shop's bucket yet: let one request find out.
        if (this.inFlight === 0) break;
        await this.nextRelease();
        continue;
      }
      // A cost above the bucket's size can never be covered; Shopify then answers THROTTLED,
      // which the client reports after its bounded retries.
      const needed = Math.min(cost, this.status.maximumAvailable);
      const free = projected - this.reserved;
      if (free >= needed || this.status.restoreRate <= 0) break;
      const refill = Math.ceil(((needed - free) / this.status.restoreRate) * 1000);
      if (this.inFlight === 0) {
        await this.clock.sleep(refill);
        continue;
      }
      const stop = new AbortController();
      await Promise.race([this.clock.sleep(refill, stop.signal), this.nextRelease()]);
      stop.abort();
    }
    this.reserved += cost;
    this.inFlight++;
    let released = false;
    return {
      release: (status) => {
        if (released) return;
        released = true;
        this.reserved -= cost;
        this.inFlight--;
        if (status) {
          this.status = { ...status };
          this.observedAt = this.clock.now();
        }
        for (const wake of this.waiters.splice(0)) wake();
      },
    };
  }
}

/**
 * One limiter per shop and clock for the whole process: every client of a shop (a loader, a
 * background job) shares the shop's bucket on Shopify, so it shares the projection too.
 */
const shared = new WeakMap<Clock, Map<string, CostLimiter>>();
/** Every per-clock map (a handful: the system clock, test clocks), to forget a shop in all. */
const allByShop = new Set<Map<string, CostLimiter>>();

/** Forgets the shop's limiters (its data was deleted). */
export function forgetSharedLimiters(shop: string): void {
  for (const byShop of allByShop) byShop.delete(shop);
}

export function sharedLimiter(shop: string, clock: Clock): CostLimiter {
  let byShop = shared.get(clock);
  if (!byShop) {
    shared.set(clock, (byShop = new Map()));
    allByShop.add(byShop);
  }
  let limiter = byShop.get(shop);
  if (!limiter) byShop.set(shop, (limiter = new CostLimiter(clock)));
  return limiter;
}
