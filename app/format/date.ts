/**
 * Dates and times in the shop's time zone. The same text on the server and in the browser (no
 * hydration mismatch): the zone is always given, never the machine's.
 */
import type { Formatter } from "./locale";

type Zoned = Pick<Formatter, "locale" | "timeZone">;

const toDate = (at: string | Date) => (typeof at === "string" ? new Date(at) : at);

/** "2 Nov 2026" / "2. nov. 2026". */
export function formatDate(f: Zoned, at: string | Date): string {
  return new Intl.DateTimeFormat(f.locale, {
    timeZone: f.timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(toDate(at));
}

/** "2 Nov 2026, 09.00" / "2. nov. 2026 09.00". */
export function formatDateTime(f: Zoned, at: string | Date): string {
  return new Intl.DateTimeFormat(f.locale, {
    timeZone: f.timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(toDate(at));
}

/** "5 Oct" / "5. okt." (chart labels). */
export function formatDayMonth(f: Zoned, at: string | Date): string {
  return new Intl.DateTimeFormat(f.locale, {
    timeZone: f.timeZone,
    day: "numeric",
    month: "short",
  }).format(toDate(at));
}

/** A calendar month "2026-10" by name: "October 2026" / "oktober 2026". */
export function formatMonthName(f: Pick<Formatter, "locale">, month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(f.locale, {
    timeZone: "UTC",
    month: "long",
    year: "numeric",
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 15)));
}

/*
 * The admin's English-only pages (products, runs, settings, performance) show times in en-GB with
 * the zone's short name; these are their formats, here so there is one place for dates.
 */

/** "2 Nov 2026, 09:00 CET" (products, Lighthouse). */
export function formatAdminTime(at: string | Date, timeZone: string): string {
  return toDate(at).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
}

/** "2 Nov 2026, 09:00" (job runs, settings); UTC with a suffix when the zone is unknown. */
export function formatInZone(at: string | Date, timeZone: string): string {
  const date = toDate(at);
  try {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone,
      dateStyle: "medium",
      timeStyle: "short",
    }).format(date);
  } catch {
    return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  }
}

/** A chart's x-axis label for a run, with seconds: runs minutes apart must not share a label. */
export function runAxisLabel(at: string | Date, timeZone: string): string {
  return toDate(at).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone,
  });
}

/** "8 Dec 2026" (share link expiry); UTC's date when the zone is unknown. */
export function formatAdminDate(at: string | Date, timeZone: string): string {
  const date = toDate(at);
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium" }).format(date);
  } catch {
    return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium" }).format(date);
  }
}
