/**
 * The product block rendered in Debian Chromium: the extension's real entry module, bundled
 * the way Shopify CLI bundles it (one script, Preact included), with a stand-in for the
 * `shopify` global (the product id, the locale file as `i18n`) and the app's API answered by
 * the test. Asserts what a merchant sees in each state.
 *
 * What this cannot show: Shopify admin draws the `s-*` elements as Polaris components (here
 * they are plain elements with their text and attributes), and adds the ID token to the
 * block's fetch (here nobody does; the route's tests cover the token).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Browser, Page, Route } from "playwright-core";
import { build, type Rollup } from "vite";
import type {
  ProductFinding,
  ProductFindingsPayload,
} from "../../extensions/product-qa-block/src/contract";
import { chromiumAvailable, launchChromium } from "../helpers/browser";
import { ROOT } from "../helpers/databases";

const EXTENSION = join(ROOT, "extensions/product-qa-block");
/** Stands in for the app URL that Shopify resolves the block's relative fetch against. */
const APP_ORIGIN = "https://tovholder.test";
const PRODUCT = "gid://shopify/Product/1001";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;

const finding = (
  severity: ProductFinding["severity"],
  title: string,
  extra: Partial<ProductFinding> = {},
): ProductFinding => ({
  key: `${title}:${PRODUCT}`,
  ruleId: title.toLowerCase().replaceAll(" ", "-"),
  severity,
  title,
  message: `${title}: details.`,
  fixHint: `Fix ${title.toLowerCase()} in admin.`,
  variant: null,
  ...extra,
});

const THREE_PROBLEMS: ProductFindingsPayload = {
  productId: PRODUCT,
  checkedAt: "2026-11-20T06:30:00.000Z",
  findings: [
    finding("critical", "Product has no images"),
    finding("warning", "Variant has no SKU", {
      variant: { title: "M", adminLink: "shopify:admin/products/1001/variants/10011" },
    }),
    finding("info", "SEO description is missing", { fixHint: null }),
  ],
  openCount: 3,
  suppressedCount: 1,
};

const CLEAN: ProductFindingsPayload = {
  productId: PRODUCT,
  checkedAt: "2026-11-24T09:15:00.000Z",
  findings: [],
  openCount: 0,
  suppressedCount: 0,
};

/** The block's script, built from src/BlockExtension.tsx as an IIFE exposing its default export. */
async function bundleBlock(): Promise<string> {
  const result = (await build({
    configFile: false,
    root: EXTENSION,
    logLevel: "silent",
    build: {
      write: false,
      minify: false,
      lib: {
        entry: join(EXTENSION, "src/BlockExtension.tsx"),
        formats: ["iife"],
        name: "TovholderBlock",
        fileName: () => "block.js",
      },
      rollupOptions: { output: { exports: "named" } },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const output = Array.isArray(result) ? result[0] : result;
  const chunk = output?.output[0];
  if (!chunk || chunk.type !== "chunk") throw new Error("the block did not bundle to one script");
  return chunk.code;
}

type Answer = { status: number; body: unknown } | "network-failure";

/**
 * Answers the block's API calls in order; an answer can be held until the test releases it,
 * to look at the block while a call is in flight.
 */
class FakeApp {
  readonly requests: { method: string; url: string }[] = [];
  private readonly queue: { answer: Answer; gate: Promise<void> }[] = [];

  answer(answer: Answer): void {
    this.queue.push({ answer, gate: Promise.resolve() });
  }

  /** Queues an answer sent only when the returned function is called. */
  hold(answer: Answer): () => void {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.queue.push({ answer, gate });
    return release;
  }

  async handle(route: Route): Promise<void> {
    this.requests.push({ method: route.request().method(), url: route.request().url() });
    const next = this.queue.shift();
    // An unexpected call is recorded above, which the tests' request lists catch.
    if (!next) return route.fulfill({ status: 599 });
    await next.gate;
    if (next.answer === "network-failure") return route.abort("failed");
    return route.fulfill({
      status: next.answer.status,
      contentType: "application/json",
      body: JSON.stringify(next.answer.body),
    });
  }
}

/**
 * `shopify.i18n.translate` over the block's locale file, as Shopify documents it: dotted keys,
 * `{{name}}` replacements, `count` choosing the plural form. A missing key throws, so a text
 * the block asks for but the locale lacks fails the test (as a page error).
 */
function installShopifyGlobal({ locale, productId }: { locale: unknown; productId: string }) {
  const plural = new Intl.PluralRules("en");
  const lookup = (key: string): unknown =>
    key
      .split(".")
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], locale);
  (window as unknown as { shopify: unknown }).shopify = {
    data: { selected: [{ id: productId }] },
    i18n: {
      translate(key: string, options: Record<string, string | number> = {}) {
        let text = lookup(key);
        if (text !== null && typeof text === "object" && typeof options.count === "number")
          text = (text as Record<string, unknown>)[plural.select(options.count)];
        if (typeof text !== "string") throw new Error(`missing translation: ${key}`);
        return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(options[name]));
      },
      formatDate: (date: Date, options: Intl.DateTimeFormatOptions) =>
        new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).format(date),
    },
  };
}

