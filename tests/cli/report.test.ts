/**
 * `tovholder report` end to end: a real audit on the stand-in (dated into October), then the
 * spawned CLI drafts the month's report from the same database, prints it, writes its HTML and,
 * once issued, shows the issued version as stored.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/db.server";
import { runShopAudit } from "~/product-qa/server/run-shop-audit.server";
import { issueMonthReport } from "~/report/server/reports.server";
import { ROOT } from "../helpers/databases";
import { cliThroughStandin } from "../helpers/standin-cli";
import { startAuditStandin, type AuditStandin } from "../jobs/audit-shop";

const SHOP = "cli-report.myshopify.com";
let env: AuditStandin;

beforeAll(async () => {
  env = await startAuditStandin();
  await env.addShop(SHOP, 8);
  const result = await runShopAudit({ shop: SHOP, trigger: "cli" });
  await prisma.auditRun.update({
    where: { id: result.auditRunId },
    data: { startedAt: new Date("2026-10-12T07:00:00Z") },
  });
});
afterAll(async () => {
  await env.close();
});

async function cli(args: string[]) {
  return promisify(execFile)(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "bin/tovholder.ts"), ...args],
    { cwd: ROOT, env: process.env },
  ).then(
    (r) => ({ ...r, code: 0 }),
    (e: { stdout: string; stderr: string; code: number }) => e,
  );
}

describe("tovholder report", () => {
  it("drafts the month's report, prints it and writes it as HTML", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tovholder-report-"));
    const html = join(dir, "october.html");
    const out = await cli([
      "report",
      "--shop",
      SHOP,
      "--month",
      "2026-10",
      "--lang",
      "da",
      "--html",
      html,
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Månedsrapport: oktober 2026/);
    expect(out.stdout).toMatch(/Kladde · Version 1/);
    expect(out.stdout).toMatch(/Apps og ydeevne: Endnu ikke målt/);
    const page = readFileSync(html, "utf8");
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page).toContain("De ti vigtigste åbne problemer");
  }, 60_000);

  it("shows an issued report as stored, as JSON", async () => {
    await issueMonthReport(SHOP, "2026-10", "cli-test");
    const out = await cli(["report", "--shop", SHOP, "--month", "2026-10", "--format", "json"]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as {
      status: string;
      version: number;
      data: { month: string; productQa: { measured: boolean } };
    };
    expect(json).toMatchObject({
      status: "issued",
      version: 1,
      data: { month: "2026-10", productQa: { measured: true } },
    });
  }, 60_000);

  it("writes the issued report as a branded A4 PDF with --pdf", async () => {
    const { saveReportOptions } = await import("~/db/shop-settings.server");
    const { DEFAULT_REPORT_OPTIONS } = await import("~/report/domain/branding");
    await saveReportOptions(SHOP, { ...DEFAULT_REPORT_OPTIONS, preparedBy: "CLI Bureau Ærø" });
    const pdf = join(mkdtempSync(join(tmpdir(), "tovholder-report-")), "oktober.pdf");
    const out = await cli(["report", "--shop", SHOP, "--month", "2026-10", "--pdf", pdf]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`wrote ${pdf}`);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(text).toContain("Prepared by CLI Bureau Ærø");
    expect(text).toMatch(/Monthly report: October 2026/);
    expect(text).toMatch(/Page 1 of \d+/);
  }, 60_000);

  it("prints the key figures and says what to do when Shopify has not approved protected customer data", async () => {
    // read_reports is granted, but Shopify refuses ShopifyQL: protected customer data (level 2)
    // is not approved for the app.
    env.standin.setProtectedCustomerData(SHOP, 1);
    try {
      const out = await cliThroughStandin([
        "report",
        "--shop",
        SHOP,
        "--month",
        "2026-09",
        "--lang",
        "en",
      ]);
      expect(out.stdout).toMatch(
        /Key figures \(This month · Previous month · Same month last year\):/,
      );
      expect(out.stdout).toMatch(/ {2}Sessions: not available \(\d\)/);
      expect(out.stdout).toContain(
        "not available: needs Shopify's approval of protected customer data, not given",
      );
      expect(out.stdout).toContain("API access requests → Protected customer data access");
      expect(out.stdout).toContain(
        "https://shopify.dev/docs/apps/launch/protected-customer-data#request-access-to-protected-customer-data",
      );
      expect(out.stdout).not.toContain("needs Shopify analytics access (read_reports)");
      const da = await cliThroughStandin([
        "report",
        "--shop",
        SHOP,
        "--month",
        "2026-09",
        "--lang",
        "da",
      ]);
      expect(da.stdout).toContain(
        "kræver Shopifys godkendelse af beskyttede kundedata, ikke givet",
      );
    } finally {
      env.standin.setProtectedCustomerData(SHOP, 2);
    }
  }, 60_000);

  it("refuses a bad month and an unknown shop in one line", async () => {
    const bad = await cli(["report", "--shop", SHOP, "--month", "October"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--month is required, as YYYY-MM/);
    const unknown = await cli(["report", "--shop", "nobody.myshopify.com", "--month", "2026-10"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toMatch(/nobody.myshopify.com is not installed/);
  }, 60_000);
});
