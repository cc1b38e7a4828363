/**
 * Products page bench: the page's loader (app/routes/app.products.tsx, demo-mode auth, the real
 * queries) over a shop with 100,000 findings, for a few filter, sort and page combinations.
 * Target: each answers in under 500 ms of server time (median of 5 after a warm-up).
 *
 * Each database runs in a child process of its own (the app's Prisma client is chosen once per
 * process from DATABASE_URL): a new database of the kind DATABASE_URL names (bench/database.ts):
 * SQLite by default, PostgreSQL when DATABASE_URL points there.
 *
 *   tsx bench/products-page.ts child DATABASE_URL FINDINGS   (one database; prints JSON)
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Bench } from "./bench";
import { benchDatabase } from "./database";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TARGET_MS = 500;
const RUNS = 5;
const SHOP = "bench-products.myshopify.com";

const RULES = [
  ["product.missing-image", "critical", "images"],
  ["product.few-images", "warning", "images"],
  ["image.missing-alt", "info", "images"],
  ["product.short-description", "warning", "content"],
  ["product.missing-vendor", "warning", "merchandising"],
  ["seo.missing-title", "info", "seo"],
  ["seo.missing-description", "warning", "seo"],
  ["variant.zero-price", "critical", "pricing"],
  ["variant.missing-sku", "warning", "identifiers"],
  ["variant.missing-barcode", "info", "identifiers"],
  ["variant.zero-weight", "warning", "inventory"],
  ["variant.out-of-stock-active", "warning", "inventory"],
] as const;
const VENDORS = [
  "Bølge",
  "Fjordløber",
  "Kattegat Components",
  "Låsesmeden",
  "Nordkap Gear",
  "Regnvejr",
  "Skovly Outdoor",
  "Trailborn",
  "Vesterhav Cycles",
  "",
];
const TYPES = [
  "Cykel",
  "Elcykel",
  "Ladcykel",
  "Cykelhjelm",
  "Cykellås",
  "Cykeltaske",
  "Telt",
  "Sovepose",
  "Regnjakke",
  "Rygsæk",
  "Dæk",
  "Værktøj",
  "",
];
const CHANGES = ["persisting", "persisting", "persisting", "new", "regressed"] as const;

/** The page URLs timed: the default view, filtered, sorted, deep pages, the drawer. */
const VIEWS: [string, string][] = [
  ["default view", ""],
  ["severity warning, sort product, page 40", "severity=warning&sort=product&page=40"],
  ["rule + vendor", "rule=variant.missing-sku&vendor=Fjordløber"],
  ["new + suppressed shown, newest, page 100", "change=new&suppressed=show&sort=newest&page=100"],
  ["type + critical + drawer open", "type=Telt&severity=critical&product=gid://shopify/Product/77"],
  ["last page", "page=2000"],
];

const RESULT_MARKER = "--- products-page result ---";

interface ChildResult {
  database: string;
  findings: number;
  seedMs: number;
  views: { name: string; medianMs: number; rows: number; matching: number }[];
}