run("the product block in Chromium", () => {
  let browser: Browser;
  let script: string;
  let page: Page;
  let app: FakeApp;
  let pageErrors: string[];
  const locale: unknown = JSON.parse(
    readFileSync(join(EXTENSION, "locales/en.default.json"), "utf8"),
  );

  beforeAll(async () => {
    [script, browser] = await Promise.all([bundleBlock(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    app = new FakeApp();
    pageErrors = [];
    page = await browser.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.addInitScript(installShopifyGlobal, { locale, productId: PRODUCT });
    await page.route(`${APP_ORIGIN}/api/**`, (route) => app.handle(route));
    await page.route(`${APP_ORIGIN}/admin/product`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="en"><head><script>${script}</script></head><body></body></html>`,
      }),
    );
    return async () => {
      await page.close();
      expect(pageErrors).toEqual([]);
    };
  });

  /** Opens the page and runs the extension as Shopify does: by calling its default export. */
  async function openBlock(): Promise<void> {
    await page.goto(`${APP_ORIGIN}/admin/product`);
    await page.evaluate(() =>
      (
        window as unknown as { TovholderBlock: { default: () => Promise<void> } }
      ).TovholderBlock.default(),
    );
  }

  const block = () => page.locator("s-admin-block");
  const text = () => block().innerText();
  const recheckButton = () => page.locator("s-button", { hasText: "Re-check" });

  it("shows loading, then the open problems by severity with fix hints and the hidden count", async () => {
    const release = app.hold({ status: 200, body: THREE_PROBLEMS });
    await openBlock();
    await expect(block().getAttribute("heading")).resolves.toBe("Product data QA");
    await page.getByText("Loading this product's problems…").waitFor();
    await expect(page.locator("s-spinner").getAttribute("accessibilitylabel")).resolves.toBe(
      "Loading this product's problems…",
    );

    release();
    await page.locator("s-list-item").first().waitFor();
    expect(app.requests).toEqual([
      {
        method: "GET",
        url: `${APP_ORIGIN}/api/product-findings?id=gid%3A%2F%2Fshopify%2FProduct%2F1001`,
      },
    ]);
    // Each problem as the merchant reads it: its badge, texts and link, in order.
    const items = await page
      .locator("s-list-item")
      .evaluateAll((elements) =>
        elements.map((item) =>
          [...item.querySelectorAll("s-badge, s-text, s-link")].map((e) => e.textContent),
        ),
      );
    expect(items).toEqual([
      [
        "Critical",
        "Product has no images",
        "Product has no images: details.",
        "How to fix: Fix product has no images in admin.",
      ],
      [
        "Warning",
        "Variant has no SKU",
        "Variant: M",
        "Variant has no SKU: details.",
        "How to fix: Fix variant has no sku in admin.",
        "Open variant M",
      ],
      ["Info", "SEO description is missing", "SEO description is missing: details."],
    ]);
    await expect(
      page.locator("s-badge").evaluateAll((badges) => badges.map((b) => b.getAttribute("tone"))),
    ).resolves.toEqual(["critical", "warning", "info"]);
    await expect(page.locator("s-link").getAttribute("href")).resolves.toBe(
      "shopify:admin/products/1001/variants/10011",
    );
    expect(await text()).toMatch(/1 accepted problem is not shown\./);
    expect(await text()).toMatch(/Checked 20 Nov 2026, 06:30/);
    await expect(block().getAttribute("collapsedsummary")).resolves.toBe("3 open problems");
    await expect(recheckButton().getAttribute("accessibilitylabel")).resolves.toBe(
      "Re-check this product now",
    );
  });

  it("says there are no open problems after a check", async () => {
    app.answer({ status: 200, body: CLEAN });
    await openBlock();
    await page.getByText("No open problems").waitFor();
    expect(await text()).toMatch(/Checked 24 Nov 2026, 09:15/);
    await expect(page.locator("s-list-item").count()).resolves.toBe(0);
    await expect(block().getAttribute("collapsedsummary")).resolves.toBe("No open problems");
  });

  it("says a store never audited was not checked, rather than that it has no problems", async () => {
    app.answer({ status: 200, body: { ...CLEAN, checkedAt: null } });
    await openBlock();
    await page.getByText("Tovholder has not audited this store yet").waitFor();
    expect(await text()).not.toMatch(/No open problems|Checked/);
    await expect(block().getAttribute("collapsedsummary")).resolves.toBe("Not audited yet");
    // Nothing to re-check against before the first full audit.
    await expect(recheckButton().count()).resolves.toBe(0);
  });

  it("says how many more there are when the list is cut short", async () => {
    app.answer({ status: 200, body: { ...THREE_PROBLEMS, openCount: 40, suppressedCount: 0 } });
    await openBlock();
    await page.locator("s-list-item").first().waitFor();
    expect(await text()).toMatch(/Showing the 3 most important of 40 open problems\./);
    expect(await text()).not.toMatch(/accepted problem/);
  });

  it.each([
    [
      { status: 500, body: { error: "server-error" } },
      "Tovholder ran into a problem. Try again in a moment.",
    ],
    [{ status: 401, body: { error: "unauthorized" } }, "Your session with Tovholder has expired"],
    ["network-failure" as const, "Tovholder could not be reached. Check your connection"],
  ])(
    "shows a failed load with its reason, and tries again on request (%#)",
    async (failure, reason) => {
      app.answer(failure);
      app.answer({ status: 200, body: THREE_PROBLEMS });
      await openBlock();
      const banner = page.locator("s-banner");
      await banner.waitFor();
      await expect(banner.getAttribute("heading")).resolves.toBe(
        "Tovholder could not load this product's problems",
      );
      await expect(banner.getAttribute("tone")).resolves.toBe("critical");
      expect(await banner.innerText()).toContain(reason);
      await expect(recheckButton().count()).resolves.toBe(0);

      await page.locator("s-button", { hasText: "Try again" }).click();
      await page.locator("s-list-item").first().waitFor();
      await expect(banner.count()).resolves.toBe(0);
      expect(app.requests.map((r) => r.method)).toEqual(["GET", "GET"]);
    },
  );

  it("re-checks: shows progress over the last list, posts once, then shows the new list", async () => {
    app.answer({ status: 200, body: THREE_PROBLEMS });
    const release = app.hold({ status: 200, body: CLEAN });
    await openBlock();
    await page.locator("s-list-item").first().waitFor();

    await recheckButton().click();
    await page.getByText("Re-checking this product…").waitFor();
    await expect(recheckButton().getAttribute("loading")).resolves.toBe("true");
    await expect(page.locator("s-list-item").count()).resolves.toBe(3);
    await recheckButton().click(); // a second click while it runs starts nothing

    release();
    await page.getByText("No open problems").waitFor();
    await expect(page.locator("s-list-item").count()).resolves.toBe(0);
    await expect(recheckButton().getAttribute("loading")).resolves.toBeNull();
    expect(await text()).toMatch(/Checked 24 Nov 2026, 09:15/);
    expect(await text()).not.toMatch(/Re-checking/);
    expect(app.requests.map((r) => r.method)).toEqual(["GET", "POST"]);
    expect(app.requests[1]?.url).toBe(
      `${APP_ORIGIN}/api/product-findings?id=gid%3A%2F%2Fshopify%2FProduct%2F1001`,
    );
  });

  it("keeps the last list when a re-check fails, says why, and can re-check again", async () => {
    app.answer({ status: 200, body: THREE_PROBLEMS });
    app.answer({ status: 401, body: { error: "unauthorized" } });
    app.answer({ status: 200, body: CLEAN });
    await openBlock();
    await page.locator("s-list-item").first().waitFor();

    await recheckButton().click();
    const banner = page.locator("s-banner");
    await banner.waitFor();
    await expect(banner.getAttribute("heading")).resolves.toBe("The re-check did not finish");
    expect(await banner.innerText()).toContain("Your session with Tovholder has expired");
    await expect(page.locator("s-list-item").count()).resolves.toBe(3);

    await recheckButton().click();
    await page.getByText("No open problems").waitFor();
    await expect(banner.count()).resolves.toBe(0);
    expect(app.requests.map((r) => r.method)).toEqual(["GET", "POST", "POST"]);
  });
});
