/**
 * The client's projection of a shop's bucket with requests in flight: a request waiting for
 * points wakes when one in flight ends (its reservation of the requested cost gives way to the
 * actual cost Shopify charged), not only at the projected refill.
 */
import { describe, expect, it } from "vitest";
import type { Clock } from "~/shopify/clock";
import { CostLimiter } from "~/shopify/cost-limiter";

/** Time moves only when the test says so; sleeps end then, or when their signal aborts. */
class ManualClock implements Clock {
  private time = 0;
  private sleepers: { until: number; wake: () => void }[] = [];
  slept: number[] = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.slept.push(ms);
    return new Promise((resolve) => {
      const entry = { until: this.time + ms, wake: resolve };
      this.sleepers.push(entry);
      signal?.addEventListener("abort", () => resolve(), { once: true });
    });
  }
  advance(ms: number): void {
    this.time += ms;
    for (const s of this.sleepers.filter((x) => x.until <= this.time)) s.wake();
    this.sleepers = this.sleepers.filter((x) => x.until > this.time);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const FULL = { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 };

describe("CostLimiter", () => {
  it("a waiting request goes as soon as a request in flight ends cheaper than reserved", async () => {
    const clock = new ManualClock();
    const limiter = new CostLimiter(clock);
    // Learn the bucket from a first response.
    (await limiter.acquire(10)).release(FULL);
    // Two unknown documents reserve the single-query ceiling each: the bucket is spoken for.
    const a = await limiter.acquire(1000);
    const b = await limiter.acquire(1000);
    let granted = false;
    const c = limiter.acquire(900).then((r) => {
      granted = true;
      return r;
    });
    await tick();
    expect(granted).toBe(false);
    // `a` comes back having cost 15 points: 1985 available, 1000 of them still reserved by `b`.
    a.release({ ...FULL, currentlyAvailable: 1985 });
    await c;
    expect(granted).toBe(true);
    // No time passed: it did not sit out the 10 s refill the projection would have asked for.
    expect(clock.now()).toBe(0);
    b.release({ ...FULL, currentlyAvailable: 1970 });
    (await c).release(FULL);
  });

  it("with nothing in flight, waits for the refill", async () => {
    const clock = new ManualClock();
    const limiter = new CostLimiter(clock);
    (await limiter.acquire(10)).release({ ...FULL, currentlyAvailable: 100 });
    let granted = false;
    const next = limiter.acquire(600).then((r) => {
      granted = true;
      return r;
    });
    await tick();
    expect(granted).toBe(false);
    expect(clock.slept).toEqual([5000]);
    clock.advance(5000);
    (await next).release(FULL);
    expect(granted).toBe(true);
  });
});
