/**
 * The funnel from the pixel's events: roll-up into CheckoutFunnelDay (idempotent: days are
 * replaced, never added to) and the funnel-drop detector over the rolled-up days.
 *
 * The roll-up goes a day at a time and reads each day's events in pages (ROLL_UP_PAGE), so memory
 * is bounded by one day's distinct checkouts, never by the window's events. Raw events are kept
 * CHECKOUT_EVENT_RETENTION_DAYS (maintenance.cleanup deletes older ones); a day older than that is
 * never rolled up again, so its stored counts survive the deletion of its events.
 */
import type { Finding } from "~/findings/types";
import {
  addDays,
  dayIn,
  FunnelRollUp,
  isFunnelStep,
  startOfDay,
  type FunnelDayCount,
} from "~/checkout/domain/funnel";
import {
  BASELINE_DAYS,
  CURRENT_DAYS,
  DEFAULT_FUNNEL_DETECTOR,
  funnelDropFindings,
  funnelVerdicts,
  type FunnelDetectorOptions,
  type StepVerdict,
} from "~/checkout/domain/funnel-detector";
import { env } from "~/env.server";
import { checkoutEventsPage, countCheckoutEvents } from "~/checkout/models/checkout-events.server";
import { funnelDaysBetween, replaceFunnelDays } from "~/checkout/models/checkout-funnel.server";

/** Days the detector reads: the current week and the four before it. */
export const FUNNEL_WINDOW_DAYS = CURRENT_DAYS + BASELINE_DAYS;

/** Events read per query while rolling up. */
export const ROLL_UP_PAGE = 2000;

/**
 * The first shop-local day whose events are all still kept: days before it lost (some of) their
 * raw events to retention and keep the counts rolled up while they were complete.
 */
export function firstCompleteDay(timeZone: string, now: Date, retentionDays: number): string {
  return addDays(dayIn(timeZone, new Date(now.getTime() - retentionDays * 86_400_000)), 1);
}

/**
 * Rolls up the shop-local days from `from` to `to` (inclusive) from the stored events, a day at a
 * time and `pageSize` events per read; days before the retention horizon are left as they are.
 */
export async function rollUpFunnel(
  shop: string,
  timeZone: string,
  from: string,
  to: string,
  options: { now?: Date; pageSize?: number; retentionDays?: number } = {},
): Promise<FunnelDayCount[]> {
  const pageSize = options.pageSize ?? ROLL_UP_PAGE;
  const horizon = firstCompleteDay(
    timeZone,
    options.now ?? new Date(),
    options.retentionDays ?? env().retention.checkoutEventDays,
  );
  const all: FunnelDayCount[] = [];
  for (let day = from < horizon ? horizon : from; day <= to; day = addDays(day, 1)) {
    const rollUp = new FunnelRollUp(timeZone);
    const start = startOfDay(timeZone, day);
    const end = startOfDay(timeZone, addDays(day, 1));
    let after: string | null = null;
    for (;;) {
      const page = await checkoutEventsPage(shop, start, end, after, pageSize);
      for (const r of page)
        if (isFunnelStep(r.name))
          rollUp.add({
            name: r.name,
            occurredAt: r.occurredAt,
            checkoutTokenHash: r.checkoutTokenHash,
            countryCode: r.countryCode,
          });
      if (page.length < pageSize) break;
      after = page[page.length - 1]?.id ?? null;
    }
    const counts = rollUp.counts();
    await replaceFunnelDays(shop, day, day, counts);
    all.push(...counts);
  }
  return all;
}

export interface FunnelState {
  /** Shop-local today; windows end the day before. */
  today: string;
  /** Days of the detector's window (today excluded), rolled up. */
  days: FunnelDayCount[];
  verdicts: StepVerdict[];
  /** Events the pixel ever delivered for the shop. */
  eventCount: number;
}

/**
 * Rolls up the detector's window (plus today, for the chart) and judges it. `rollUpDays` limits
 * the roll-up to the most recent days when the older ones are known to be rolled up already
 * (the page refreshes the last two days on every view).
 */
export async function funnelState(
  shop: string,
  timeZone: string,
  now: Date,
  options: { rollUpDays?: number; detector?: FunnelDetectorOptions } = {},
): Promise<FunnelState> {
  const today = dayIn(timeZone, now);
  const from = addDays(today, -FUNNEL_WINDOW_DAYS);
  const rollFrom =
    options.rollUpDays === undefined ? from : addDays(today, -(options.rollUpDays - 1));
  const eventCount = await countCheckoutEvents(shop);
  if (eventCount > 0)
    await rollUpFunnel(shop, timeZone, rollFrom < from ? from : rollFrom, today, { now });
  const days = await funnelDaysBetween(shop, from, addDays(today, -1));
  return {
    today,
    days,
    verdicts: funnelVerdicts(days, today, options.detector ?? DEFAULT_FUNNEL_DETECTOR),
    eventCount,
  };
}

export function funnelFindings(shop: string, state: FunnelState): Finding[] {
  return funnelDropFindings(shop, state.verdicts);
}
