/**
 * The job system as the manager sees it, on `npm run demo` in Debian Chromium: "Run now" on the
 * dashboard shows the run live (phase, percentage, Cancel), a cancelled and a finished run in the
 * run history with durations and outcomes, a failed (dead-letter) run with its error, and the
 * weekly schedule and alert recipients on the settings page. Screenshots in artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createDb, type Db } from "~/db/db.server";
import { chromiumAvailable, launchChromium, screenshotPath } from "../helpers/browser";
import { startDemoServer, type DemoServer } from "../helpers/demo-server";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;
const SHOP = "nordvej-outdoor.myshopify.com";
const DEAD_ERROR =
  "Shopify answered 503 Service Unavailable to the products query three times; gave up after 3 attempts.";

run("job runs in the browser", () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  let db: Db;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The demo shop's audit takes about a second; its bulk operations are slowed to 15 s a step
    // (as a larger shop's would take) so the run can be watched live and cancelled.
    demo = await startDemoServer(undefined, { DEMO_BULK_STEP_MS: "15000" });
    db = createDb(demo.databaseUrl);
    // Earlier weeks, as the scheduler leaves them: one audit that succeeded, and one that used up
    // its attempts (the dead-letter state) with its error. Written before any run starts, so this
    // process never writes the demo's database while the demo's runner does.
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
    const earlier = (id: string, days: number, seconds: number) => ({
      id: `audit.run-shop:${SHOP}:${id}`,
      shop: SHOP,
      jobId: "audit.run-shop",
      jobVersion: 1,
      payload: JSON.stringify({ shop: SHOP, trigger: "schedule" }),
      runAt: ago(days),
      maxAttempts: 3,
      concurrencyKey: `audit:${SHOP}`,
      createdAt: ago(days),
      startedAt: ago(days),
      finishedAt: new Date(ago(days).getTime() + seconds * 1000),
    });
    await db.jobRun.create({
      data: { ...earlier("two-weeks-ago", 14, 124), status: "succeeded", attempts: 1 },
    });
    await db.jobRun.create({
      data: { ...earlier("last-week", 7, 95), status: "dead", attempts: 3, error: DEAD_ERROR },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await db?.$disconnect();
    await browser?.close();
    await demo?.stop();
  });

  const auditCard = () =>
    page
      .locator(".Polaris-ShadowBevel")
      .filter({ has: page.getByRole("heading", { name: "Full audit" }) });

  it("shows a run started with Run now live: phase, percentage and Cancel", async () => {
    await page.goto(`${demo.url}/app`);
    await page.getByRole("heading", { name: "Full audit" }).waitFor();
    await page.getByRole("button", { name: "Run now" }).click();
    const card = auditCard();
    await card.getByRole("button", { name: "Cancel" }).waitFor({ timeout: 60_000 });
    // Live: the percentage moves past 0 while the shop is collected, without a reload.
    try {
      await page.waitForFunction(
        () => {
          const match = /\n\s*(\d+)%/.exec(document.body.innerText);
          return match !== null && Number(match[1]) > 0;
        },
        undefined,
        { timeout: 90_000 },
      );
    } finally {
      await page.screenshot({ path: screenshotPath("runs-dashboard-live"), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: screenshotPath("runs-dashboard-live-390"), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    const text = await card.innerText();
    expect(text).toMatch(/Running/);
    expect(text).toMatch(/Collecting \w+/);
    expect(text).toMatch(/\b([1-9]\d?)%/);
    expect(text).toMatch(/Run now · started/);
    await expect(card.getByRole("button", { name: "Cancel" }).isEnabled()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Run now" }).isDisabled()).resolves.toBe(true);
  }, 150_000);

  it("cancels the running audit from the dashboard", async () => {
    const card = auditCard();
    await card.getByRole("button", { name: "Cancel" }).click();
    await card.getByText("Cancelled", { exact: true }).waitFor({ timeout: 60_000 });
    expect(await card.innerText()).toMatch(/Last run .* · Run now · \d+ s/);
    await expect(page.getByRole("button", { name: "Run now" }).isEnabled()).resolves.toBe(true);
  }, 90_000);

  it("lists the live run, the cancelled one and earlier outcomes in the run history", async () => {
    await page.getByRole("button", { name: "Run now" }).click();
    await auditCard().getByText("Running").waitFor({ timeout: 30_000 });

    await auditCard().getByRole("link", { name: "Run history" }).click();
    await page.waitForURL("**/app/runs");
    await page.getByRole("heading", { name: "Run history" }).waitFor();
    const audits = page.locator(".Polaris-IndexTable__TableRow").filter({ hasText: "Full audit" });
    await expect.poll(() => audits.count(), { timeout: 30_000 }).toBe(4);
    // Live: the running audit's percentage moves on this page too (it polls while a run is active).
    const percent = async () => Number(/(\d+)%/.exec(await audits.first().innerText())?.[1] ?? -1);
    const before = await percent();
    await expect.poll(percent, { timeout: 60_000, interval: 500 }).toBeGreaterThan(before);
    const [live, cancelled, dead, succeeded] = await audits.allInnerTexts();
    expect(live).toMatch(/Run now/);
    expect(live).toMatch(/Running/);
    expect(live).toMatch(/Collecting \w+( — [^·]+)? · \d+%/);
    expect(cancelled).toMatch(/Run now/);
    expect(cancelled).toMatch(/Cancelled/);
    expect(cancelled).toMatch(/\b\d+ s\b/);
    expect(succeeded).toMatch(/Weekly schedule/);
    expect(succeeded).toMatch(/Succeeded/);
    expect(succeeded).toMatch(/2 min 4 s/);
    expect(succeeded).toMatch(/1\s*\/\s*3/);
    expect(dead).toMatch(/Weekly schedule/);
    expect(dead).toMatch(/Failed/);
    expect(dead).toMatch(/1 min 35 s/);
    expect(dead).toMatch(/3\s*\/\s*3/);
    expect(dead).toContain(DEAD_ERROR);
    expect(await page.locator("body").innerText()).toMatch(/Times in Europe\/Copenhagen/);
    await page.screenshot({ path: screenshotPath("runs-history"), fullPage: true });

    // Stop the live audit, so the settings below are saved on a quiet database.
    await page.goto(`${demo.url}/app`);
    await auditCard().getByRole("button", { name: "Cancel" }).click();
    await auditCard().getByText("Cancelled", { exact: true }).waitFor({ timeout: 60_000 });
  }, 240_000);

  it("shows the weekly schedule in the shop's time zone and the alert recipients", async () => {
    await page.getByRole("link", { name: "Settings", exact: true }).first().click();
    await page.waitForURL("**/app/settings");
    await page.getByRole("heading", { name: "Settings", exact: true }).first().waitFor();
    await page.getByLabel("Day").selectOption({ label: "Thursday" });
    await page.getByLabel("Time").selectOption({ label: "07:00" });
    try {
      await page.getByRole("button", { name: "Save schedule" }).click();
      await page.getByText("Weekly audit schedule saved.").waitFor();
      await page.getByLabel("Email recipients").fill("ops@nordvej.example, anna@agency.example");
      await page.getByRole("button", { name: "Save alerts" }).click();
      await page.getByText("Alert settings saved.").waitFor();
    } catch (error) {
      await page.screenshot({ path: screenshotPath("runs-settings-failed"), fullPage: true });
      throw error;
    }

    await page.reload();
    await page.getByText("Shop time zone: Europe/Copenhagen").waitFor();
    await expect(page.getByLabel("Audit this shop every week").isChecked()).resolves.toBe(true);
    await expect(page.getByLabel("Day").inputValue()).resolves.toBe("4");
    await expect(page.getByLabel("Time").inputValue()).resolves.toBe("7");
    await expect(page.getByLabel("Email recipients").inputValue()).resolves.toBe(
      "ops@nordvej.example, anna@agency.example",
    );
    // The next run is a Thursday at 07:00, Copenhagen time, within the coming week.
    const next = /Next run: (\d{1,2} \w{3} \d{4}), 07:00/.exec(
      await page.locator("body").innerText(),
    );
    expect(next).not.toBeNull();
    const day = new Date(`${next?.[1] ?? ""} 12:00 UTC`);
    expect(day.getUTCDay()).toBe(4);
    expect(day.getTime() - Date.now()).toBeLessThan(8 * 86_400_000);
    await page.screenshot({ path: screenshotPath("runs-settings"), fullPage: true });
  }, 60_000);

  it("raised no script errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
