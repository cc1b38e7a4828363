/**
 * The checkout funnel: the steps the web pixel reports, and the daily roll-up of its events.
 *
 * A day's count for a step is the number of **distinct checkouts** (hashed checkout tokens)
 * that reached it that day, per country, not the number of events: Shopify fires
 * `checkout_started` every time a customer re-enters checkout, and a reload resends a step.
 * Days are calendar days in the shop's time zone. Rolling the same events up again gives the
 * same counts (the roll-up replaces days, it never adds to them).
 */
import { dayIn } from "~/time";

/** The funnel, in order. Conversion of a step is its count over the previous step's count. */
export const FUNNEL_STEPS = [
  "checkout_started",
  "checkout_contact_info_submitted",
  "checkout_address_info_submitted",
  "checkout_shipping_info_submitted",
  "payment_info_submitted",
  "checkout_completed",
] as const;

export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export const STEP_LABELS: Record<FunnelStep, string> = {
  checkout_started: "Checkout started",
  checkout_contact_info_submitted: "Contact info",
  checkout_address_info_submitted: "Address",
  checkout_shipping_info_submitted: "Shipping method",
  payment_info_submitted: "Payment info",
  checkout_completed: "Order placed",
};

export function isFunnelStep(name: string): name is FunnelStep {
  return (FUNNEL_STEPS as readonly string[]).includes(name);
}

/** Country code used for events that did not say where the buyer was. */
export const UNKNOWN_COUNTRY = "ZZ";

export interface FunnelEvent {
  name: FunnelStep;
  occurredAt: Date;
  checkoutTokenHash: string;
  countryCode: string | null;
}

export interface FunnelDayCount {
  /** YYYY-MM-DD in the shop's time zone. */
  day: string;
  countryCode: string;
  step: FunnelStep;
  count: number;
}

/** The shop's day buckets come from the one clock (app/time). */
export { addDaysToDay as addDays, dayIn, startOfDay } from "~/time";

/**
 * The roll-up, fed event by event (a page of events at a time), so the events themselves are
 * never all in memory: what it holds is the set of distinct checkouts per day, country and step.
 */
export class FunnelRollUp {
  private readonly tokens = new Map<string, Set<string>>();

  constructor(private readonly timeZone: string) {}

  add(event: FunnelEvent): void {
    const key = `${dayIn(this.timeZone, event.occurredAt)}|${event.countryCode ?? UNKNOWN_COUNTRY}|${event.name}`;
    let set = this.tokens.get(key);
    if (set === undefined) this.tokens.set(key, (set = new Set()));
    set.add(event.checkoutTokenHash);
  }

  /** Distinct checkouts per day, country and step, sorted by day, country, funnel order. */
  counts(): FunnelDayCount[] {
    const counts = [...this.tokens].map(([key, set]): FunnelDayCount => {
      const [day = "", countryCode = UNKNOWN_COUNTRY, step] = key.split("|");
      return { day, countryCode, step: step as FunnelStep, count: set.size };
    });
    return counts.sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        a.countryCode.localeCompare(b.countryCode) ||
        FUNNEL_STEPS.indexOf(a.step) - FUNNEL_STEPS.indexOf(b.step),
    );
  }
}

/** Distinct checkouts per day, country and step, sorted by day, country, funnel order. */
export function rollUpEvents(events: Iterable<FunnelEvent>, timeZone: string): FunnelDayCount[] {
  const rollUp = new FunnelRollUp(timeZone);
  for (const event of events) rollUp.add(event);
  return rollUp.counts();
}

/** Counts per step over a set of days (and countries), for charts and the detector. */
export function stepTotals(
  days: Iterable<FunnelDayCount>,
  include: (d: FunnelDayCount) => boolean = () => true,
): Record<FunnelStep, number> {
  const totals = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as Record<FunnelStep, number>;
  for (const d of days) if (include(d)) totals[d.step] += d.count;
  return totals;
}
