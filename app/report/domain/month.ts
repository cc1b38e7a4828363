/**
 * Calendar months in the shop's time zone: a report for "2026-10" in Europe/Copenhagen covers
 * 2026-09-30T22:00Z up to (not including) 2026-10-31T23:00Z. Pure: Intl only.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

export function parseMonth(month: string): { year: number; month: number } {
  const m = MONTH.exec(month);
  if (m === null) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function formatMonthId(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = (((month - 1) % 12) + 12) % 12;
  return `${String(y).padStart(4, "0")}-${String(m + 1).padStart(2, "0")}`;
}

export function addMonths(month: string, n: number): string {
  const { year, month: m } = parseMonth(month);
  return formatMonthId(year, m + n);
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function parts(timeZone: string, at: Date): Record<string, number> {
  let f = partFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partFormatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(timeZone: string, at: Date): number {
  const p = parts(timeZone, at);
  const local = Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    (p.hour ?? 0) % 24,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the month starts (local midnight of its first day) in the time zone. */
export function monthStart(month: string, timeZone: string): Date {
  const { year, month: m } = parseMonth(month);
  const wall = Date.UTC(year, m - 1, 1);
  let t = wall - offsetMs(timeZone, new Date(wall));
  t = wall - offsetMs(timeZone, new Date(t));
  return new Date(t);
}

/** [start, end) of the month in the time zone. */
export function monthBounds(month: string, timeZone: string): { start: Date; end: Date } {
  return { start: monthStart(month, timeZone), end: monthStart(addMonths(month, 1), timeZone) };
}

/** The month (YYYY-MM) an instant falls in, in the time zone. */
export function monthOf(at: Date, timeZone: string): string {
  const p = parts(timeZone, at);
  return formatMonthId(p.year ?? 1970, p.month ?? 1);
}

/** A valid IANA zone, or UTC. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}
