/** The funnel roll-up (events → distinct checkouts per shop-local day, country and step) and the detector. */
import { describe, expect, it } from "vitest";
import {
  FUNNEL_STEPS,
  addDays,
  dayIn,
  rollUpEvents,
  startOfDay,
  type FunnelDayCount,
  type FunnelEvent,
  type FunnelStep,
} from "~/checkout/domain/funnel";
import {
  DEFAULT_FUNNEL_DETECTOR,
  detectorWindows,
  funnelDropFindings,
  funnelVerdicts,
} from "~/checkout/domain/funnel-detector";

const CPH = "Europe/Copenhagen";

const event = (
  name: FunnelStep,
  at: string,
  token: string,
  countryCode: string | null = "DK",
): FunnelEvent => ({
  name,
  occurredAt: new Date(at),
  checkoutTokenHash: token,
  countryCode,
});

describe("shop-local days", () => {
  it("puts an event in the shop's calendar day, across midnight and DST", () => {
    expect(dayIn(CPH, new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-29");
    expect(dayIn("America/New_York", new Date("2026-03-29T03:30:00Z"))).toBe("2026-03-28");
    expect(startOfDay(CPH, "2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDay(CPH, "2026-03-30").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDay(CPH, "2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(addDays("2026-02-27", 3)).toBe("2026-03-02");
  });
});

describe("rollUpEvents", () => {
  it("counts distinct checkouts per day, country and step, in funnel order", () => {
    const counts = rollUpEvents(
      [
        event("checkout_started", "2026-03-01T10:00:00Z", "a"),
        event("checkout_started", "2026-03-01T10:05:00Z", "a"), // re-entered checkout
        event("checkout_started", "2026-03-01T11:00:00Z", "b"),
        event("checkout_completed", "2026-03-01T11:10:00Z", "b"),
        event("checkout_started", "2026-03-01T23:30:00Z", "c"), // already 2 March in Copenhagen
        event("checkout_started", "2026-03-01T12:00:00Z", "d", "SE"),
        event("checkout_started", "2026-03-01T12:00:00Z", "e", null),
      ],
      CPH,
    );
    expect(counts).toEqual<FunnelDayCount[]>([
      { day: "2026-03-01", countryCode: "DK", step: "checkout_started", count: 2 },
      { day: "2026-03-01", countryCode: "DK", step: "checkout_completed", count: 1 },
      { day: "2026-03-01", countryCode: "SE", step: "checkout_started", count: 1 },
      { day: "2026-03-01", countryCode: "ZZ", step: "checkout_started", count: 1 },
      { day: "2026-03-02", countryCode: "DK", step: "checkout_started", count: 1 },
    ]);
  });

  it("gives the same counts when rolled up again (idempotent)", () => {
    const events = [event("checkout_started", "2026-03-01T10:00:00Z", "a")];
    expect(rollUpEvents(events, CPH)).toEqual(rollUpEvents([...events, ...events], CPH));
  });
});

/**
 * Seasonality-free synthetic funnel: `started` checkouts a day in every country, each step
 * keeping a fixed share of the previous one; `changes` override a step's share on the days
 * given.
 */
function syntheticDays(opts: {
  today: string;
  days: number;
  started: number;
  shares?: Partial<Record<FunnelStep, number>>;
  change?: { step: FunnelStep; share: number; fromDaysAgo: number };
  country?: string;
}): FunnelDayCount[] {
  const shares: Record<FunnelStep, number> = {
    checkout_started: 1,
    checkout_contact_info_submitted: 0.8,
    checkout_address_info_submitted: 0.9,
    checkout_shipping_info_submitted: 0.9,
    payment_info_submitted: 0.8,
    checkout_completed: 0.9,
    ...opts.shares,
  };
  const out: FunnelDayCount[] = [];
  for (let ago = opts.days; ago >= 1; ago--) {
    const day = addDays(opts.today, -ago);
    let count = opts.started;
    for (const step of FUNNEL_STEPS) {
      const share =
        opts.change && opts.change.step === step && ago <= opts.change.fromDaysAgo
          ? opts.change.share
          : shares[step];
      count = Math.round(count * share);
      out.push({ day, countryCode: opts.country ?? "DK", step, count });
    }
  }
  return out;
}

const TODAY = "2026-06-15";

describe("the funnel-drop detector", () => {
  it("uses the last 7 days against the 28 before them", () => {
    expect(detectorWindows(TODAY)).toEqual({
      current: { from: "2026-06-08", to: "2026-06-14" },
      baseline: { from: "2026-05-11", to: "2026-06-07" },
    });
  });

  it("flags a step whose conversion fell more than 25 % below its baseline", () => {
    const days = syntheticDays({
      today: TODAY,
      days: 35,
      started: 40,
      change: { step: "payment_info_submitted", share: 0.4, fromDaysAgo: 7 },
    });
    const verdicts = funnelVerdicts(days, TODAY);
    const drops = verdicts.filter((v) => v.verdict === "drop");
    expect(drops.map((d) => [d.scope, d.step])).toEqual([
      ["ALL", "payment_info_submitted"],
      ["DK", "payment_info_submitted"],
    ]);
    expect(drops[0]?.change).toBeCloseTo(-0.5, 1);
    const findings = funnelDropFindings("shop.myshopify.com", verdicts);
    expect(findings.map((f) => f.key)).toEqual([
      "checkout.funnel-drop:funnel:ALL:payment_info_submitted",
      "checkout.funnel-drop:funnel:DK:payment_info_submitted",
    ]);
    // 26 checkouts a day reach the shipping step; 10 (rounded from 40 %) go on, against 21 before.
    expect(findings[1]?.message).toBe(
      "In Denmark, 38 % of the checkouts that reached Shipping method went on to Payment info in the last 7 days (70 of 182), against 81 % over the 4 weeks before: 52 % fewer.",
    );
    expect(findings[1]?.fixUrl).toBe("https://admin.shopify.com/store/shop/settings/payments");
  });

  it("does not flag a fall within the allowed share, or steady conversion", () => {
    const steady = syntheticDays({ today: TODAY, days: 35, started: 40 });
    expect(funnelVerdicts(steady, TODAY).every((v) => v.verdict === "ok")).toBe(true);
    const mild = syntheticDays({
      today: TODAY,
      days: 35,
      started: 40,
      change: { step: "checkout_completed", share: 0.72, fromDaysAgo: 7 }, // 0.9 → 0.72: −20 %
    });
    expect(funnelVerdicts(mild, TODAY).filter((v) => v.verdict === "drop")).toEqual([]);
    expect(
      funnelVerdicts(mild, TODAY, { ...DEFAULT_FUNNEL_DETECTOR, dropShare: 0.15 }).filter(
        (v) => v.verdict === "drop",
      ),
    ).toHaveLength(2);
  });

  it("gives no verdict on low volume, or without a baseline", () => {
    const few = syntheticDays({
      today: TODAY,
      days: 35,
      started: 3,
      change: { step: "checkout_completed", share: 0, fromDaysAgo: 7 },
    });
    expect(funnelVerdicts(few, TODAY).every((v) => v.verdict === "low-volume")).toBe(true);
    const newPixel = syntheticDays({ today: TODAY, days: 7, started: 50 });
    expect(funnelVerdicts(newPixel, TODAY).every((v) => v.verdict === "low-volume")).toBe(true);
    expect(funnelVerdicts([], TODAY).every((v) => v.verdict === "low-volume")).toBe(true);
  });

  it("judges each country on its own volume", () => {
    const days = [
      ...syntheticDays({ today: TODAY, days: 35, started: 40, country: "DK" }),
      ...syntheticDays({
        today: TODAY,
        days: 35,
        started: 2,
        country: "SE",
        change: { step: "checkout_completed", share: 0, fromDaysAgo: 7 },
      }),
    ];
    const verdicts = funnelVerdicts(days, TODAY);
    expect(new Set(verdicts.filter((v) => v.scope === "SE").map((v) => v.verdict))).toEqual(
      new Set(["low-volume"]),
    );
    expect(verdicts.filter((v) => v.verdict === "drop")).toEqual([]);
  });
});
