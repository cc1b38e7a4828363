/** Chart labels on the Performance page, in the shop's time zone (run times: formatTime). */

/** A chart's x-axis label for a run. Seconds included: runs minutes apart must not share a label (they would collapse into one point). */
export function runAxisLabel(at: string, timeZone: string): string {
  return new Date(at).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone,
  });
}