async function child(url: string, findings: number): Promise<void> {
  Object.assign(process.env, {
    DATABASE_URL: url,
    NODE_ENV: "development",
    TOVHOLDER_DEMO: "1",
    DEMO_SHOP: SHOP,
  });
  const { prisma } = await import("../app/db/db.server");
  const { sessionStorage } = await import("../app/shopify.server");
  const { Session } = await import("@shopify/shopify-api");
  const { computeHealthScore } = await import("../app/product-qa/domain/score");
  const { SCORE_CATEGORIES } = await import("../app/product-qa/server/audits");
  const { loader } = await import("../app/routes/app.products");

  const seedStarted = performance.now();
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: "",
      isOnline: false,
      accessToken: "bench",
    }),
  );
  const products = Math.ceil(findings / 4);
  const score = computeHealthScore({
    categories: SCORE_CATEGORIES,
    coverage: SCORE_CATEGORIES.map((c) => ({ category: c.id, unit: "product", checked: products })),
    findings: [],
  });
  const run = await prisma.auditRun.create({
    data: {
      shop: SHOP,
      kind: "full",
      trigger: "schedule",
      status: "succeeded",
      finishedAt: new Date(),
      summary: JSON.stringify({
        version: 1,
        kind: "full",
        at: new Date().toISOString(),
        productId: null,
        counts: {
          open: findings,
          openBySeverity: { critical: 0, warning: 0, info: 0 },
          suppressed: 0,
          new: 0,
          persisting: 0,
          regressed: 0,
          fixed: 0,
          byRule: [],
        },
        skipped: [],
        stats: {},
        score,
        collection: null,
        note: null,
      }),
    },
  });
  const BATCH = 1000;
  for (let start = 0; start < findings; start += BATCH) {
    const data = [];
    for (let i = start; i < Math.min(findings, start + BATCH); i++) {
      const p = Math.floor(i / 4);
      const [ruleId, severity, category] = RULES[i % RULES.length]!;
      const variant = ruleId.startsWith("variant.");
      data.push({
        shop: SHOP,
        key: `${ruleId}:gid://shopify/${variant ? "ProductVariant" : "Product"}/${i}`,
        ruleId,
        severity: p % 9 === 0 && severity !== "info" ? "info" : severity,
        category,
        resourceType: variant ? "variant" : "product",
        resourceId: `gid://shopify/${variant ? "ProductVariant" : "Product"}/${i}`,
        productId: `gid://shopify/Product/${p}`,
        productHandle: `product-${p}`,
        productTitle: `Vesterhav Fanø ${p} Bycykel`,
        productImageUrl: `https://cdn.shopify.com/s/files/1/0000/${p}.jpg`,
        vendor: VENDORS[p % VENDORS.length]!,
        productType: TYPES[p % TYPES.length]!,
        variantId: variant ? `gid://shopify/ProductVariant/${i}` : null,
        variantSku: variant ? `SKU-${i}` : null,
        variantTitle: variant ? "M / Sort" : null,
        message: `A problem of rule ${ruleId} on product ${p}, described in a sentence of typical length.`,
        details: '{"count":1}',
        fixUrl: `https://admin.shopify.com/store/bench-products/products/${p}`,
        change: CHANGES[i % CHANGES.length]!,
        suppressed: i % 20 === 0,
        firstSeenAt: new Date(Date.now() - (i % 90) * 86_400_000),
        runId: run.id,
      });
    }
    await prisma.finding.createMany({ data });
  }
  const seedMs = performance.now() - seedStarted;

  const views: ChildResult["views"] = [];
  for (const [name, search] of VIEWS) {
    const call = () =>
      loader({
        request: new Request(`http://localhost/app/products?${search}`),
        params: {},
        context: {},
      });
    const warm = await call();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    views.push({
      name,
      medianMs: times[Math.floor(RUNS / 2)]!,
      rows: warm.findings.length,
      matching: warm.matching,
    });
  }
  // The first load after a write (a run, a re-check, a suppression) rebuilds the shop-wide
  // figures kept in FindingAggregate: timed separately, with the figures dropped before each load.
  {
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof loader>> | null = null;
    for (let i = 0; i < RUNS; i++) {
      await prisma.findingAggregate.updateMany({
        where: { shop: SHOP },
        data: { data: null, generation: { increment: 1 } },
      });
      const started = performance.now();
      last = await loader({
        request: new Request("http://localhost/app/products"),
        params: {},
        context: {},
      });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    views.push({
      name: "default view, first load after a write",
      medianMs: times[Math.floor(RUNS / 2)]!,
      rows: last?.findings.length ?? 0,
      matching: last?.matching ?? 0,
    });
  }
  await prisma.$disconnect();
  const result: ChildResult = { database: url.split(":")[0]!, findings, seedMs, views };
  // The Shopify library logs to stdout too: the result is the line after the marker.
  process.stdout.write(`\n${RESULT_MARKER}\n${JSON.stringify(result)}\n`);
}

async function runChild(url: string, findings: number): Promise<ChildResult> {
  const migrated = spawnSync(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "scripts/db.ts"), "migrate"],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    },
  );
  if (migrated.status !== 0)
    throw new Error(`migration failed:\n${migrated.stdout}${migrated.stderr}`);
  const { stdout } = await promisify(execFile)(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "bench/products-page.ts"), "child", url, String(findings)],
    { cwd: ROOT, maxBuffer: 1 << 20, env: { ...process.env, DATABASE_URL: url } },
  );
  const json = stdout.slice(stdout.lastIndexOf(RESULT_MARKER) + RESULT_MARKER.length).trim();
  return JSON.parse(json) as ChildResult;
}

const count = new Intl.NumberFormat("en-US");

export function productsPageBench(products: number): Bench {
  // The catalogue size sets the findings: 100,000 products → 100,000 findings (the target's size).
  const findings = products;
  return {
    name: "products-page",
    description: `Products page loader over ${count.format(findings)} findings (the database kind of DATABASE_URL: SQLite by default)`,
    async run(log) {
      let met = true;
      const dir = await mkdtemp(join(tmpdir(), "tovholder-bench-products-"));
      const db = await benchDatabase(`tovholder_bench_products_${process.pid}`, dir);
      try {
        log(`database: ${db.label}`);
        for (const url of [db.url]) {
          const result = await runChild(url, findings);
          log(
            `${result.database}: seeded ${count.format(result.findings)} findings in ${(result.seedMs / 1000).toFixed(1)} s`,
          );
          for (const view of result.views) {
            const ratio = view.medianMs / TARGET_MS;
            met &&= ratio <= 1;
            log(
              `  ${view.name.padEnd(44)} ${view.medianMs.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)} × target  (${view.rows} rows of ${count.format(view.matching)})`,
            );
          }
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
        await db.drop();
      }
      log(met ? `every view under ${TARGET_MS} ms` : `a view took more than ${TARGET_MS} ms`);
      return met;
    },
  };
}

if (process.argv[2] === "child") await child(process.argv[3] ?? "", Number(process.argv[4]));
