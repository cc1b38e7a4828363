/**
 * Pages bench: every admin page of `npm run demo` in Debian Chromium (playwright-core), as a user
 * opens it — the demo's built app on its own SQLite database with its seeded history (past audits
 * and reports), Shopify's hosts (the product images on cdn.shopify.com) mapped to the stand-in by
 * the flags the demo prints, everything else unresolvable.
 *
 * Per page: one warm-up load, then RUNS loads, each in a new browser context (an empty cache, so
 * scripts, styles and images are fetched every time), 1280 × 900. Timed from the page's own
 * Navigation Timing: server time = the document request until its last byte (requestStart →
 * responseEnd: the loader and the render, on loopback), load = navigation start → load event
 * (every script, style and image, the product thumbnails included). Medians are printed, and for
 * the Products page the ratio against its target: load event within 1.5 s.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import type { Bench } from "./bench";
import { benchDatabase } from "./database";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RUNS = 5;
const PRODUCTS_LOAD_TARGET_MS = 1500;
const DEMO_TIMEOUT_MS = 600_000;

/** The app's navigation, and a report (its month found on the Reports page). */
const PAGES: [string, string][] = [
  ["Dashboard", "/app"],
  ["Products", "/app/products"],
  ["Checkout", "/app/checkout"],
  ["Performance", "/app/performance"],
  ["Reports", "/app/reports"],
  ["Runs", "/app/runs"],
  ["Settings", "/app/settings"],
];

interface Demo {
  url: string;
  browserFlags: string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function startDemo(databaseUrl: string): Promise<Demo> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    NODE_ENV: "development",
  };
  for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"]) delete env[key];
  delete env.SHOPIFY_STANDIN_URL;
  delete env.TOVHOLDER_DEMO;
  let output = "";
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["scripts/demo.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + DEMO_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run demo exited early:\n${output}`);
    const flags = /browser flags for Shopify's hosts \(JSON\): (.*)$/m.exec(output)?.[1];
    if (flags && output.includes("Tovholder demo is ready")) {
      const ok = await fetch(`${url}/app`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { url, browserFlags: JSON.parse(flags) as string[], stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`npm run demo did not start within ${DEMO_TIMEOUT_MS / 1000} s:\n${output}`);
}

interface Load {
  serverMs: number;
  loadMs: number;
  images: number;
  imagesLoaded: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function pagesBench(): Bench {
  return {
    name: "pages",
    description: "Every admin page of the demo in Chromium: server time and load event",
    async run(log) {
      if (!existsSync(CHROMIUM)) {
        log(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH): not measured`);
        return false;
      }
      log(
        `machine: ${cpus().length} cores, load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}`,
      );
      log(
        `input: npm run demo (built app, its seeded history) on a new database; Shopify's hosts mapped to the stand-in`,
      );
      log(
        `timed: per page one warm-up, then the median of ${RUNS} loads, each in a new browser context (empty cache), 1280 × 900; server = document requestStart → responseEnd, load = navigation start → load event`,
      );
      const dir = await mkdtemp(join(tmpdir(), "tovholder-bench-pages-"));
      const db = await benchDatabase(`tovholder_bench_pages_${process.pid}`, dir);
      log(`database: ${db.label}`);
      const demo = await startDemo(db.url);
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          ...demo.browserFlags,
        ],
      });
      let met = true;
      try {
        const pages = [...PAGES];
        {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(`${demo.url}/app/reports`);
          const href = await page
            .locator('a[href*="/app/reports/"]')
            .first()
            .getAttribute("href")
            .catch(() => null);
          if (href && /\/app\/reports\/\d{4}-\d{2}/.test(href))
            pages.push(["A report", new URL(href, demo.url).pathname]);
          await context.close();
        }
        const load = async (path: string): Promise<Load> => {
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          try {
            const page = await context.newPage();
            const response = await page.goto(`${demo.url}${path}`, { waitUntil: "load" });
            if (!response?.ok()) throw new Error(`${path} answered ${response?.status()}`);
            return await page.evaluate(() => {
              const [nav] = performance.getEntriesByType(
                "navigation",
              ) as PerformanceNavigationTiming[];
              const images = [...document.images];
              return {
                serverMs: nav ? nav.responseEnd - nav.requestStart : NaN,
                loadMs: nav ? nav.loadEventStart : NaN,
                images: images.length,
                imagesLoaded: images.filter((i) => i.complete && i.naturalWidth > 0).length,
              };
            });
          } finally {
            await context.close();
          }
        };
        log(`${"page".padEnd(30)} ${"server".padStart(8)} ${"load".padStart(8)}  images`);
        for (const [name, path] of pages) {
          await load(path);
          const loads: Load[] = [];
          for (let i = 0; i < RUNS; i++) loads.push(await load(path));
          const server = median(loads.map((l) => l.serverMs));
          const loaded = median(loads.map((l) => l.loadMs));
          const last = loads.at(-1)!;
          let line = `${`${name} (${path})`.padEnd(30)} ${`${server.toFixed(0)} ms`.padStart(8)} ${`${loaded.toFixed(0)} ms`.padStart(8)}  ${last.imagesLoaded}/${last.images} loaded`;
          if (path === "/app/products") {
            const ratio = loaded / PRODUCTS_LOAD_TARGET_MS;
            met &&= ratio <= 1;
            line += `  → load ${ratio.toFixed(2)} × the ${PRODUCTS_LOAD_TARGET_MS} ms target`;
          }
          log(line);
        }
      } finally {
        await browser.close();
        await demo.stop();
        await db.drop();
        await rm(dir, { recursive: true, force: true });
      }
      log(
        met
          ? `the Products page's load event within ${PRODUCTS_LOAD_TARGET_MS} ms`
          : `the Products page's load event took longer than ${PRODUCTS_LOAD_TARGET_MS} ms`,
      );
      return met;
    },
  };
}
