/**
 * The real `tovholder` CLI, spawned as `npm run tovholder` spawns it: exit codes, what goes to
 * stdout and what to stderr.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/databases";
import { datasetPath } from "../helpers/datasets";
import { bulkProductLines } from "../../bench/bulk-jsonl";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** DATABASE_URL is this test file's fresh copy of the migrated SQLite template. */
async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      join(ROOT, "node_modules/.bin/tsx"),
      [join(ROOT, "bin/tovholder.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), "tovholder-cli-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const CSV = file(
  "acme.myshopify.com.csv",
  [
    "Handle,Title,Option1 Name,Option1 Value,Variant Price,Image Src,Status",
    "bike,City Bike,Color,Black,499.00,https://cdn.example/1.jpg,active",
    "bike,,,Red,499.00,https://cdn.example/2.jpg,",
    "lock,U-Lock,,,39.90,,draft",
  ].join("\n"),
);
const BAD_CSV = file(
  "bad.csv",
  ["Handle,Title,Variant Price", "bike,City Bike,499.00", "lock,U-Lock,abc"].join("\n"),
);
const JSONL = file("bulk.jsonl", `${[...bulkProductLines(3)].join("\n")}\n`);
const BAD_JSONL = file(
  "bad.jsonl",
  `${[...bulkProductLines(1)].join("\n")}\n{"id": "gid://shopify/ProductVariant/1", "__parentId": "gid://shopify/Product/404"}\n`,
);

/** A failure prints exactly one line on stderr, nothing on stdout, and no stack trace. */
function expectOneLineError(run: Run, code: number, line: string | RegExp): void {
  expect(run.stdout).toBe("");
  expect(run.stderr.split("\n")).toHaveLength(2);
  expect(run.stderr.trimEnd()).toMatch(line);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.code).toBe(code);
}

describe("tovholder (program)", () => {
  it("--help lists the commands on stdout and exits 0", async () => {
    const run = await cli(["--help"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/^Usage: tovholder <command> \[options\]/);
    expect(run.stdout).toMatch(/^ {2}snapshot {2}Read a shop, a product CSV/m);
  });

  it("without a command prints the help on stderr and exits 2; an unknown command is a usage error", async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(/^Usage: tovholder/);
    expectOneLineError(
      await cli(["frobnicate"]),
      2,
      "tovholder: unknown command 'frobnicate' (see 'tovholder --help')",
    );
  });
});

describe("tovholder snapshot", () => {
  it("--help documents every option", async () => {
    const run = await cli(["snapshot", "--help"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    for (const option of ["--shop DOMAIN", "--csv FILE", "--jsonl FILE", "--format", "--save"])
      expect(run.stdout).toContain(option);
  });

  it("prints a readable table of counts for a CSV, saying what a CSV cannot provide", async () => {
    const run = await cli(["snapshot", "--csv", CSV]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("shop       acme.myshopify.com\n");
    expect(run.stdout).toContain("source     csv acme.myshopify.com.csv (current format)\n");
    expect(run.stdout).toMatch(/^products +2$/m);
    expect(run.stdout).toMatch(/^variants +3$/m);
    expect(run.stdout).toMatch(/^media +2$/m);
    expect(run.stdout).toMatch(/^markets +not collected$/m);
  });

  it("--format json prints only JSON on stdout", async () => {
    const run = await cli(["snapshot", "--csv", CSV, "--format", "json"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(run.stdout)).toMatchObject({
      source: { kind: "csv", name: "acme.myshopify.com.csv", csvFormat: "current", strategy: null },
      shop: "acme.myshopify.com",
      products: 2,
      variants: 3,
      media: 2,
      collections: null,
      markets: null,
      stored: null,
    });
  });

  it("reads bulk-operation JSONL", async () => {
    const run = await cli(["snapshot", "--jsonl", JSONL, "--format", "json"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(run.stdout)).toMatchObject({
      source: { kind: "jsonl", name: "bulk.jsonl" },
      shop: "bulk",
      products: 3,
      variants: 12,
      media: 9,
    });
  });

  it("names the line of a bad CSV or JSONL in one line and exits 1", async () => {
    expectOneLineError(
      await cli(["snapshot", "--csv", BAD_CSV]),
      1,
      'tovholder: line 3: Variant Price "abc" is not a number',
    );
    expectOneLineError(
      await cli(["snapshot", "--jsonl", BAD_JSONL, "--format", "json"]),
      1,
      /^tovholder: line 10: gid:\/\/shopify\/ProductVariant\/1 names parent gid:\/\/shopify\/Product\/404/,
    );
  });

  it("fails in one line on a missing file or a directory", async () => {
    expectOneLineError(
      await cli(["snapshot", "--csv", join(dir, "missing.csv")]),
      1,
      `tovholder: cannot read ${join(dir, "missing.csv")}: no such file`,
    );
    expectOneLineError(
      await cli(["snapshot", "--jsonl", dir]),
      1,
      `tovholder: cannot read ${dir}: is a directory`,
    );
  });

  it("rejects wrong arguments with exit code 2", async () => {
    const usage = (message: string) => `tovholder: ${message} (see 'tovholder snapshot --help')`;
    expectOneLineError(
      await cli(["snapshot"]),
      2,
      usage("say what to read: --shop DOMAIN, --csv FILE or --jsonl FILE"),
    );
    expectOneLineError(
      await cli(["snapshot", "--csv", CSV, "--jsonl", JSONL]),
      2,
      usage("give one source, not --csv and --jsonl"),
    );
    expectOneLineError(
      await cli(["snapshot", "--csv", CSV, "--format", "xml"]),
      2,
      usage('--format must be table or json (got "xml")'),
    );
    expectOneLineError(await cli(["snapshot", "--cvs", CSV]), 2, usage("Unknown option '--cvs'"));
    expectOneLineError(
      await cli(["snapshot", "--csv"]),
      2,
      /^tovholder: Option '--csv <value>' argument missing/,
    );
  });

  it("--save stores the snapshot, which loads back whole", async () => {
    const run = await cli(["snapshot", "--csv", CSV, "--save", "--format", "json"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const { stored } = JSON.parse(run.stdout) as { stored: { id: string; rawBytes: number } };
    const { listSnapshots, loadSnapshot } = await import("~/snapshot/models/snapshots.server");
    expect((await listSnapshots("acme.myshopify.com")).map((r) => r.id)).toEqual([stored.id]);
    const snapshot = await loadSnapshot("acme.myshopify.com", stored.id);
    expect(snapshot?.products.map((p) => p.handle)).toEqual(["bike", "lock"]);
    expect(Buffer.byteLength(JSON.stringify(snapshot))).toBe(stored.rawBytes);

    const table = await cli(["snapshot", "--csv", CSV, "--save"]);
    expect(table.stdout).toMatch(
      /^stored as snapshot \w+ \(\d+(\.\d)? (B|KiB) of JSON, [\d.]+ (B|KiB) compressed\)$/m,
    );
  });

  it("--save on a database without the tables says to run the setup", async () => {
    const empty = `file:${join(dir, "empty.db")}`;
    expectOneLineError(
      await cli(["snapshot", "--csv", CSV, "--save"], { DATABASE_URL: empty }),
      1,
      "tovholder: the database is not set up or not migrated: run `npm run setup` (DATABASE_URL selects it)",
    );
  });

  it("--shop without an installed shop says to install the app", async () => {
    expectOneLineError(
      await cli(["snapshot", "--shop", "not-installed.myshopify.com"]),
      1,
      "tovholder: no offline session for not-installed.myshopify.com: install the app on the shop first (for the demo shop, run npm run demo once)",
    );
  });

  it("--shop without the app's environment names what is missing", async () => {
    expectOneLineError(
      await cli(["snapshot", "--shop", "acme.myshopify.com"], { SHOPIFY_API_SECRET: undefined }),
      1,
      "tovholder: the app's environment is incomplete: SHOPIFY_API_SECRET: SHOPIFY_API_SECRET is required (see README: Environment)",
    );
  });
});

describe("bin/tovholder.mjs", () => {
  it("runs from any directory, resolving files against it", async () => {
    const { stdout, stderr } = await promisify(execFile)(
      join(ROOT, "node_modules/.bin/node"),
      [
        join(ROOT, "bin/tovholder.mjs"),
        "snapshot",
        "--csv",
        "acme.myshopify.com.csv",
        "--format",
        "json",
      ],
      { cwd: dir },
    );
    expect(stderr).toBe("");
    expect(JSON.parse(stdout)).toMatchObject({ products: 2, variants: 3 });
  });
});

const BICYCLES = datasetPath("shopify-demo-bicycles.csv");

describe.skipIf(!existsSync(BICYCLES))("tovholder snapshot on shopify-demo-bicycles.csv", () => {
  it("reports 284 products and 1,121 variants", async () => {
    const json = await cli(["snapshot", "--csv", BICYCLES, "--format", "json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      source: { csvFormat: "legacy" },
      products: 284,
      variants: 1121,
    });
    const table = await cli(["snapshot", "--csv", BICYCLES]);
    expect(table.stdout).toMatch(/^products +284$/m);
    expect(table.stdout).toMatch(/^variants +1,121$/m);
  });
});
