/**
 * The Products page in Debian Chromium on `npm run demo`: a full audit started with "Run now" on
 * the dashboard, then the grouped findings, a filter, the product drawer, bulk suppress, the
 * rule settings and the health-score explanation, each with a screenshot in
 * artifacts/screenshots/ (products-*.png).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchChromium, screenshotPath } from "../helpers/browser";
import { sharedDemoServer, type DemoServer } from "../helpers/demo-server";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;

run("the Products page on the demo shop", () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    demo = await sharedDemoServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 180_000);

  /** Opens a page and waits until it is hydrated (links and buttons run the app's code). */
  async function open(path: string) {
    await page.goto(`${demo.url}${path}`);
    await page.waitForLoadState("networkidle");
  }

  /**
   * The whole page in one picture, taken with a viewport as tall as the page: Polaris keeps the
   * table's pagination sticky at the viewport's bottom, which a scrolled full-page capture
   * would paint over a row in the middle.
   */
  async function fullShot(name: string) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: screenshotPath(width === 1280 ? name : `${name}-390`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("runs a full audit from the dashboard and lists its findings grouped by rule", async () => {
    await open(`/app`);
    await page.getByRole("button", { name: "Run now" }).click();
    await page.getByText("Audit started. Progress shows below.").waitFor();
    await fullShot("products-run-started");
    // The run's progress shows live; the Products page has findings once it succeeded.
    const deadline = Date.now() + 480_000;
    for (;;) {
      await open(`/app/products`);
      if (await page.getByRole("heading", { name: "Product health" }).isVisible()) break;
      if (Date.now() > deadline) throw new Error(`The audit did not finish:\n${demo.output()}`);
      await page.waitForTimeout(2000);
    }
    await page.getByText(/Page 1 of \d+ · [\d,]+ findings?/).waitFor();
    const groups = page.locator("text=Product has no images").first();
    await expect(groups.isVisible()).resolves.toBe(true);
    const body = await page.locator("body").innerText();
    expect(body).toMatch(/\d+\s*\/ 100 overall/);
    expect(body).toMatch(/Last audit .* · \d+ new/);
    await fullShot("products-grouped");
  }, 540_000);

  it(
    "filters to one rule and severity; every row is that problem",
    { timeout: 60_000 },
    async () => {
      await open(`/app/products?severity=critical&rule=product.missing-image`);
      const label = page.getByText(/Page 1 of \d+ · [\d,]+ findings?/);
      await label.waitFor();
      const matching = Number(
        /· ([\d,]+) finding/.exec(await label.innerText())?.[1]?.replace(/,/g, ""),
      );
      expect(matching).toBeGreaterThan(0);
      const rows = page.locator("tbody tr");
      expect(await rows.count()).toBe(Math.min(50, matching));
      const problems = await page.locator("tbody tr td:nth-child(3)").allInnerTexts();
      expect(problems.every((p) => /no images/i.test(p))).toBe(true);
      // The applied filters show as removable tags.
      await expect(page.getByText("Severity: critical").first().isVisible()).resolves.toBe(true);
      await fullShot("products-filtered");
    },
  );

  it(
    "opens the product drawer with all of one product's findings",
    { timeout: 60_000 },
    async () => {
      await open(`/app/products?rule=product.missing-image`);
      const link = page.locator("tbody tr a").first();
      const title = (await link.innerText()).trim();
      await link.click();
      const drawer = page.getByRole("dialog");
      await drawer.waitFor();
      await expect(drawer.getByText(title).first().isVisible()).resolves.toBe(true);
      await expect(drawer.getByText("Product has no images").first().isVisible()).resolves.toBe(
        true,
      );
      expect(new URL(page.url()).searchParams.get("product")).toMatch(
        /^gid:\/\/shopify\/Product\//,
      );
      await page.screenshot({ path: screenshotPath("products-drawer") });
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "detached" });
    },
  );

  it("suppresses a selected finding with a reason", { timeout: 60_000 }, async () => {
    await open(`/app/products?severity=info`);
    const label = page.getByText(/Page 1 of \d+ · [\d,]+ findings?/);
    await label.waitFor();
    const before = Number(
      /· ([\d,]+) finding/.exec(await label.innerText())?.[1]?.replace(/,/g, ""),
    );
    await page.locator("tbody tr").first().locator('input[type="checkbox"]').check({ force: true });
    await page.getByRole("button", { name: "Suppress…" }).click();
    const modal = page.getByRole("dialog");
    await modal.getByText("Suppress 1 finding").waitFor();
    await modal.getByLabel("Reason").fill("SEO texts are written by the agency in January");
    await page.screenshot({ path: screenshotPath("products-suppress-modal") });
    await modal.getByRole("button", { name: "Suppress", exact: true }).click();
    await page.getByText("Suppressed 1 finding.").waitFor();
    await page
      .getByText(`· ${(before - 1).toLocaleString("en-US")} finding`)
      .first()
      .waitFor();
  });

  it("shows the rule settings", { timeout: 60_000 }, async () => {
    await open(`/app/products`);
    await page.getByRole("button", { name: "Rule settings" }).first().click();
    const modal = page.getByRole("dialog");
    await modal.getByText("Rule settings").first().waitFor();
    await expect(modal.getByRole("button", { name: "Save" }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("products-rule-settings") });
    await modal.getByRole("button", { name: "Cancel" }).click();
  });

  it("explains how the health score is computed", { timeout: 60_000 }, async () => {
    await open(`/app/products`);
    await page.getByRole("button", { name: "How is this computed?" }).click();
    await page.getByText(/Score = 100 × clean ÷ \(clean \+ the weighted problems\)/).waitFor();
    const body = await page.locator("body").innerText();
    expect(body).toMatch(/\d+ of \d+ products have no open problem in Images\./);
    await fullShot("products-health-score");
  });

  it("raised no script errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
