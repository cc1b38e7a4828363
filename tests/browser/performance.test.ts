/**
 * The Performance page in Debian Chromium on `npm run demo`: the demo storefront's password is
 * shown where it is entered; without it saved the measurement says the storefront could not be
 * measured; a wrong password is refused when saved; with the right one saved, three background
 * runs fill the page (figures per page type, app footprint, the leftover finding) and the trend
 * charts. Settings shows the same password card. Screenshots at 1280 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { chromiumAvailable, launchChromium, screenshotPath } from "../helpers/browser";
import { startDemoServer, type DemoServer } from "../helpers/demo-server";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;

/** Reloads until the text shows (the job runs in the demo server's background worker). */
async function reloadUntil(page: Page, text: string | RegExp, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.getByText(text).first().isVisible()) return;
    if (Date.now() > deadline) throw new Error(`"${String(text)}" did not appear`);
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();
    await page.getByRole("heading", { name: "Performance", exact: true }).first().waitFor();
  }
}

/** A full-page screenshot at 1280 px and at 390 px (a phone), back to 1280 after. */
async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(1000); // charts re-lay out after the resize
  await page.screenshot({ path: screenshotPath(`${name}-390`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function measure(page: Page) {
  await page.getByRole("button", { name: "Measure storefront" }).click();
  await page.getByText("Measuring the storefront in the background").waitFor();
}

run("the Performance page in the browser", () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const password = generateDemoStore({ seed: 42 }).store.shop.storefrontPassword ?? "";

  beforeAll(async () => {
    demo = await startDemoServer(300_000);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => errors.push(error.message));
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("says plainly that a password-protected storefront could not be measured without its password", async () => {
    await page.goto(`${demo.url}/app/performance`);
    await page.getByText("App and performance audits have not run yet").waitFor();
    await measure(page);
    await reloadUntil(page, "The last measurement could not measure the storefront");
    await page.getByText(/password-protected and no storefront password is saved/).waitFor();
    // The demo storefront's password is named where it is entered.
    await page.getByText(`Its password is ${password}`).first().waitFor();
    await screenshots(page, "performance-no-password");
  }, 90_000);

  it("refuses a password the storefront rejects, saying so", async () => {
    await page.getByLabel("Storefront password").fill("nordvej-1234");
    await page.getByRole("button", { name: "Save password" }).click();
    await page
      .getByText("The storefront did not accept this password, so it was not saved.")
      .waitFor();
    expect(await page.getByText("Not saved").count()).toBeGreaterThan(0);
    await screenshots(page, "performance-password-refused");
  }, 60_000);

  it("measures with the saved password and shows figures, apps, findings and trend charts", async () => {
    await page.getByLabel("Storefront password").fill(password);
    await page.getByRole("button", { name: "Save password" }).click();
    await page
      .getByText("The storefront accepted the password. It is saved (encrypted).")
      .waitFor();
    for (const n of [1, 2, 3]) {
      await measure(page);
      await reloadUntil(page, `${n} ${n === 1 ? "measurement" : "measurements"} stored`);
      // The first measurement has nothing to compare with, and says so.
      if (n === 1)
        await page.getByText("First measurement: nothing to compare with yet.").waitFor();
    }
    expect(await page.getByText("First measurement").count()).toBe(0);
    const body = await page.locator("body").innerText();
    for (const label of [
      "Home page",
      "Collection page",
      "Product page",
      "Cart page",
      "Search page",
    ])
      expect(body).toContain(label);
    expect(body).toContain("Klikmail Email Marketing (demo store)");
    expect(body).toContain("widgets.trustbadge.example");
    expect(body).toMatch(
      /layout\/theme\.liquid line \d+ loads https:\/\/cdn\.some-removed-app\.example/,
    );
    expect(body).toContain("perf.render-blocking-third-party");
    // Theme code read with the Liquid parser: leftovers in a section group's Custom Liquid and in
    // a snippet, and theme-check's findings with file and line.
    expect(body).toMatch(
      /sections\/footer-group\.json line \d+ \(in the setting sections\.custom_liquid_tracking/,
    );
    expect(body).toMatch(
      /snippets\/size-guide\.liquid line \d+ loads https:\/\/cdn\.sizeguide\.example/,
    );
    for (const rule of [
      "perf.theme-parser-blocking-script",
      "perf.theme-asset-size",
      "perf.theme-deprecated-code",
      "perf.theme-missing-file",
      "perf.theme-syntax-error",
    ])
      expect(body).toContain(rule);
    expect(body).toMatch(/Shopify's theme-check ran \d+ checks/);
    expect(body).not.toMatch(/loads https:\/\/cdn\.valuta\.example/);
    const charts = page.locator('[data-testid="perf-trend-chart"] svg');
    await charts.first().waitFor();
    expect(await page.locator('[data-testid="perf-trend-chart"]').count()).toBe(2);
    await page.waitForTimeout(1000); // chart animations
    await screenshots(page, "performance");
  }, 180_000);

  it("Settings shows the saved password and the demo password too", async () => {
    await page.goto(`${demo.url}/app/settings`);
    await page.getByRole("heading", { name: "Storefront password" }).first().waitFor();
    await page.getByText(`Its password is ${password}`).first().waitFor();
    expect(await page.getByText("Saved", { exact: true }).count()).toBeGreaterThan(0);
    await screenshots(page, "settings-storefront-password");
  }, 60_000);

  it("raised no script errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
