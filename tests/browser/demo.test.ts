/**
 * `npm run demo` end to end in Debian Chromium: the dashboard renders with the demo shop's data
 * (read through the stand-in), every navigation page renders, and screenshots are saved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchChromium, screenshotPath } from "../helpers/browser";
import { startDemoServer, type DemoServer } from "../helpers/demo-server";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;

run("demo in the browser", () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    demo = await startDemoServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("serves the dashboard with the demo shop's data and no Shopify login", async () => {
    const response = await page.goto(`${demo.url}/`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/app");
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await expect(page.getByText("nordvej-outdoor.myshopify.com").first().isVisible()).resolves.toBe(
      true,
    );
    const products = await page.locator("text=Products").first().isVisible();
    expect(products).toBe(true);
    await page.screenshot({ path: screenshotPath("dashboard"), fullPage: true });
    // The stand-in's product count, not a placeholder.
    const body = await page.locator("body").innerText();
    expect(body).toMatch(/Products\s+\d{3}/);
    expect(body).not.toMatch(/could not read this shop/);
  });

  it.each([
    // The demo's seeded history (scripts/demo-history.ts) has audited the shop already.
    ["products", "Products", "Product health"],
    ["checkout", "Checkout", "Checkout checks have not run yet"],
    ["performance", "Performance", "App and performance audits have not run yet"],
    ["reports", "Reports", "Not drafted yet"],
    ["settings", "Settings", "Privacy requests"],
  ])("navigates to %s", async (slug, title, text) => {
    await page.getByRole("link", { name: title, exact: true }).first().click();
    await page.waitForURL(`**/app/${slug}`);
    await page.getByRole("heading", { name: title, exact: true }).first().waitFor();
    await page.getByText(text).first().waitFor();
    await page.screenshot({ path: screenshotPath(slug), fullPage: true });
  });

  it("raised no script errors in the page", () => {
    expect(consoleErrors).toEqual([]);
  });
});
