/**
 * The funnel-drop detector: flags a funnel step whose conversion (checkouts reaching the step
 * over checkouts reaching the step before) fell more than a configurable share below its
 * trailing four-week baseline.
 *
 * Windows, in shop-local days before `today` (today itself is incomplete and left out):
 * the **current week** is the last 7 days, the **baseline** the 28 days before them. Both rates
 * are ratios of sums, so a day without events weighs nothing rather than pulling a rate to 0.
 * No seasonality model: a week is compared with the four before it, which is what a manager
 * would do by eye.
 *
 * Low volume gives no verdict: with a handful of checkouts a week, one abandoned cart swings
 * a rate by tens of percent. A step needs `minCurrent` checkouts at its previous step this week
 * and `minBaseline` over the baseline (defaults 30 and 100), and a baseline rate above 0.
 * Verdicts are given for all countries together and per country.
 */
import { findingKey } from "~/findings/finding-key";
import type { Finding, RuleDefinition } from "~/findings/types";
import type { CheckoutCategory } from "./categories";
import {
  FUNNEL_STEPS,
  STEP_LABELS,
  UNKNOWN_COUNTRY,
  addDays,
  stepTotals,
  type FunnelDayCount,
  type FunnelStep,
} from "./funnel";
import { ADMIN_PAGES, adminPageUrl } from "./links";
import { FUNNEL_DROP_RULE_ID } from "./rule-ids";
import { countryName } from "./rule-model";

export const funnelDropRule: RuleDefinition & {
  id: typeof FUNNEL_DROP_RULE_ID;
  category: CheckoutCategory;
  target: "funnel step";
} = {
  id: FUNNEL_DROP_RULE_ID,
  category: "funnel",
  severity: "warning",
  title: "Fewer customers get past a checkout step",
  why: "A step that suddenly lets fewer customers through is where orders are being lost right now: a broken shipping rate, a payment method that stopped working, a new checkout app or a validation error.",
  fix: "Go through checkout yourself as a customer in the country named, up to the step named, and look at what changed recently: shipping rates, payment providers, checkout apps and settings (Settings → Checkout).",
  target: "funnel step",
};

export interface FunnelDetectorOptions {
  /** The relative fall below the baseline that is flagged: 0.25 = 25 %. */
  dropShare: number;
  /** Checkouts at the previous step in the current week needed for a verdict. */
  minCurrent: number;
  /** Checkouts at the previous step over the baseline needed for a verdict. */
  minBaseline: number;
}

export const DEFAULT_FUNNEL_DETECTOR: FunnelDetectorOptions = {
  dropShare: 0.25,
  minCurrent: 30,
  minBaseline: 100,
};

export const CURRENT_DAYS = 7;
export const BASELINE_DAYS = 28;

export interface Conversion {
  /** Checkouts at the previous step. */
  from: number;
  /** Checkouts at this step. */
  to: number;
  /** to / from; null when from is 0. */
  rate: number | null;
}

export interface StepVerdict {
  /** A country code, or "ALL" for every country together. */
  scope: string;
  step: FunnelStep;
  previous: FunnelStep;
  current: Conversion;
  baseline: Conversion;
  /** Relative change of the rate (−0.4 = 40 % lower); null without both rates. */
  change: number | null;
  verdict: "drop" | "ok" | "low-volume";
}

export const ALL_COUNTRIES = "ALL";

const FIX_PAGE: Record<FunnelStep, string> = {
  checkout_started: ADMIN_PAGES.checkout,
  checkout_contact_info_submitted: ADMIN_PAGES.checkout,
  checkout_address_info_submitted: ADMIN_PAGES.checkout,
  checkout_shipping_info_submitted: ADMIN_PAGES.shipping,
  payment_info_submitted: ADMIN_PAGES.payments,
  checkout_completed: ADMIN_PAGES.payments,
};

function conversion(totals: Record<FunnelStep, number>, previous: FunnelStep, step: FunnelStep) {
  const from = totals[previous];
  const to = totals[step];
  return { from, to, rate: from === 0 ? null : to / from };
}

