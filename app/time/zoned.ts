/**
 * Wall-clock time in an IANA time zone, with Intl only (no date library): the parts of an
 * instant, and the instant of a local hour — the function that decides DST:
 *
 * - an hour that does not exist (spring forward, e.g. 02:00 in Copenhagen on the last Sunday of
 *   March) is the instant the clocks jump, shown as the hour after (03:00 local);
 * - an hour that exists twice (fall back) is its first occurrence, so it runs once.
 */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface LocalParts extends LocalDate {
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
      weekday: "short",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function zonedParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) parts[type] = value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? 0,
  };
}

const MINUTE = 60_000;

/** Local time minus UTC at that instant, in minutes (whole minutes: no zone uses seconds now). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / MINUTE) * MINUTE) / MINUTE);
}

/** The calendar date `days` after the given one (proleptic Gregorian, no time zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date. */
export function weekdayOf(date: LocalDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
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
      const p = zonedParts(new Date(t), timeZone);
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

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "YYYY-MM-DDTHH": a slot's local label, the configured hour even when DST shifted it. */
export function localLabel(date: LocalDate, hour: number): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}T${pad(hour)}`;
}
