// Preloaded (`node --import`) into a spawned CLI by tests that bound its memory: on exit it
// appends the process's peak resident set size in kilobytes to $PEAK_RSS_FILE.
import { appendFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.PEAK_RSS_FILE;
  if (file) appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
});
