/**
 * Wall-clock time in an IANA time zone, with Intl only (no date library): the parts of an
 * instant, the zone's offset, and the instant of a local wall time — the function that decides
 * DST:
 *
 * - an hour that does not exist (spring forward, e.g. 02:00 in Copenhagen on the last Sunday of
 *   March) is the instant the clocks jump, shown as the hour after (03:00 local);
 * - an hour that exists twice (fall back) is its first occurrence, so it runs once.
 */
import type { LocalDate } from "./calendar";

export interface WallTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** A valid IANA zone, or UTC. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : "UTC";
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** What a clock on the wall in `timeZone` shows at `instant`. */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const { type, value } of partsFormatter(timeZone).formatToParts(instant))
    parts[type] = value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines print midnight as 24 even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? 0,
  };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Local time minus UTC at that instant, in milliseconds (whole seconds). */
export function offsetMs(instant: Date, timeZone: string): number {
  const p = wallTime(instant, timeZone);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(instant.getTime() / SECOND) * SECOND;
}

/** Local time minus UTC at that instant, in minutes (whole minutes: no zone uses seconds now). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  return Math.round(offsetMs(instant, timeZone) / MINUTE);
}

/**
 * The instant a wall time given as if it were UTC (`Date.UTC(...)` of the local fields) stands
 * for: the zone's offset at the guess, corrected once more, which settles times next to a DST
 * change. Used for local midnights (days, months); hours use instantOfLocalHour.
 */
export function instantOfWallTime(naiveUtc: number, timeZone: string): Date {
  let guess = naiveUtc;
  for (let i = 0; i < 2; i++) guess = naiveUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** The instant at which the local clock in `timeZone` shows `hour`:00 on `date` (see top). */
export function instantOfLocalHour(date: LocalDate, hour: number, timeZone: string): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, hour);
  // The offsets in force well before and well after: at most one transition lies between.
  const before = offsetMinutes(new Date(naive - 14 * 60 * MINUTE), timeZone);
  const after = offsetMinutes(new Date(naive + 14 * 60 * MINUTE), timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => naive - offset * MINUTE)
    .filter((t) => {
      const p = wallTime(new Date(t), timeZone);
      return (
        p.year === date.year &&
        p.month === date.month &&
        p.day === date.day &&
        p.hour === hour &&
        p.minute === 0
      );
    })
    .sort((a, b) => a - b);
  // No match: the hour falls in a gap. With the offset from before the jump, the naive time
  // lands exactly on the jump (a 1-hour gap starting at the hour).
  return new Date(matches[0] ?? naive - before * MINUTE);
}
