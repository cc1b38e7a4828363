/**
 * The weekly audit slot and the monthly report slot of a shop, in the shop's time zone, and the
 * deterministic run id of a slot (docs/decisions/007-jobs.md). Pure: `now` is always passed in.
 */
import { addDays, localLabel, weekdayOf, type LocalDate } from "./calendar";
import { instantOfLocalHour, isValidTimeZone, wallTime } from "./zone";

export interface WeeklySchedule {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 0–23, local. */
  hour: number;
  timeZone: string;
}

export const DEFAULT_WEEKLY: Omit<WeeklySchedule, "timeZone"> = { weekday: 1, hour: 6 };

export interface Slot {
  /** "YYYY-MM-DDTHH" in the shop's time zone: the slot's name, unique per period. */
  local: string;
  /** When it runs. */
  at: Date;
}

/** An unknown time zone (a typo, a zone removed from the tz database) schedules in UTC. */
export function effectiveTimeZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : "UTC";
}

function checkHour(hour: number): void {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    throw new RangeError(`hour must be 0–23 (got ${hour})`);
}

function slotOn(date: LocalDate, hour: number, timeZone: string): Slot {
  return { local: localLabel(date, hour), at: instantOfLocalHour(date, hour, timeZone) };
}

function today(now: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallTime(now, timeZone);
  return { year, month, day };
}

/** The weekly slot of the week around `now` that is on or before it, or the one after. */
function weeklyCandidate(schedule: WeeklySchedule, now: Date, direction: -1 | 1): Slot {
  checkHour(schedule.hour);
  if (!Number.isInteger(schedule.weekday) || schedule.weekday < 1 || schedule.weekday > 7)
    throw new RangeError(`weekday must be 1–7 (got ${schedule.weekday})`);
  const timeZone = effectiveTimeZone(schedule.timeZone);
  const date = today(now, timeZone);
  const back = (weekdayOf(date) - schedule.weekday + 7) % 7;
  let day = addDays(date, -back);
  let slot = slotOn(day, schedule.hour, timeZone);
  if (direction === -1 && slot.at > now) {
    day = addDays(day, -7);
    slot = slotOn(day, schedule.hour, timeZone);
  }
  while (direction === 1 && slot.at <= now) {
    day = addDays(day, 7);
    slot = slotOn(day, schedule.hour, timeZone);
  }
  return slot;
}

/** The latest weekly slot at or before `now` (the one a scheduler catches up on, once). */
export function latestWeeklySlot(schedule: WeeklySchedule, now: Date): Slot {
  return weeklyCandidate(schedule, now, -1);
}

/** The first weekly slot after `now` (shown in Settings as the next run). */
export function nextWeeklySlot(schedule: WeeklySchedule, now: Date): Slot {
  return weeklyCandidate(schedule, now, 1);
}

/** The monthly report slot: the 1st of the month at the weekly audit's hour. */
export interface MonthlySchedule {
  hour: number;
  timeZone: string;
}

function monthlyOn(year: number, month: number, schedule: MonthlySchedule, timeZone: string): Slot {
  const y = month < 1 ? year - 1 : month > 12 ? year + 1 : year;
  const m = ((month - 1 + 12) % 12) + 1;
  return slotOn({ year: y, month: m, day: 1 }, schedule.hour, timeZone);
}

export function latestMonthlySlot(schedule: MonthlySchedule, now: Date): Slot {
  checkHour(schedule.hour);
  const timeZone = effectiveTimeZone(schedule.timeZone);
  const { year, month } = today(now, timeZone);
  const slot = monthlyOn(year, month, schedule, timeZone);
  return slot.at <= now ? slot : monthlyOn(year, month - 1, schedule, timeZone);
}

export function nextMonthlySlot(schedule: MonthlySchedule, now: Date): Slot {
  checkHour(schedule.hour);
  const timeZone = effectiveTimeZone(schedule.timeZone);
  const { year, month } = today(now, timeZone);
  const slot = monthlyOn(year, month, schedule, timeZone);
  return slot.at > now ? slot : monthlyOn(year, month + 1, schedule, timeZone);
}

/** The run id of a shop's slot: `<job id>:<shop>:<YYYY-MM-DDTHH local>`. */
export function slotRunId(jobId: string, shop: string, slot: Slot): string {
  return `${jobId}:${shop}:${slot.local}`;
}

/** The installation-wide daily slot (maintenance), in UTC: `<job id>:<YYYY-MM-DD>`. */
export function dailyRunId(jobId: string, now: Date): string {
  return `${jobId}:${now.toISOString().slice(0, 10)}`;
}
