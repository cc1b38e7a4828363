/**
 * The one clock (app/time) across DST changes (Europe/Copenhagen, America/New_York) and the date
 * line (Pacific/Kiritimati UTC+14, Pacific/Pago_Pago UTC−11, Pacific/Chatham UTC+12:45/+13:45).
 * Expected instants are worked out by hand from the zones' rules.
 */
import { describe, expect, it } from "vitest";
import {
  addDaysToDay,
  dayIn,
  instantOfLocalHour,
  monthBounds,
  monthOf,
  isMonthStart,
  offsetMinutes,
  safeTimeZone,
  startOfDay,
  wallTime,
} from "~/time";

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);
const HOUR = 3_600_000;

describe("the shop's calendar month", () => {
  it("spans a DST change: October in Copenhagen is 31 days and one hour", () => {
    const { start, end } = monthBounds("2026-10", "Europe/Copenhagen");
    expect(iso(start)).toBe("2026-09-30T22:00:00.000Z");
    expect(iso(end)).toBe("2026-10-31T23:00:00.000Z");
    expect((end.getTime() - start.getTime()) / HOUR).toBe(31 * 24 + 1);
  });

  it("loses the hour in March in New York", () => {
    const { start, end } = monthBounds("2026-03", "America/New_York");
    expect(iso(start)).toBe("2026-03-01T05:00:00.000Z");
    expect(iso(end)).toBe("2026-04-01T04:00:00.000Z");
    expect((end.getTime() - start.getTime()) / HOUR).toBe(31 * 24 - 1);
  });

  it("starts a day apart on either side of the date line", () => {
    expect(iso(monthBounds("2026-01", "Pacific/Kiritimati").start)).toBe(
      "2025-12-31T10:00:00.000Z",
    );
    expect(iso(monthBounds("2026-01", "Pacific/Pago_Pago").start)).toBe("2026-01-01T11:00:00.000Z");
    // Chatham is UTC+13:45 in its summer (January), UTC+12:45 in winter (July).
    expect(iso(monthBounds("2026-01", "Pacific/Chatham").start)).toBe("2025-12-31T10:15:00.000Z");
    expect(iso(monthBounds("2026-07", "Pacific/Chatham").start)).toBe("2026-06-30T11:15:00.000Z");
  });

  it("puts an instant in the month its wall clock shows", () => {
    expect(monthOf(at("2025-12-31T10:00:00Z"), "Pacific/Kiritimati")).toBe("2026-01");
    expect(monthOf(at("2025-12-31T09:59:59Z"), "Pacific/Kiritimati")).toBe("2025-12");
    expect(monthOf(at("2026-01-01T10:59:59Z"), "Pacific/Pago_Pago")).toBe("2025-12");
    expect(monthOf(at("2026-09-30T22:00:00Z"), "Europe/Copenhagen")).toBe("2026-10");
    expect(isMonthStart(at("2025-12-31T10:15:00Z"), "Pacific/Chatham")).toBe(true);
    expect(isMonthStart(at("2025-12-31T10:16:00Z"), "Pacific/Chatham")).toBe(false);
  });
});

describe("day buckets", () => {
  it("gives one instant two different days across the date line", () => {
    const instant = at("2026-01-01T10:59:00Z");
    expect(dayIn("Pacific/Kiritimati", instant)).toBe("2026-01-02");
    expect(dayIn("Pacific/Pago_Pago", instant)).toBe("2025-12-31");
    expect(dayIn("Pacific/Chatham", instant)).toBe("2026-01-02");
  });

  it("has 23- and 25-hour days at the DST changes", () => {
    const length = (tz: string, day: string) =>
      (startOfDay(tz, addDaysToDay(day, 1)).getTime() - startOfDay(tz, day).getTime()) / HOUR;
    expect(iso(startOfDay("Europe/Copenhagen", "2026-03-29"))).toBe("2026-03-28T23:00:00.000Z");
    expect(length("Europe/Copenhagen", "2026-03-29")).toBe(23);
    expect(length("Europe/Copenhagen", "2026-10-25")).toBe(25);
    expect(length("America/New_York", "2026-03-08")).toBe(23);
    expect(length("America/New_York", "2026-11-01")).toBe(25);
    expect(length("Pacific/Chatham", "2026-04-05")).toBe(25);
    expect(length("Pacific/Kiritimati", "2026-04-05")).toBe(24);
  });

  it("counts days across months and years", () => {
    expect(addDaysToDay("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDaysToDay("2028-03-01", -1)).toBe("2028-02-29");
  });
});

describe("zoned wall time ↔ instant (week slots)", () => {
  it("runs an hour that does not exist at the jump, and shows it as the hour after", () => {
    const slot = instantOfLocalHour({ year: 2026, month: 3, day: 29 }, 2, "Europe/Copenhagen");
    expect(iso(slot)).toBe("2026-03-29T01:00:00.000Z");
    expect(wallTime(slot, "Europe/Copenhagen").hour).toBe(3);
    const ny = instantOfLocalHour({ year: 2026, month: 3, day: 8 }, 2, "America/New_York");
    expect(iso(ny)).toBe("2026-03-08T07:00:00.000Z");
  });

  it("runs an hour that exists twice at its first occurrence", () => {
    const cph = instantOfLocalHour({ year: 2026, month: 10, day: 25 }, 2, "Europe/Copenhagen");
    expect(iso(cph)).toBe("2026-10-25T00:00:00.000Z");
    const ny = instantOfLocalHour({ year: 2026, month: 11, day: 1 }, 1, "America/New_York");
    expect(iso(ny)).toBe("2026-11-01T05:00:00.000Z");
  });

  it("reads wall time and offsets on both sides of the date line", () => {
    const instant = at("2026-01-05T12:00:00Z");
    expect(wallTime(instant, "Pacific/Kiritimati")).toMatchObject({ day: 6, hour: 2, weekday: 2 });
    expect(wallTime(instant, "Pacific/Pago_Pago")).toMatchObject({ day: 5, hour: 1, weekday: 1 });
    expect(offsetMinutes(instant, "Pacific/Chatham")).toBe(13 * 60 + 45);
    expect(offsetMinutes(at("2026-07-05T12:00:00Z"), "Pacific/Chatham")).toBe(12 * 60 + 45);
    const sixAm = instantOfLocalHour({ year: 2026, month: 1, day: 6 }, 6, "Pacific/Kiritimati");
    expect(iso(sixAm)).toBe("2026-01-05T16:00:00.000Z");
  });

  it("falls back to UTC for a zone that does not exist", () => {
    expect(safeTimeZone("Mars/Olympus")).toBe("UTC");
    expect(safeTimeZone(null)).toBe("UTC");
    expect(safeTimeZone("Pacific/Chatham")).toBe("Pacific/Chatham");
  });
});
