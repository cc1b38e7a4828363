/**
 * `tovholder audit`, spawned as `npm run tovholder` spawns it: the product QA rules over a CSV
 * export, a bulk JSONL file and a live shop on the stand-in; JSON for machines, a table for
 * people, one-line errors with exit codes 2 (usage) and 1 (failure).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/databases";
import { datasetPath } from "../helpers/datasets";
import { bulkProductLines } from "../../bench/bulk-jsonl";
import { startAuditStandin, type AuditStandin } from "../jobs/audit-shop";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      join(ROOT, "node_modules/.bin/tsx"),
      [join(ROOT, "bin/tovholder.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

interface Report {
  source: { kind: string; name: string };
  shop: string;
  products: number;
  total: number;
  rules: { ruleId: string; count: number | null }[];
  skipped: { ruleId: string; reason: string }[];
  score: { overall: number | null; categories: { category: string; explanation: string }[] };
  findings: {
    ruleId: string;
    severity: string;
    productHandle: string | null;
    variantSku?: string | null;
  }[];
}

const dir = mkdtempSync(join(tmpdir(), "tovholder-audit-cli-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Two products: a bike with two photos, and a lock without images, SKU or price. */
const CSV = file(
  "acme.myshopify.com.csv",
  [
    "Handle,Title,Body (HTML),Vendor,Type,Option1 Name,Option1 Value,Variant SKU,Variant Price,Image Src,Status",
    "bike,City Bike,<p>A sturdy city bike for every day.</p>,Acme,Bike,Color,Black,BK-1,499.00,https://cdn.example/1.jpg,active",
    "bike,,,,,,Red,BK-2,499.00,https://cdn.example/2.jpg,",
    "lock,U-Lock,,Acme,Lock,,,,0.00,,active",
  ].join("\n"),
);

const count = (report: Report, ruleId: string) =>
  report.rules.find((r) => r.ruleId === ruleId)?.count;

function expectOneLineError(run: Run, code: number, line: RegExp): void {
  expect(run.stdout).toBe("");
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(line);
  expect(run.code).toBe(code);
}

