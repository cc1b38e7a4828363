/** Calendar dates without a time zone (proleptic Gregorian) and the shop's day buckets. */
import { instantOfWallTime, wallTime } from "./zone";

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** The calendar date `days` after the given one. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "YYYY-MM-DD". */
export function dayId(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** "YYYY-MM-DDTHH": a slot's local label, the configured hour even when DST shifted it. */
export function localLabel(date: LocalDate, hour: number): string {
  return `${dayId(date)}T${pad(hour)}`;
}

/** The shop's day bucket (YYYY-MM-DD) of an instant. */
export function dayIn(timeZone: string, at: Date): string {
  return dayId(wallTime(at, timeZone));
}

/** YYYY-MM-DD plus n days. */
export function addDaysToDay(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The instant a shop-local day (YYYY-MM-DD) starts. */
export function startOfDay(timeZone: string, day: string): Date {
  return instantOfWallTime(Date.parse(`${day}T00:00:00Z`), timeZone);
}
