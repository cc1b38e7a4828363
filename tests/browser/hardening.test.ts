/**
 * What a stranger's browser meets on `npm run demo` (the built app behind server.ts), in Debian
 * Chromium:
 *
 * - a web page on another origin posts checkout events to /api/pixel-events as a real pixel's
 *   `fetch` with a JSON body does: the CORS preflight reaches its handler and is allowed;
 * - a share link's page loads nothing from another origin, runs no script, sends a
 *   Content-Security-Policy with frame-ancestors 'none', and another site cannot frame it
 *   (screenshots share-page-1280.png and share-page-390.png);
 * - a form on another origin posting to the app gets 403, not 500;
 * - /favicon.ico and unknown static files are 404 without a stack trace in the server's log;
 * - a webhook body over the limit is refused with 413 before it is read.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createDb, type Db } from "~/db/db.server";
import { encrypt } from "~/lib/encryption.server";
import { chromiumAvailable, launchChromium, screenshotPath } from "../helpers/browser";
import { sharedDemoServer, type DemoServer } from "../helpers/demo-server";

const run = chromiumAvailable() || process.env.CI ? describe : describe.skip;
const SHOP = "nordvej-outdoor.myshopify.com";
const STACK_LINE = /^\s+at .+[:(]\d+/m;

run("hardening, from a browser on another origin", () => {
  let demo: DemoServer;
  let browser: Browser;
  let db: Db;
  let other: Server;
  let otherUrl = "";
  let otherPage = "";

  beforeAll(async () => {
    demo = await sharedDemoServer();
    db = createDb(demo.databaseUrl);
    browser = await launchChromium();
    // Another origin (another port): serves whatever page a test puts in `otherPage`.
    other = createServer((_req, res) => {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(otherPage);
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
  }, 300_000);

  afterAll(async () => {
    await db?.$disconnect();
    await browser?.close();
    await new Promise((resolve) => other?.close(resolve));
    await demo?.stop();
  });

  it("lets a cross-origin page post pixel events as JSON: the preflight reaches the handler", async () => {
    // The demo shop's ingestion key, as activating the pixel stores it (the demo inherits this
    // process's ENCRYPTION_KEY).
    const key = randomBytes(24).toString("base64url");
    await db.shopSecret.upsert({
      where: { shop_name: { shop: SHOP, name: "pixel-ingest" } },
      create: {
        shop: SHOP,
        name: "pixel-ingest",
        ciphertext: encrypt(
          JSON.stringify({ key, salt: "s", pixelId: null, activatedAt: null }),
          `ShopSecret:pixel-ingest:${SHOP}`,
        ),
      },
      update: {},
    });
    const body = {
      v: 1,
      shop: SHOP,
      key,
      events: [
        {
          id: `browser-${randomBytes(4).toString("hex")}`,
          name: "checkout_started",
          timestamp: new Date().toISOString(),
          checkoutTokenHash: createHash("sha256").update("checkout").digest("hex"),
          countryCode: "DK",
          marketHandle: "dk",
        },
      ],
    };
    otherPage = "<!doctype html><title>a storefront</title><p>storefront</p>";
    const page = await browser.newPage();
    await page.goto(`${otherUrl}/storefront`);
    const preflights: number[] = [];
    page.on("response", (r) => {
      if (r.request().method() === "OPTIONS") preflights.push(r.status());
    });
    const result = await page.evaluate(
      async ({ url, body }) => {
        try {
          // application/json is not a "simple" content type: the browser preflights.
          const res = await fetch(url, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body),
          });
          return { status: res.status, json: (await res.json()) as unknown };
        } catch (error) {
          return { error: String(error) };
        }
      },
      { url: `${demo.url}/api/pixel-events`, body },
    );
    expect(result).toEqual({ status: 200, json: { accepted: 1, duplicates: 0 } });
    expect(
      await db.checkoutEvent.count({ where: { shop: SHOP, eventId: body.events[0]!.id } }),
    ).toBe(1);
    // What the preflight itself got, asked the way Chromium asks.
    const preflight = await fetch(`${demo.url}/api/pixel-events`, {
      method: "OPTIONS",
      headers: {
        Origin: otherUrl,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "content-type",
    );
    if (preflights.length > 0) expect(preflights.every((s) => s === 204)).toBe(true);
    await page.close();
  });

  it("serves a share link's page with nothing from elsewhere, no script and no framing", async () => {
    const report = await db.report.findFirst({
      where: { shop: SHOP, status: "issued" },
      orderBy: { month: "desc" },
    });
    expect(report, "the demo seeds issued reports").not.toBeNull();
    const token = randomBytes(32).toString("base64url");
    await db.reportShareLink.create({
      data: {
        shop: SHOP,
        reportId: report!.id,
        tokenHash: createHash("sha256").update(token, "utf8").digest("hex"),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const shareUrl = `${demo.url}/r/${token}`;

    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const requests: string[] = [];
      const violations: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      const response = await page.goto(`${shareUrl}?lang=da`);
      expect(response?.status()).toBe(200);
      const csp = response?.headers()["content-security-policy"] ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(response?.headers()["x-frame-options"]).toBe("DENY");
      await page.getByText(/Hent som PDF/).waitFor();
      expect(await page.locator("article.tv-report").count()).toBe(1);
      expect(await page.locator("script").count()).toBe(0);
      await page.waitForLoadState("networkidle");
      const origin = new URL(demo.url).origin;
      expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:"))).toEqual([]);
      expect(violations).toEqual([]);
      await page.screenshot({ path: screenshotPath(`share-page-${width}`), fullPage: true });
      await page.close();
    }

    // Another site framing the link gets an error page in the frame, not the report.
    otherPage = `<!doctype html><title>framer</title><iframe src="${shareUrl}" width="800" height="600"></iframe>`;
    const framer = await browser.newPage();
    await framer.goto(`${otherUrl}/framer`);
    await framer.waitForTimeout(1500);
    const frame = framer.frames().find((f) => f !== framer.mainFrame());
    const framedText = frame
      ? await frame
          .locator("body")
          .innerText()
          .catch(() => "")
      : "";
    expect(framedText).not.toMatch(/Hent som PDF|Download PDF/);
    await framer.close();
  });

  it("refuses a cross-origin form post with 403, not 500", async () => {
    otherPage = `<!doctype html><title>evil</title>
      <form id="f" method="post" action="${demo.url}/app/settings">
        <input name="intent" value="report"><input name="preparedBy" value="Evil Inc">
      </form><script>document.getElementById("f").submit()</script>`;
    const page = await browser.newPage();
    const answered = page.waitForResponse((r) => r.url().startsWith(`${demo.url}/app/settings`));
    await page.goto(`${otherUrl}/evil`);
    const response = await answered;
    expect(response.status()).toBe(403);
    await page.close();
    const settings = await db.shopSettings.findUnique({ where: { shop: SHOP } });
    expect(settings?.options ?? "").not.toContain("Evil Inc");
  });

  it("answers /favicon.ico and unknown static files 404, with no stack trace in the log", async () => {
    for (const path of ["/favicon.ico", "/assets/missing-chunk.js", "/apple-touch-icon.png"]) {
      const res = await fetch(`${demo.url}${path}`);
      expect(res.status, path).toBe(404);
    }
    expect(demo.output()).not.toMatch(STACK_LINE);
    expect(demo.output()).not.toContain("No route matches");
  });

  it("refuses a webhook body over the limit with 413 before reading it", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${demo.url}/webhooks/app/uninstalled`,
        { method: "POST", headers: { "Content-Type": "application/json" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", (e) => (req.destroyed ? undefined : reject(e)));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 64) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    // A webhook of ordinary size still reaches its route (which refuses it: no HMAC headers).
    const small = await fetch(`${demo.url}/webhooks/app/uninstalled`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: 1 }),
    });
    expect([400, 401]).toContain(small.status);
  });
});
