/**
 * The monthly report as the manager and the merchant see it, on `npm run demo` in Debian
 * Chromium: a real audit ("Run now"), the month's draft built from it, commentary saved and the
 * report issued, a share link opened without login (noindex) in Danish, and the link revoked.
 * Screenshots in artifacts/screenshots/report-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createDb, type Db } from "~/db/db.server";
import { monthOf } from "~/time";
import { chromiumAvailable, launchChromium, screenshotPath } from "../helpers/browser";
import { sharedDemoServer, type DemoServer } from "../helpers/demo-server";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;

run("the monthly report in the browser", () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  let db: Db;
  let shareUrl = "";
  const pageErrors: string[] = [];
  // The demo shop's time zone (the seeded store's).
  let month = "";

  beforeAll(async () => {
    demo = await sharedDemoServer();
    db = createDb(demo.databaseUrl);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await db?.$disconnect();
    await browser?.close();
    await demo?.stop();
  });

  /** "Run now" on the dashboard, then wait until the audit run has succeeded. */
  async function auditNow() {
    const succeeded = { kind: "full", status: "succeeded" };
    const before = await db.auditRun.count({ where: succeeded });
    await page.goto(`${demo.url}/app`);
    await page.getByRole("heading", { name: "Full audit" }).waitFor();
    await page.waitForLoadState("networkidle");
    const button = page.getByRole("button", { name: "Run now" });
    await expect.poll(() => button.isEnabled(), { timeout: 300_000 }).toBe(true);
    // Run now is disabled while the audit is queued or running. A click before the page is
    // hydrated does nothing: click again.
    for (let attempt = 1; ; attempt++) {
      await button.click();
      try {
        await expect.poll(() => button.isDisabled(), { timeout: 30_000 }).toBe(true);
        break;
      } catch (error) {
        if (attempt === 3) {
          await page.screenshot({
            path: screenshotPath("report-audit-not-started"),
            fullPage: true,
          });
          throw error;
        }
      }
    }
    // A busy machine can fail an attempt (the job retries it): wait for the run's success.
    try {
      await expect
        .poll(() => db.auditRun.count({ where: succeeded }), { timeout: 600_000, interval: 5000 })
        .toBeGreaterThan(before);
    } catch (error) {
      await page.screenshot({ path: screenshotPath("report-audit-failed"), fullPage: true });
      throw error;
    }
  }

  it("drafts this month's report from the audit run", async () => {
    await auditNow();
    const settings = await db.shopSettings.findUnique({
      where: { shop: "nordvej-outdoor.myshopify.com" },
    });
    month = monthOf(new Date(), settings?.ianaTimezone ?? "UTC");

    await page.goto(`${demo.url}/app/reports`);
    await page.getByRole("heading", { name: "Reports", exact: true }).waitFor();
    const list = await page.locator("body").innerText();
    expect(list).toMatch(/Not drafted yet/);
    await page.screenshot({ path: screenshotPath("report-list"), fullPage: true });

    await page.goto(`${demo.url}/app/reports/${month}`);
    await page
      .getByText(/Draft · version 1/)
      .first()
      .waitFor();
    const report = page.locator("article.tv-report");
    const text = await report.innerText();
    expect(text).toMatch(/Executive summary/);
    expect(await page.getByTestId("score-now").innerText()).toMatch(/\d/);
    // The demo's seeded history (scripts/demo-history.ts) gives last month's score to compare.
    expect(await page.getByTestId("score-previous").innerText()).toMatch(/\d/);
    expect(text).toMatch(/The ten most important open problems/);
    expect(await page.getByTestId("top-findings").locator("tr").count()).toBe(10);
    expect(text).toMatch(/Not yet measured/);
    // The month is not over: no partial key figures.
    expect(text).toMatch(/Sessions\s+not available: the month is not over/);
    await page.screenshot({ path: screenshotPath("report-draft"), fullPage: true });
  }, 1_300_000);

  it("saves commentary, issues the report and shares it by link", async () => {
    await page
      .getByLabel("Commentary")
      .fill("Photos were the focus this month: <b>tents</b> first.");
    await page
      .getByLabel("Priorities for next month")
      .fill("1. Barcodes on all jackets\n2. Alt texts");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Commentary and priorities saved.").waitFor();
    await page.getByRole("button", { name: "Issue report" }).click();
    await page.getByText("Report issued. It will not change any more.").waitFor();
    await page
      .getByText(/Issued · version 1/)
      .first()
      .waitFor();
    expect(await page.getByTestId("commentary").innerText()).toBe(
      "Photos were the focus this month: <b>tents</b> first.",
    );
    await page.getByRole("button", { name: "Create share link" }).click();
    const field = page.getByLabel("Share link");
    await field.waitFor();
    shareUrl = await field.inputValue();
    expect(shareUrl).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: screenshotPath("report-issued"), fullPage: true });
  }, 120_000);

  it("opens the share link without login, in Danish, never indexed", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const merchant = await context.newPage();
    const response = await merchant.goto(`${shareUrl}?lang=da`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["x-robots-tag"]).toContain("noindex");
    expect(await merchant.locator('meta[name="robots"]').getAttribute("content")).toContain(
      "noindex",
    );
    const text = await merchant.locator("article.tv-report").innerText();
    expect(text).toMatch(/Månedsrapport/);
    expect(text).toMatch(/Resumé/);
    expect(text).toMatch(/Endnu ikke målt/);
    expect(text).toMatch(/<b>tents<\/b>/);
    await merchant.screenshot({ path: screenshotPath("report-shared-da"), fullPage: true });
    await context.close();
  }, 60_000);

  it("revokes the link: it no longer opens", async () => {
    await page.getByRole("button", { name: "Revoke" }).click();
    await page.getByText("Share link revoked").waitFor();
    const response = await fetch(shareUrl);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
  }, 60_000);

  it("raised no script errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
