// Preloaded (`node --import`) into a process the benches measure: on exit it writes the
// process's peak resident set size in kilobytes (getrusage maxRSS) to $PEAK_RSS_FILE.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.PEAK_RSS_FILE;
  if (file) writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
});
