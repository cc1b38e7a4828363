/**
 * Calendar months in the shop's time zone: a report for "2026-10" in Europe/Copenhagen covers
 * 2026-09-30T22:00Z up to (not including) 2026-10-31T23:00Z.
 */
import { instantOfWallTime, wallTime } from "./zone";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

export function parseMonth(month: string): { year: number; month: number } {
  const m = MONTH.exec(month);
  if (m === null) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** "YYYY-MM"; a month outside 1–12 rolls into the year before or after. */
export function formatMonthId(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = (((month - 1) % 12) + 12) % 12;
  return `${String(y).padStart(4, "0")}-${String(m + 1).padStart(2, "0")}`;
}

export function addMonths(month: string, n: number): string {
  const { year, month: m } = parseMonth(month);
  return formatMonthId(year, m + n);
}

/** The instant the month starts (local midnight of its first day) in the time zone. */
export function monthStart(month: string, timeZone: string): Date {
  const { year, month: m } = parseMonth(month);
  return instantOfWallTime(Date.UTC(year, m - 1, 1), timeZone);
}

/** [start, end) of the month in the time zone. */
export function monthBounds(month: string, timeZone: string): { start: Date; end: Date } {
  return { start: monthStart(month, timeZone), end: monthStart(addMonths(month, 1), timeZone) };
}

/** The month (YYYY-MM) an instant falls in, in the time zone. */
export function monthOf(at: Date, timeZone: string): string {
  const p = wallTime(at, timeZone);
  return formatMonthId(p.year, p.month);
}

/** Whether the instant is the very start of a month in the time zone (local 1st, 00:00:00). */
export function isMonthStart(at: Date, timeZone: string): boolean {
  const p = wallTime(at, timeZone);
  return p.day === 1 && p.hour === 0 && p.minute === 0 && p.second === 0;
}
