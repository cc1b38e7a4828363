/**
 * The funnel from the pixel's events: roll-up into CheckoutFunnelDay (idempotent: days are
 * replaced, never added to) and the funnel-drop detector over the rolled-up days.
 */
import type { Finding } from "~/domain/audit/types";
import {
  addDays,
  dayIn,
  isFunnelStep,
  rollUpEvents,
  startOfDay,
  type FunnelDayCount,
  type FunnelEvent,
} from "~/domain/checkout/funnel";
import {
  BASELINE_DAYS,
  CURRENT_DAYS,
  DEFAULT_FUNNEL_DETECTOR,
  funnelDropFindings,
  funnelVerdicts,
  type FunnelDetectorOptions,
  type StepVerdict,
} from "~/domain/checkout/funnel-detector";
import { checkoutEventsBetween, countCheckoutEvents } from "~/models/checkout-events.server";
import { funnelDaysBetween, replaceFunnelDays } from "~/models/checkout-funnel.server";

/** Days the detector reads: the current week and the four before it. */
export const FUNNEL_WINDOW_DAYS = CURRENT_DAYS + BASELINE_DAYS;

/** Rolls up the shop-local days from `from` to `to` (inclusive) from the stored events. */
export async function rollUpFunnel(
  shop: string,
  timeZone: string,
  from: string,
  to: string,
): Promise<FunnelDayCount[]> {
  const rows = await checkoutEventsBetween(
    shop,
    startOfDay(timeZone, from),
    startOfDay(timeZone, addDays(to, 1)),
  );
  const events: FunnelEvent[] = rows.flatMap((r) =>
    isFunnelStep(r.name)
      ? [
          {
            name: r.name,
            occurredAt: r.occurredAt,
            checkoutTokenHash: r.checkoutTokenHash,
            countryCode: r.countryCode,
          },
        ]
      : [],
  );
  const counts = rollUpEvents(events, timeZone);
  await replaceFunnelDays(shop, from, to, counts);
  return counts;
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
  if (eventCount > 0) await rollUpFunnel(shop, timeZone, rollFrom < from ? from : rollFrom, today);
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