describe("tovholder audit: arguments", () => {
  it("--help prints the usage on stdout and exits 0; the program lists the command", async () => {
    const help = await cli(["audit", "--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(
      /^Usage: tovholder audit \(--shop DOMAIN \| --csv FILE \| --jsonl FILE\) \[--format table\|json\]$/m,
    );
    const program = await cli(["--help"]);
    expect(program.stdout).toMatch(/^ {2}audit +Run the product-data QA rules/m);
  });

  it("refuses wrong arguments with one line and exit code 2", async () => {
    expectOneLineError(await cli(["audit"]), 2, /^tovholder: say what to read: --shop DOMAIN/);
    expectOneLineError(
      await cli(["audit", "--csv", CSV, "--format", "xml"]),
      2,
      /--format must be table or json \(got "xml"\) \(see 'tovholder audit --help'\)/,
    );
    expectOneLineError(
      await cli(["audit", "--csv", CSV, "--jsonl", CSV]),
      2,
      /give one source, not --csv and --jsonl/,
    );
    expectOneLineError(await cli(["audit", "--cvs", CSV]), 2, /unknown option '--cvs'/i);
  });

  it("fails with one line and exit code 1 on a missing or unreadable file", async () => {
    expectOneLineError(await cli(["audit", "--csv", join(dir, "nope.csv")]), 1, /nope\.csv/);
    expectOneLineError(
      await cli(["audit", "--csv", file("orders.csv", "Name,Email\n#1001,a@b.example\n")]),
      1,
      /is this a Shopify product CSV\?/,
    );
  });
});

describe("tovholder audit over files", () => {
  it("--format json prints only JSON: every finding with rule, severity, product handle and variant SKU", async () => {
    const run = await cli(["audit", "--csv", CSV, "--format", "json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report).toMatchObject({ shop: "acme.myshopify.com", products: 2 });
    expect(report.findings.length).toBe(report.total);
    const lockImage = report.findings.find((f) => f.ruleId === "product.missing-image");
    expect(lockImage).toMatchObject({ severity: "critical", productHandle: "lock" });
    expect(lockImage).not.toHaveProperty("variantSku");
    const price = report.findings.find((f) => f.ruleId === "variant.zero-price");
    expect(price).toMatchObject({ productHandle: "lock", variantSku: null });
    expect(count(report, "product.missing-image")).toBe(1);
    expect(count(report, "variant.zero-price")).toBe(1);
    expect(count(report, "variant.missing-sku")).toBe(1);
    // A CSV has no collection membership: skipped, not "every product is in no collection".
    expect(count(report, "product.not-in-collection")).toBeNull();
    expect(report.skipped.map((s) => s.ruleId)).toContain("product.not-in-collection");
    // Counts per rule add up to the findings; the rule catalog is listed in full.
    expect(report.rules).toHaveLength(26);
    expect(report.rules.reduce((n, r) => n + (r.count ?? 0), 0)).toBe(report.total);
    expect(report.score.overall).toBeGreaterThan(0);
    expect(report.score.overall).toBeLessThan(100);
    expect(report.score.categories.find((c) => c.category === "pricing")?.explanation).toMatch(
      /^1 of 2 products have no open problem in Prices\. .* = 25\.$/,
    );
  });

  it("--format table is a summary for a person: counts per rule and the health score", async () => {
    const run = await cli(["audit", "--csv", CSV]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^products {6}2$/m);
    expect(run.stdout).toMatch(/^health score {2}\d+\/100$/m);
    expect(run.stdout).toMatch(/^product\.missing-image +critical +1$/m);
    expect(run.stdout).toMatch(/^product\.not-in-collection +warning +skipped$/m);
    expect(run.stdout).toMatch(/^ {2}Prices +25\/100 +1 of 2 products clean$/m);
  });

  it("reads a bulk-operation JSONL file", async () => {
    const jsonl = file("bulk.myshopify.com.jsonl", `${[...bulkProductLines(3)].join("\n")}\n`);
    const run = await cli(["audit", "--jsonl", jsonl, "--format", "json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report).toMatchObject({ source: { kind: "jsonl" }, products: 3 });
    expect(report.rules.reduce((n, r) => n + (r.count ?? 0), 0)).toBe(report.total);
  });
});

const BICYCLES = datasetPath("shopify-demo-bicycles.csv");
const FASHION = datasetPath("shopify-demo-fashion.csv");

describe.skipIf(!existsSync(BICYCLES) || !existsSync(FASHION))(
  "tovholder audit on the shared demo exports",
  () => {
    it(
      "pins counts per rule on the bicycles and fashion exports",
      { timeout: 120_000 },
      async () => {
        const bikes = JSON.parse(
          (await cli(["audit", "--csv", BICYCLES, "--format", "json"])).stdout,
        ) as Report;
        expect(bikes.products).toBe(284);
        expect(count(bikes, "product.missing-image")).toBe(8);
        expect(count(bikes, "variant.zero-price")).toBe(2);
        expect(count(bikes, "product.duplicate-title")).toBe(2);
        expect(count(bikes, "product.missing-category")).toBeNull();
        const noImage = bikes.findings.filter((f) => f.ruleId === "product.missing-image");
        expect(new Set(noImage.map((f) => f.productHandle)).size).toBe(8);

        const fashion = JSON.parse(
          (await cli(["audit", "--csv", FASHION, "--format", "json"])).stdout,
        ) as Report;
        expect(fashion.products).toBe(997);
        expect(count(fashion, "product.missing-image")).toBe(1);
        expect(count(fashion, "variant.negative-inventory")).toBe(5);
        expect(count(fashion, "product.duplicate-title")).toBe(253);
      },
    );
  },
);

describe("tovholder audit --shop", () => {
  const SHOP = "cli-audit-shop.myshopify.com";
  let env: AuditStandin;
  beforeAll(async () => {
    env = await startAuditStandin();
    await env.addShop(SHOP, 12);
  });
  afterAll(async () => {
    await env.close();
  });

  // Two spawned CLIs, the first collecting a shop: slow on a loaded machine.
  it(
    "audits the live shop through its offline session, with the shop's thresholds",
    { timeout: 120_000 },
    async () => {
      const routing = { NODE_OPTIONS: `--import ${join(ROOT, "standin/install-routing.ts")}` };
      const run = await cli(["audit", "--shop", SHOP, "--format", "json"], routing);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as Report;
      expect(report).toMatchObject({ source: { kind: "shop" }, shop: SHOP, products: 12 });
      // Fixture products 5 and 10 have no images; collections are read from a live shop.
      expect(count(report, "product.missing-image")).toBe(2);
      expect(count(report, "product.not-in-collection")).not.toBeNull();
      expect(run.stderr).toMatch(new RegExp(`^${SHOP}: products 12/12$`, "m"));

      const missing = await cli(["audit", "--shop", "nobody.myshopify.com"], routing);
      expectOneLineError(missing, 1, /no offline session for nobody\.myshopify\.com/);
    },
  );
});
