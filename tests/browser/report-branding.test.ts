/**
 * Report branding and delivery in the browser, on `npm run demo` in Debian Chromium: the
 * manager sets a logo, colours, "prepared by", recipients and auto-issue under Settings; the
 * report page then shows the branding, downloads the PDF and emails it (to a local SMTP capture
 * server); the share page offers the PDF too. Screenshots in artifacts/screenshots/report-brand-*.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync, crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createDb, type Db } from "~/db/db.server";
import { monthOf } from "~/time";
import { chromiumAvailable, launchChromium, screenshotPath } from "../helpers/browser";
import { startDemoServer, type DemoServer } from "../helpers/demo-server";
import { startSmtpCapture, type SmtpCapture } from "../jobs/receivers";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;

/** A small RGB PNG: a dark blue field with an orange band (the "agency logo"). */
function logoPng(width = 180, height = 54): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = y > height * 0.62 && y < height * 0.8;
      const mark = x > 12 && x < 48 && y > 10 && y < 44;
      const [r, g, b] = band ? [245, 166, 35] : mark ? [255, 255, 255] : [11, 61, 145];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

run("report branding, PDF and email in the browser", () => {
  let demo: DemoServer;
  let smtp: SmtpCapture;
  let browser: Browser;
  let page: Page;
  let db: Db;
  let month = "";
  const dir = mkdtempSync(join(tmpdir(), "tovholder-brand-"));
  const pageErrors: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    demo = await startDemoServer(400_000, {
      SMTP_URL: smtp.url,
      ALERT_FROM: "Tovholder <reports@tovholder.test>",
    });
    db = createDb(demo.databaseUrl);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 420_000);

  afterAll(async () => {
    await db?.$disconnect();
    await browser?.close();
    await demo?.stop();
    await smtp?.close();
  });

  it("saves the report branding under Settings, refusing a bad colour first", async () => {
    await page.goto(`${demo.url}/app/settings`);
    await page.getByRole("heading", { name: "Report branding" }).waitFor();
    await page.waitForLoadState("networkidle");
    const logo = join(dir, "logo.png");
    writeFileSync(logo, logoPng());
    await page.getByLabel("Upload logo").setInputFiles(logo);
    await page.getByRole("img", { name: "Report logo" }).waitFor();
    await page.getByLabel("Primary colour").fill("navy");
    await page.getByLabel("Accent colour").fill("#f5a623");
    await page.getByLabel("Prepared by").fill("Bureau Ærø ApS");
    await page.getByLabel("Report recipients").fill("owner@nordvej.test, cfo@nordvej.test");
    await page.getByLabel("Issue the monthly report automatically").check();
    await page.getByRole("button", { name: "Save report settings" }).click();
    await page.getByText("The report settings were not saved.").waitFor();
    expect(await page.getByText("Enter a colour as #rrggbb").first().isVisible()).toBe(true);
    await page.getByLabel("Primary colour").fill("#0b3d91");
    await page.getByRole("button", { name: "Save report settings" }).click();
    await page.getByText("Report settings saved.").waitFor();
    const stored = await db.shopSettings.findUnique({
      where: { shop: "nordvej-outdoor.myshopify.com" },
    });
    const options = JSON.parse(stored?.options ?? "{}") as {
      report?: { logo: string; recipients: string[]; autoIssue: boolean };
    };
    expect(options.report).toMatchObject({
      logo: expect.stringMatching(/^data:image\/png;base64,/),
      recipients: ["owner@nordvej.test", "cfo@nordvej.test"],
      autoIssue: true,
    });
    const card = page.locator(".Polaris-Layout__AnnotatedSection", {
      has: page.getByRole("heading", { name: "Report branding" }),
    });
    await card.screenshot({ path: screenshotPath("report-brand-settings") });
  }, 120_000);

  it("shows the branding on the report, downloads its PDF and emails it", async () => {
    const settings = await db.shopSettings.findUnique({
      where: { shop: "nordvej-outdoor.myshopify.com" },
    });
    month = monthOf(new Date(), settings?.ianaTimezone ?? "UTC");
    await page.goto(`${demo.url}/app/reports/${month}`);
    await page
      .getByText(/Draft · version 1/)
      .first()
      .waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.locator("article.tv-report img.tv-logo").count()).toBe(1);
    expect(await page.locator("article.tv-report").innerText()).toMatch(
      /Prepared by Bureau Ærø ApS/,
    );

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`report-nordvej-outdoor-${month}-v1.pdf`);
    const file = join(dir, "draft.pdf");
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");

    await page.getByRole("button", { name: "Issue report" }).click();
    await page.getByText("Report issued. It will not change any more.").waitFor();
    await page.getByRole("button", { name: "Email report" }).click();
    await page
      .getByText(/Report emailed with its PDF to owner@nordvej.test, cfo@nordvej.test/)
      .waitFor();
    expect(smtp.messages.map((m) => m.to)).toEqual([["owner@nordvej.test", "cfo@nordvej.test"]]);
    expect(smtp.messages[0]?.raw).toMatch(/Content-Type: application\/pdf/);
    await page.getByText(/^Sent .* to owner@nordvej.test, cfo@nordvej.test$/).waitFor();
    await page.screenshot({ path: screenshotPath("report-brand-issued"), fullPage: true });
  }, 180_000);

  it("offers the PDF on the share page", async () => {
    await page.getByRole("button", { name: "Create share link" }).click();
    const field = page.getByLabel("Share link");
    await field.waitFor();
    const shareUrl = await field.inputValue();
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const merchant = await context.newPage();
    await merchant.goto(shareUrl);
    await merchant.getByRole("link", { name: "Download PDF" }).waitFor();
    const pdf = await fetch(`${shareUrl}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    await merchant.screenshot({ path: screenshotPath("report-brand-shared"), fullPage: true });
    await context.close();
  }, 120_000);

  it("raised no script errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