/** The window days: current = [today − 7, today − 1], baseline = the 28 days before. */
export function detectorWindows(today: string) {
  return {
    current: { from: addDays(today, -CURRENT_DAYS), to: addDays(today, -1) },
    baseline: {
      from: addDays(today, -CURRENT_DAYS - BASELINE_DAYS),
      to: addDays(today, -CURRENT_DAYS - 1),
    },
  };
}

export function funnelVerdicts(
  days: readonly FunnelDayCount[],
  today: string,
  options: FunnelDetectorOptions = DEFAULT_FUNNEL_DETECTOR,
): StepVerdict[] {
  const windows = detectorWindows(today);
  const inWindow = (d: FunnelDayCount, w: { from: string; to: string }) =>
    d.day >= w.from && d.day <= w.to;
  const relevant = days.filter(
    (d) => d.day >= windows.baseline.from && d.day <= windows.current.to,
  );
  const countries = [...new Set(relevant.map((d) => d.countryCode))]
    .filter((c) => c !== UNKNOWN_COUNTRY)
    .sort();
  const verdicts: StepVerdict[] = [];
  for (const scope of [ALL_COUNTRIES, ...countries]) {
    const ofScope = (d: FunnelDayCount) => scope === ALL_COUNTRIES || d.countryCode === scope;
    const current = stepTotals(relevant, (d) => ofScope(d) && inWindow(d, windows.current));
    const baseline = stepTotals(relevant, (d) => ofScope(d) && inWindow(d, windows.baseline));
    for (let i = 1; i < FUNNEL_STEPS.length; i++) {
      const previous = FUNNEL_STEPS[i - 1] as FunnelStep;
      const step = FUNNEL_STEPS[i] as FunnelStep;
      const now = conversion(current, previous, step);
      const before = conversion(baseline, previous, step);
      const change =
        now.rate === null || before.rate === null || before.rate === 0
          ? null
          : now.rate / before.rate - 1;
      const enough =
        now.from >= options.minCurrent && before.from >= options.minBaseline && change !== null;
      verdicts.push({
        scope,
        step,
        previous,
        current: now,
        baseline: before,
        change,
        verdict: !enough ? "low-volume" : change < -options.dropShare ? "drop" : "ok",
      });
    }
  }
  return verdicts;
}

const percent = (rate: number) => `${Math.round(rate * 100)} %`;

export function funnelDropFindings(
  shopDomain: string,
  verdicts: readonly StepVerdict[],
): Finding[] {
  return verdicts
    .filter((v) => v.verdict === "drop")
    .map((v) => {
      const where = v.scope === ALL_COUNTRIES ? "All countries" : countryName(v.scope);
      const id = `funnel:${v.scope}:${v.step}`;
      const nowRate = v.current.rate ?? 0;
      const baseRate = v.baseline.rate ?? 0;
      return {
        key: findingKey(funnelDropRule.id, id),
        ruleId: funnelDropRule.id,
        severity: funnelDropRule.severity,
        category: funnelDropRule.category,
        resource: { type: "market", id, title: `${where} · ${STEP_LABELS[v.step]}` },
        message:
          `${v.scope === ALL_COUNTRIES ? "Over all countries" : `In ${where}`}, ${percent(nowRate)} of the checkouts that reached ` +
          `${STEP_LABELS[v.previous]} went on to ${STEP_LABELS[v.step]} in the last 7 days ` +
          `(${v.current.to} of ${v.current.from}), against ${percent(baseRate)} over the 4 weeks before: ` +
          `${Math.round(-(v.change ?? 0) * 100)} % fewer.`,
        details: {
          scope: v.scope,
          step: v.step,
          previous: v.previous,
          current: { ...v.current },
          baseline: { ...v.baseline },
          change: v.change,
        },
        fixUrl: adminPageUrl(shopDomain, FIX_PAGE[v.step]),
      };
    });
}
