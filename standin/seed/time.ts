/** Date helpers for seeded data; everything is computed from an explicit `now`. */

export const DAY_MS = 86_400_000;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** UTC instant of the last Sunday of a month at 01:00 UTC (when EU clocks change). */
function lastSundayOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * DAY_MS;
}

/** Offset of Europe/Copenhagen from UTC in hours at an instant (EU summer time rules). */
function copenhagenOffsetHours(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayOneUtc(year, 2) && ms < lastSundayOneUtc(year, 9) ? 2 : 1;
}

/**
 * The UTC instant of a wall-clock time in Copenhagen. `localDate` is the calendar date written
 * as a UTC midnight (`Date.UTC(y, m, d)`).
 */
export function copenhagenTime(localDate: number, hour: number, minute: number): number {
  const guess = localDate + (hour * 60 + minute) * 60_000;
  return guess - copenhagenOffsetHours(guess) * 3_600_000;
}
