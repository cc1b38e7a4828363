import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  effectiveTimeZone,
  latestMonthlySlot,
  latestWeeklySlot,
  nextMonthlySlot,
  nextWeeklySlot,
  slotRunId,
  dailyRunId,
} from "~/time/slots";
import { instantOfLocalHour, offsetMinutes, wallTime as zonedParts } from "~/time";

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const ZONES = ["Europe/Copenhagen", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"];

describe("weekly slot", () => {
  const copenhagen = { weekday: 1, hour: 6, timeZone: "Europe/Copenhagen" };

  it("is Monday 06:00 in the shop's time zone", () => {
    const now = at("2026-01-07T12:00:00Z"); // a Wednesday
    expect(latestWeeklySlot(copenhagen, now)).toEqual({
      local: "2026-01-05T06",
      at: at("2026-01-05T05:00:00Z"),
    });
    expect(nextWeeklySlot(copenhagen, now)).toEqual({
      local: "2026-01-12T06",
      at: at("2026-01-12T05:00:00Z"),
    });
  });

  it("counts the slot's own instant as due, and the next one from then on", () => {
    const slot = at("2026-01-05T05:00:00Z");
    expect(latestWeeklySlot(copenhagen, slot).at).toEqual(slot);
    expect(latestWeeklySlot(copenhagen, new Date(slot.getTime() - 1)).local).toBe("2025-12-29T06");
    expect(nextWeeklySlot(copenhagen, slot).local).toBe("2026-01-12T06");
  });

  it("keeps the configured hour in a Pacific zone (UTC-8/-7) and in a +13 zone across the date line", () => {
    // Los Angeles, Monday 06:00: 14:00 UTC in winter (PST), 13:00 UTC in summer (PDT).
    const la = { weekday: 1, hour: 6, timeZone: "America/Los_Angeles" };
    expect(latestWeeklySlot(la, at("2026-01-07T00:00:00Z"))).toEqual({
      local: "2026-01-05T06",
      at: at("2026-01-05T14:00:00Z"),
    });
    expect(latestWeeklySlot(la, at("2026-07-08T00:00:00Z"))).toEqual({
      local: "2026-07-06T06",
      at: at("2026-07-06T13:00:00Z"),
    });
    // Tonga (UTC+13, no DST): Monday 06:00 local is still Sunday 17:00 UTC.
    const tonga = { weekday: 1, hour: 6, timeZone: "Pacific/Tongatapu" };
    expect(latestWeeklySlot(tonga, at("2026-01-04T17:00:00Z"))).toEqual({
      local: "2026-01-05T06",
      at: at("2026-01-04T17:00:00Z"),
    });
    expect(latestWeeklySlot(tonga, at("2026-01-04T16:59:59Z")).local).toBe("2025-12-29T06");
    // Auckland is +13 in its summer (January) and +12 in winter (July): 06:00 local both times.
    const auckland = { weekday: 1, hour: 6, timeZone: "Pacific/Auckland" };
    expect(nextWeeklySlot(auckland, at("2026-01-01T00:00:00Z")).at).toEqual(
      at("2026-01-04T17:00:00Z"),
    );
    expect(nextWeeklySlot(auckland, at("2026-07-01T00:00:00Z")).at).toEqual(
      at("2026-07-05T18:00:00Z"),
    );
  });

  it("runs at the configured hour in Copenhagen in the weeks of both DST changes", () => {
    const sunday3 = { weekday: 7, hour: 3, timeZone: "Europe/Copenhagen" };
    // Spring forward (Sun 2026-03-29, 02:00 → 03:00): 03:00 CEST = 01:00 UTC, a week after 02:00 UTC.
    expect(latestWeeklySlot(sunday3, at("2026-03-22T12:00:00Z")).at).toEqual(
      at("2026-03-22T02:00:00Z"),
    );
    expect(latestWeeklySlot(sunday3, at("2026-03-29T12:00:00Z"))).toEqual({
      local: "2026-03-29T03",
      at: at("2026-03-29T01:00:00Z"),
    });
    // Fall back (Sun 2026-10-25, 03:00 → 02:00): 03:00 CET = 02:00 UTC, 169 hours after the last.
    const before = latestWeeklySlot(sunday3, at("2026-10-20T00:00:00Z"));
    const after = latestWeeklySlot(sunday3, at("2026-10-25T12:00:00Z"));
    expect(before.at).toEqual(at("2026-10-18T01:00:00Z"));
    expect(after).toEqual({ local: "2026-10-25T03", at: at("2026-10-25T02:00:00Z") });
    expect(after.at.getTime() - before.at.getTime()).toBe(169 * HOUR);
  });

  it("keeps 06:00 local across the change to summer time (a week of 167 hours)", () => {
    const before = latestWeeklySlot(copenhagen, at("2026-03-25T00:00:00Z"));
    const after = nextWeeklySlot(copenhagen, at("2026-03-25T00:00:00Z"));
    expect(before).toEqual({ local: "2026-03-23T06", at: at("2026-03-23T05:00:00Z") });
    expect(after).toEqual({ local: "2026-03-30T06", at: at("2026-03-30T04:00:00Z") });
    expect(after.at.getTime() - before.at.getTime()).toBe(167 * HOUR);
  });

  it("uses Kolkata's half-hour offset, and UTC as it is", () => {
    expect(
      latestWeeklySlot(
        { weekday: 1, hour: 6, timeZone: "Asia/Kolkata" },
        at("2026-01-06T00:00:00Z"),
      ),
    ).toEqual({
      local: "2026-01-05T06",
      at: at("2026-01-05T00:30:00Z"),
    });
    expect(
      nextWeeklySlot({ weekday: 7, hour: 23, timeZone: "UTC" }, at("2026-01-05T00:00:00Z")),
    ).toEqual({
      local: "2026-01-11T23",
      at: at("2026-01-11T23:00:00Z"),
    });
  });

  it("schedules an unknown time zone in UTC", () => {
    expect(effectiveTimeZone("Mars/Olympus_Mons")).toBe("UTC");
    expect(
      latestWeeklySlot(
        { weekday: 1, hour: 6, timeZone: "Mars/Olympus_Mons" },
        at("2026-01-07T00:00:00Z"),
      ).at,
    ).toEqual(at("2026-01-05T06:00:00Z"));
  });

  it("refuses a weekday or hour out of range", () => {
    expect(() => latestWeeklySlot({ weekday: 0, hour: 6, timeZone: "UTC" }, new Date())).toThrow(
      RangeError,
    );
    expect(() => nextWeeklySlot({ weekday: 1, hour: 24, timeZone: "UTC" }, new Date())).toThrow(
      RangeError,
    );
  });
});

describe("DST: an hour that does not exist runs when the clocks jump; an hour that exists twice runs once, at its first occurrence", () => {
  it.each([
    // zone, Sunday, hour, expected instant (the jump: local shows the hour after)
    ["Europe/Copenhagen", "2026-03-29", 2, "2026-03-29T01:00:00Z"],
    ["America/New_York", "2026-03-08", 2, "2026-03-08T07:00:00Z"],
    ["Australia/Sydney", "2026-10-04", 2, "2026-10-03T16:00:00Z"],
  ])("spring forward in %s: %s %i:00 does not exist", (timeZone, date, hour, expected) => {
    const slot = latestWeeklySlot({ weekday: 7, hour, timeZone }, at("2026-12-31T00:00:00Z"));
    const sunday = nextWeeklySlot(
      { weekday: 7, hour, timeZone },
      new Date(at(expected).getTime() - 3 * 86_400_000),
    );
    expect(sunday).toEqual({ local: `${date}T0${hour}`, at: at(expected) });
    const local = zonedParts(sunday.at, timeZone);
    expect(local.hour).toBe(hour + 1);
    expect(slot.local.endsWith(`T0${hour}`)).toBe(true);
  });

  it.each([
    // zone, Sunday, hour, first occurrence, second occurrence
    ["Europe/Copenhagen", "2026-10-25", 2, "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z"],
    ["America/New_York", "2026-11-01", 1, "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z"],
    ["Australia/Sydney", "2026-04-05", 2, "2026-04-04T15:00:00Z", "2026-04-04T16:00:00Z"],
  ])("fall back in %s: %s %i:00 happens twice", (timeZone, date, hour, first, second) => {
    const schedule = { weekday: 7, hour, timeZone };
    // Both instants show that local hour…
    expect(zonedParts(at(first), timeZone).hour).toBe(hour);
    expect(zonedParts(at(second), timeZone).hour).toBe(hour);
    // …but there is one slot, at the first, and it is still the latest slot during the second.
    const slot = { local: `${date}T0${hour}`, at: at(first) };
    expect(nextWeeklySlot(schedule, new Date(at(first).getTime() - 1))).toEqual(slot);
    expect(latestWeeklySlot(schedule, at(first))).toEqual(slot);
    expect(latestWeeklySlot(schedule, new Date(at(second).getTime() + 30 * 60_000))).toEqual(slot);
    expect(nextWeeklySlot(schedule, at(second)).local).not.toBe(slot.local);
  });

  it("computes the instant of a local hour in every zone on ordinary days", () => {
    expect(instantOfLocalHour({ year: 2026, month: 7, day: 1 }, 6, "Europe/Copenhagen")).toEqual(
      at("2026-07-01T04:00:00Z"),
    );
    expect(instantOfLocalHour({ year: 2026, month: 7, day: 1 }, 6, "America/New_York")).toEqual(
      at("2026-07-01T10:00:00Z"),
    );
    expect(instantOfLocalHour({ year: 2026, month: 7, day: 1 }, 6, "Australia/Sydney")).toEqual(
      at("2026-06-30T20:00:00Z"),
    );
    expect(offsetMinutes(at("2026-07-01T00:00:00Z"), "Asia/Kolkata")).toBe(330);
  });

  it("holds for every zone, weekday and hour at any instant: latest ≤ now < next, a week apart (±1 h), on the configured weekday", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.date({
          min: at("2025-01-01T00:00:00Z"),
          max: at("2030-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (timeZone, weekday, hour, now) => {
          const schedule = { weekday, hour, timeZone };
          const latest = latestWeeklySlot(schedule, now);
          const next = nextWeeklySlot(schedule, now);
          expect(latest.at.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(next.at.getTime()).toBeGreaterThan(now.getTime());
          const gap = next.at.getTime() - latest.at.getTime();
          expect(gap).toBeGreaterThanOrEqual(167 * HOUR);
          expect(gap).toBeLessThanOrEqual(169 * HOUR);
          // The slot that is latest at its own instant is itself (deterministic ids).
          expect(latestWeeklySlot(schedule, latest.at)).toEqual(latest);
          const [y, m, d] = latest.local.slice(0, 10).split("-").map(Number);
          const iso = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() || 7;
          expect(iso).toBe(weekday);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("monthly report slot", () => {
  it("is the 1st of the month at the weekly hour, local", () => {
    const schedule = { hour: 6, timeZone: "Europe/Copenhagen" };
    expect(latestMonthlySlot(schedule, at("2026-01-15T00:00:00Z"))).toEqual({
      local: "2026-01-01T06",
      at: at("2026-01-01T05:00:00Z"),
    });
    expect(nextMonthlySlot(schedule, at("2026-03-15T00:00:00Z"))).toEqual({
      local: "2026-04-01T06",
      at: at("2026-04-01T04:00:00Z"),
    });
  });

  it("crosses the year, and a 1st before its hour belongs to the month before", () => {
    const schedule = { hour: 6, timeZone: "America/New_York" };
    expect(latestMonthlySlot(schedule, at("2026-01-01T10:00:00Z")).local).toBe("2025-12-01T06");
    expect(nextMonthlySlot(schedule, at("2025-12-20T00:00:00Z")).local).toBe("2026-01-01T06");
    expect(
      latestMonthlySlot({ hour: 6, timeZone: "Australia/Sydney" }, at("2026-01-01T00:00:00Z")).at,
    ).toEqual(at("2025-12-31T19:00:00Z"));
  });
});

describe("deterministic run ids", () => {
  it("names a shop's slot by job, shop and local slot", () => {
    const slot = latestWeeklySlot(
      { weekday: 1, hour: 6, timeZone: "Europe/Copenhagen" },
      at("2026-01-07T12:00:00Z"),
    );
    expect(slotRunId("audit.run-shop", "acme.myshopify.com", slot)).toBe(
      "audit.run-shop:acme.myshopify.com:2026-01-05T06",
    );
    expect(dailyRunId("maintenance.cleanup", at("2026-01-07T23:59:00Z"))).toBe(
      "maintenance.cleanup:2026-01-07",
    );
  });
});
