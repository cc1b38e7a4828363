/**
 * The Checkout page in Debian Chromium on `npm run demo`: the empty state before any run, then
 * "Run checkout checks" through the demo's background worker (live progress), then the results:
 * readiness findings with fix links and one row per market. The demo storefront is
 * password-protected as seeded (a planted defect), so every market's test cart stops at the
 * password page and the page must say so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchChromium, screenshotPath } from "../helpers/browser";
import { startDemoServer, type DemoServer } from "../helpers/demo-server";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;

run("the Checkout page in the browser", () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

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

  it("explains what the checks do before the first run", async () => {
    await page.goto(`${demo.url}/app/checkout`);
    await page.getByText("Checkout checks have not run yet").waitFor();
    await page.getByRole("button", { name: "Run checkout checks" }).waitFor();
    await page.screenshot({ path: screenshotPath("checkout-empty"), fullPage: true });
  });

  it("runs the checks in the background with progress, then shows readiness and every market", async () => {
    await page.getByRole("button", { name: "Run checkout checks" }).click();
    // Live progress while the job runs: it reads the whole catalogue under the Standard-plan
    // bucket first (minutes on a loaded 2-core machine), as on a real shop.
    await page.locator("#checkout-progress").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("checkout-running"), fullPage: true });

    await page.getByRole("heading", { name: "Markets", exact: true }).waitFor({ timeout: 560_000 });
    await page
      .getByText(/password/i)
      .first()
      .waitFor();
    const fixLinks = page.getByRole("link", { name: /Fix in Shopify|Open in Shopify/ });
    expect(await fixLinks.count()).toBeGreaterThan(0);
    const markets = await page.getByRole("row").count();
    expect(markets).toBeGreaterThan(1);
    // Payment readiness from what the app may read, and what no API shows.
    await page
      .getByText(/^Payments as the Storefront API reports them: \d+ card brands?/)
      .waitFor();
    await page
      .getByText(/^What Shopify's APIs do not show: PayPal and manual payment methods/)
      .waitFor();
    await page.screenshot({ path: screenshotPath("checkout-results"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath("checkout-results-390"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  }, 600_000);
});
