/**
 * Times as the UI shows them, in the shop's time zone: the same text on the server and in the
 * browser (no hydration mismatch), and the zone the merchant's schedules and reports use.
 */
export function formatTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
}

export const count = (n: number) => n.toLocaleString("en-US");

/** "1 finding", "2 findings", "1,250 findings". */
export const counted = (n: number, singular: string, plural = `${singular}s`) =>
  `${count(n)} ${n === 1 ? singular : plural}`;
