// The snapshot bench's baseline, a whole process of its own: what a bare `node` script does to
// read a bulk-operation JSONL file, readline + JSON.parse of every line, nothing kept. Plain
// JavaScript run by node without a loader, so its start-up is node's alone. Prints the count.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

let lines = 0;
const input = createReadStream(process.argv[2]);
for await (const line of createInterface({ input, crlfDelay: Infinity })) {
  if (line === "") continue;
  JSON.parse(line);
  lines++;
}
process.stdout.write(`${JSON.stringify({ lines })}\n`);
