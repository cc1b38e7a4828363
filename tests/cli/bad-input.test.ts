/**
 * The real CLI on input that is not a Shopify export: one line on stderr, exit code 1, never a
 * stack trace and never an out-of-memory crash. The CLI runs in a child process with a small
 * heap (--max-old-space-size=64), so reading a runaway line whole would kill it, and reports its
 * peak RSS. Files of hundreds of megabytes are streamed through a named pipe, never written to
 * disk.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/databases";
import { bulkProductLines } from "../../bench/bulk-jsonl";

const dir = mkdtempSync(join(tmpdir(), "tovholder-bad-input-"));
const MiB = 1024 * 1024;
/** The heap the CLI gets: its own code needs ~40 MB of it. */
const HEAP_MB = 64;
/** Peak RSS allowed while rejecting: the CLI itself takes ~80 MB, a limit-sized line ~40 MB more. */
const MAX_RSS_MB = 200;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  peakRssMb: number;
  /** Bytes of the streamed input written before the CLI stopped reading. */
  written: number;
}

let runs = 0;

/** A named pipe to stream input through; the CLI reads it as the file it names. */
function fifo(): string {
  const path = join(dir, `input-${++runs}`);
  const made = spawnSync("mkfifo", [path]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr.toString()}`);
  return path;
}

/**
 * Runs `tovholder ARGS` with a bounded heap. With `input`, the argument "INPUT" names a named
 * pipe into which chunks are written until the CLI exits (or `total` bytes went in).
 */
function cli(
  args: string[],
  input?: { chunk: Buffer; total: number },
  stdin: "ignore" | "pipe" = "ignore",
): Promise<Run> {
  const rssFile = join(dir, `rss-${++runs}.txt`);
  const pipe = input === undefined ? undefined : fifo();
  const child = spawn(
    join(ROOT, "node_modules/.bin/node"),
    [
      `--max-old-space-size=${HEAP_MB}`,
      "--import",
      join(ROOT, "tests/helpers/peak-rss.mjs"),
      join(ROOT, "bin/tovholder.mjs"),
      ...args.map((a) => (a === "INPUT" && pipe !== undefined ? pipe : a)),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PEAK_RSS_FILE: rssFile },
      stdio: [stdin, "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  let written = 0;
  let exited = false;
  child.stdout?.on("data", (d: Buffer) => void (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => void (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => {
    child.on("close", (code, signal) => {
      exited = true;
      let peak = Number.NaN;
      try {
        peak = Math.max(...readFileSync(rssFile, "utf8").trim().split("\n").map(Number)) / 1024;
      } catch {
        // No file: the process died before its exit handler ran; the checks say so.
      }
      resolve({ code, signal, stdout, stderr, peakRssMb: peak, written });
    });
  });
  if (input !== undefined && pipe !== undefined) {
    const out = createWriteStream(pipe);
    // The CLI closes its end once it has rejected the input: EPIPE is the expected outcome.
    out.on("error", () => undefined);
    void (async () => {
      while (!exited && written < input.total && !out.destroyed) {
        const ok = out.write(input.chunk);
        written += input.chunk.length;
        if (!ok)
          await new Promise<void>((resolve) => {
            out.once("drain", resolve);
            out.once("close", resolve);
            child.once("close", () => resolve());
          });
      }
      out.end();
    })();
  }
  return done;
}

/** Exactly one line on stderr, nothing on stdout, exit code 1, memory bounded. */
function expectOneLine(run: Run, line: string | RegExp): void {
  expect(run.signal).toBeNull();
  expect(run.stderr).not.toMatch(/heap out of memory|FATAL ERROR|^\s+at /m);
  expect(run.stderr.split("\n")).toHaveLength(2);
  expect(run.stderr.trimEnd()).toMatch(line);
  expect(run.stdout).toBe("");
  expect(run.code).toBe(1);
  expect(run.peakRssMb).toBeLessThan(MAX_RSS_MB);
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const NO_NEWLINE = { chunk: Buffer.alloc(MiB, "a"), total: 300 * MiB };

// Each spawns a CLI; under load that takes seconds.
describe("tovholder on input that is not a Shopify export", { timeout: 120_000 }, () => {
  it("a CSV without a line break for 300 MB: rejected after the 8 MiB field limit", async () => {
    const run = await cli(["snapshot", "--csv", "INPUT"], NO_NEWLINE);
    expectOneLine(
      run,
      "tovholder: line 1: field 1 is longer than 8 MiB (8,388,608 characters); a product CSV has no such field (is this a CSV file?)",
    );
    expect(run.written).toBeLessThan(NO_NEWLINE.total);
  });

  it("a JSONL without a line break for 300 MB: rejected after the 16 MiB line limit", async () => {
    const run = await cli(["audit", "--jsonl", "INPUT"], NO_NEWLINE);
    expectOneLine(
      run,
      "tovholder: line 1: the line is longer than 16,777,216 characters; a bulk-operation line is one object and far shorter (is this a JSONL file?)",
    );
    expect(run.written).toBeLessThan(NO_NEWLINE.total);
  });

  it("a JSONL line over the limit after good lines: rejected on its line", async () => {
    const good = `${[...bulkProductLines(1)].join("\n")}\n`;
    const lines = good.split("\n").length;
    let sent = false;
    const run = await cli(["snapshot", "--jsonl", "INPUT"], {
      get chunk() {
        if (sent) return Buffer.alloc(MiB, "x");
        sent = true;
        return Buffer.from(`${good}{"id":"gid://shopify/Product/2","descriptionHtml":"`);
      },
      total: 64 * MiB,
    });
    expectOneLine(
      run,
      `tovholder: line ${lines}: the line is longer than 16,777,216 characters; a bulk-operation line is one object and far shorter (is this a JSONL file?)`,
    );
  });

  it("/dev/zero: rejected as binary at once, for a CSV and a JSONL", async () => {
    expectOneLine(
      await cli(["snapshot", "--csv", "/dev/zero"]),
      "tovholder: line 1: the file holds a NUL character: it is binary data or UTF-16 text, not a CSV export (Shopify writes UTF-8 text)",
    );
    expectOneLine(
      await cli(["audit", "--jsonl", "/dev/zero"]),
      "tovholder: line 1: the file holds a NUL character: it is binary data, not JSONL text",
    );
  });

  it("binary junk (a gzip file): one line naming the problem", async () => {
    const junk = file(
      "products.csv.gz",
      gzipSync(Buffer.from("Handle,Title\nbike,Bike\n".repeat(500))),
    );
    expectOneLine(await cli(["snapshot", "--csv", junk]), /^tovholder: line 1: /);
    expectOneLine(await cli(["snapshot", "--jsonl", junk]), /^tovholder: line 1: /);
  });

  it("a header cut off mid-name: exit 1, not 0 products", async () => {
    const cut = file("cut.csv", "Handle,Title,Body (HT");
    expectOneLine(
      await cli(["snapshot", "--csv", cut]),
      'tovholder: line 1: the file ends inside the header row, after "Body (HT" (the start of "Body (HTML)"?), without a product row: it was cut off (a Shopify export ends every row with a line break)',
    );
  });

  it("two variants that share one inventory item: exit 1 naming both", async () => {
    const lines = [...bulkProductLines(1)];
    const second = JSON.parse(lines[2] ?? "") as { inventoryItem: { id: string } };
    second.inventoryItem = (JSON.parse(lines[1] ?? "") as typeof second).inventoryItem;
    lines[2] = JSON.stringify(second);
    const path = file("shared.jsonl", `${lines.join("\n")}\n`);
    expectOneLine(
      await cli(["snapshot", "--jsonl", path]),
      /^tovholder: line 3: variants gid:\/\/shopify\/ProductVariant\/\d+ \(line 2\) and gid:\/\/shopify\/ProductVariant\/\d+ \(line 3\) share inventory item gid:\/\/shopify\/InventoryItem\/\d+; every Shopify variant has its own, so the file is corrupt$/,
    );
  });

  it("/dev/stdin that is a socket (not a pipe) cannot be opened: one line, not a bug report", async () => {
    expectOneLine(
      await cli(["snapshot", "--csv", "/dev/stdin"], undefined, "pipe"),
      "tovholder: cannot read /dev/stdin: no such device or address (pipe the file in with < FILE, or name the file)",
    );
  });

  it("a good export still reads with the same bounded heap", async () => {
    const run = await cli([
      "snapshot",
      "--csv",
      join(ROOT, "tests/fixtures/product-csv/2023-export.csv"),
      "--format",
      "json",
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(run.stdout)).toMatchObject({ products: 3, variants: 5, media: 3 });
  });
});
