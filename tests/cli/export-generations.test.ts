/**
 * `tovholder snapshot` and `audit` on exports of different generations
 * (tests/fixtures/product-csv): what a file lacks is named, rules needing it are skipped, and
 * exemptions the file cannot support are said.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/databases";

const FIXTURES = join(ROOT, "tests/fixtures/product-csv");

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      join(ROOT, "node_modules/.bin/node"),
      [join(ROOT, "bin/tovholder.mjs"), ...args],
      { cwd: ROOT },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

interface Report {
  products: number;
  rules: { ruleId: string; count: number | null }[];
  skipped: { ruleId: string; reason: string }[];
  notes: string[];
}

describe("tovholder on exports of every generation", { timeout: 60_000 }, () => {
  it("audit of a 2021 export (Status, no Product Category) skips the category rule instead of flagging every product", async () => {
    const run = await cli([
      "audit",
      "--csv",
      join(FIXTURES, "2021-export.csv"),
      "--format",
      "json",
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const report = JSON.parse(run.stdout) as Report;
    expect(report.products).toBe(3);
    expect(report.rules.find((r) => r.ruleId === "product.missing-category")?.count).toBeNull();
    expect(report.skipped).toContainEqual({
      ruleId: "product.missing-category",
      reason: 'Product categories are not in this file: it has no "Product Category" column.',
    });
    expect(report.rules.find((r) => r.ruleId === "variant.out-of-stock-active")?.count).toBe(1);
    expect(report.notes).toEqual([]);
  });

  it("snapshot and audit of a merchant's edited copy name the missing columns and the exemptions they cost", async () => {
    const file = join(FIXTURES, "merchant-edited.csv");
    const snapshot = await cli(["snapshot", "--csv", file]);
    expect(snapshot.code).toBe(0);
    expect(snapshot.stdout).toMatch(
      /^lacks {6}"Product Category" column; "Status" column; "Published" column; "Gift Card" column; /m,
    );
    const audit = await cli(["audit", "--csv", file]);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/^seo\.missing-title +info +skipped$/m);
    expect(audit.stdout).toContain(
      '\nNot exempted (the source does not say):\n  The file has no "Status" column: archived, draft and unlisted products cannot be told apart, so none of them is exempted or has its findings softened.\n  The file has no "Gift Card" column: gift cards cannot be told apart',
    );
  });
});
