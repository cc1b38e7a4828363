/**
 * Lighthouse on the Performance page, in Debian Chromium on `npm run demo`: the honest empty
 * state, then "Run Lighthouse" runs the `perf.lighthouse` job in the demo's background worker —
 * a real Lighthouse in a second, headless Chromium that reaches the stand-in storefront through
 * the demo's TLS front — and the page shows the store score and each page type's figures.
 * One run per page (TOVHOLDER_LIGHTHOUSE_RUNS=1) keeps it to about a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { chromiumAvailable, launchChromium, screenshotPath } from "../helpers/browser";
import { startDemoServer, type DemoServer } from "../helpers/demo-server";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;

run("Lighthouse on the Performance page", () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const password = generateDemoStore({ seed: 42 }).store.shop.storefrontPassword ?? "";

  beforeAll(async () => {
    demo = await startDemoServer(300_000, { TOVHOLDER_LIGHTHOUSE_RUNS: "1" });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => errors.push(error.message));
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("says Lighthouse has not run yet, then runs it in the background and shows the figures", async () => {
    await page.goto(`${demo.url}/app/performance`);
    await page.getByText("Lighthouse has not run yet").waitFor();
    await page.getByLabel("Storefront password").fill(password);
    await page.getByRole("button", { name: "Save password" }).click();
    await page
      .getByText("The storefront accepted the password. It is saved (encrypted).")
      .waitFor();

    await page.getByRole("button", { name: "Run Lighthouse" }).click();
    await page.getByText("Running Lighthouse in the background").waitFor();

    // Live progress, like the audit card: the phase and percent while it runs, and Cancel.
    const card = page.getByTestId("lighthouse-card");
    const progress = card.getByRole("progressbar");
    await progress.waitFor({ timeout: 60_000 });
    expect(await card.innerText()).toMatch(/Running[\s\S]*\d{1,3}%/);
    await expect.poll(() => card.getByRole("button", { name: "Cancel" }).count()).toBe(1);
    await card.screenshot({ path: screenshotPath("performance-lighthouse-running") });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath("performance-lighthouse-running-390") });
    await page.setViewportSize({ width: 1280, height: 900 });
    // The figures appear when the run ends, without reloading the page.
    await card.getByText("1 run per page").waitFor({ timeout: 180_000 });
    expect(await progress.count()).toBe(0);
    expect(await card.getByText("Progress shows below").count()).toBe(0);
    const text = await card.innerText();
    expect(text).toMatch(/Store score\s*\d{1,3}/);
    for (const [label, weight] of [
      ["Home", "17 %"],
      ["Collection", "43 %"],
      ["Product", "40 %"],
    ] as const)
      expect(text).toMatch(
        new RegExp(
          `${label}\\s+${weight}\\s+(Good|Needs improvement|Poor)\\s+\\d{1,3}\\s+\\d+\\.\\d s\\s+\\d+ ms\\s+\\d\\.\\d{3}`,
        ),
      );
    expect(text).toContain("The trend appears after the second Lighthouse run.");
    await card.screenshot({ path: screenshotPath("performance-lighthouse-card") });
    await page.screenshot({ path: screenshotPath("performance-lighthouse"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath("performance-lighthouse-390"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 300_000);

  it("raised no script errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
