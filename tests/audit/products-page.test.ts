/**
 * The Products page's server side through its real routes, with requests as the embedded app
 * sends them (a session token as Bearer header, exchanged for an offline session at the
 * stand-in): the loader's filters, sorting, pagination and counts per rule; the bulk suppress
 * and lift actions, on selected rows and on "all matching the filter"; and the CSV export of
 * the current filter, safe to open in a spreadsheet whatever the product text.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  RequestType,
  TEST_SHOP,
  setUpValidRequest,
} from "@shopify/shopify-api/test-helpers";
import { startStandin, type Standin } from "../../standin/server";
import { makeStore } from "../standin/fixtures";
import { prisma } from "~/db/db.server";
import { loader as pageLoader, action as pageAction } from "~/routes/app.products";
import { loader as exportLoader } from "~/routes/app.products.export";
import { parseCsv } from "./csv";

const OTHER_SHOP = "other-shop.myshopify.com";

type Severity = "critical" | "warning" | "info";
type Change = "new" | "persisting" | "regressed";

interface Seeded {
  key: string;
  ruleId: string;
  severity: Severity;
  productId: string;
  productTitle: string;
  vendor: string;
  productType: string;
  change: Change;
  variantSku: string | null;
  firstSeenAt: Date;
}

const HOSTILE_TITLE = "=cmd|' /C calc'!A0";
const QUOTED_TITLE = 'Telt "Storm", 2-personers\nlet';
const HOSTILE_SKU = "@SUM(1+1)*cmd|' /C calc'!A0";

/**
 * 40 products (vendors Bølge, Fjeld and none; types Telt and Jakke), each with two variants
 * without a SKU (warning), no SEO description (info), and every fourth without images
 * (critical): 10 critical, 80 warning, 40 info = 130 findings.
 */
function seedFindings(): Seeded[] {
  const out: Seeded[] = [];
  for (let i = 1; i <= 40; i++) {
    const productId = `gid://shopify/Product/${2000 + i}`;
    const productTitle =
      i === 1 ? HOSTILE_TITLE : i === 2 ? QUOTED_TITLE : `Produkt ${String(i).padStart(2, "0")}`;
    const vendor = ["Bølge", "Fjeld", ""][i % 3]!;
    const productType = i % 2 === 0 ? "Telt" : "Jakke";
    const change: Change = i % 5 === 0 ? "new" : i % 5 === 1 ? "regressed" : "persisting";
    const firstSeenAt = new Date(Date.UTC(2026, 9, 1) + i * 86_400_000);
    const base = { productId, productTitle, vendor, productType, change, firstSeenAt };
    if (i % 4 === 0)
      out.push({
        ...base,
        key: `product.missing-image:${productId}`,
        ruleId: "product.missing-image",
        severity: "critical",
        variantSku: null,
      });
    for (const v of [1, 2]) {
      const variantId = `gid://shopify/ProductVariant/${(2000 + i) * 10 + v}`;
      out.push({
        ...base,
        key: `variant.missing-sku:${variantId}`,
        ruleId: "variant.missing-sku",
        severity: "warning",
        variantSku: i === 1 && v === 1 ? HOSTILE_SKU : null,
      });
    }
    out.push({
      ...base,
      key: `seo.missing-description:${productId}`,
      ruleId: "seo.missing-description",
      severity: "info",
      variantSku: null,
    });
  }
  return out;
}

const SEEDED = seedFindings();

function row(shop: string, f: Seeded) {
  const resourceId = f.key.slice(f.key.indexOf(":") + 1);
  const onVariant = resourceId.includes("ProductVariant");
  return {
    shop,
    key: f.key,
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.ruleId.split(".")[0]!,
    resourceType: onVariant ? "variant" : "product",
    resourceId,
    productId: f.productId,
    productHandle: f.productTitle.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    productTitle: f.productTitle,
    vendor: f.vendor,
    productType: f.productType,
    variantId: onVariant ? resourceId : null,
    variantSku: f.variantSku,
    variantTitle: onVariant ? "Default" : null,
    message: f.productTitle === QUOTED_TITLE ? 'Says "no", then\nmore' : `${f.ruleId} found`,
    fixUrl: `https://admin.shopify.com/store/test-shop/products/${f.productId.split("/").pop()}`,
    change: f.change,
    suppressed: false,
    firstSeenAt: f.firstSeenAt,
    runId: "run-seeded",
  };
}

let standin: Standin;

beforeAll(async () => {
  standin = await startStandin({
    stores: [makeStore({ shop: TEST_SHOP, products: 3 })],
    apiKey: API_KEY,
    apiSecret: API_SECRET_KEY,
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  await prisma.finding.createMany({ data: SEEDED.map((f) => row(TEST_SHOP, f)) });
  // Another shop with findings on the same product ids: never shown, counted or touched here.
  await prisma.finding.createMany({
    data: SEEDED.slice(0, 12).map((f) => row(OTHER_SHOP, f)),
  });
});

afterAll(async () => {
  await standin.close();
  delete process.env.SHOPIFY_STANDIN_URL;
});

async function signed(path: string, init?: RequestInit): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Bearer, store: "test-shop", apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(new URL(path, APP_URL), init),
  );
}

async function load(search = "") {
  const request = await signed(`/app/products${search}`);
  return pageLoader({ request, params: {}, context: {} });
}

async function act(fields: [string, string][]) {
  const body = new URLSearchParams(fields);
  const request = await signed("/app/products", {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  return pageAction({ request, params: {}, context: {} });
}

async function exportCsv(search = ""): Promise<{ response: Response; text: string }> {
  const request = await signed(`/app/products/export${search}`);
  const response = (await exportLoader({ request, params: {}, context: {} })) as Response;
  // As the bytes arrive: Response.text() would drop the byte order mark.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { response, text };
}

const count = (pred: (f: Seeded) => boolean) => SEEDED.filter(pred).length;
const keysOf = (findings: { key: string }[]) => findings.map((f) => f.key);

describe("the Products page loader", () => {
  it("groups the open findings by rule, most severe first, with counts per severity", async () => {
    const data = await load();
    expect(data.totalFindings).toBe(130);
    expect(data.matching).toBe(130);
    expect(data.groups.map((g) => [g.ruleId, g.severity, g.total])).toEqual([
      ["product.missing-image", "critical", 10],
      ["variant.missing-sku", "warning", 80],
      ["seo.missing-description", "info", 40],
    ]);
    expect(data.groups[0]?.title).toBe("Product has no images");
    expect(data.choices.vendors).toEqual(["", "Bølge", "Fjeld"]);
    expect(data.choices.productTypes).toEqual(["Jakke", "Telt"]);
  });

  it("pages on the server, 50 a page, most severe first by default", async () => {
    const first = await load();
    expect(first.pageCount).toBe(3);
    expect(first.page).toBe(1);
    expect(first.findings).toHaveLength(50);
    expect(first.findings.slice(0, 10).every((f) => f.severity === "critical")).toBe(true);
    expect(first.findings.slice(10).every((f) => f.severity === "warning")).toBe(true);

    const third = await load("?page=3");
    expect(third.page).toBe(3);
    expect(third.findings).toHaveLength(30);
    expect(third.findings.every((f) => f.severity === "info")).toBe(true);

    // Every finding once across the pages.
    const second = await load("?page=2");
    const all = [...first.findings, ...second.findings, ...third.findings].map((f) => f.key);
    expect(new Set(all).size).toBe(130);

    // A page past the end (an old link after findings were fixed) shows the last page.
    const past = await load("?page=99");
    expect(past.page).toBe(3);
    expect(keysOf(past.findings)).toEqual(keysOf(third.findings));
  });

  it("filters by severity, rule, vendor, product type and new/persisting, together", async () => {
    const warnings = await load("?severity=warning");
    expect(warnings.matching).toBe(80);
    expect(warnings.findings.every((f) => f.severity === "warning")).toBe(true);

    const rule = await load("?rule=product.missing-image&rule=seo.missing-description");
    expect(rule.matching).toBe(50);
    expect(new Set(rule.findings.map((f) => f.ruleId))).toEqual(
      new Set(["product.missing-image", "seo.missing-description"]),
    );

    const vendor = await load(`?vendor=${encodeURIComponent("Bølge")}`);
    expect(vendor.matching).toBe(count((f) => f.vendor === "Bølge"));
    expect(vendor.findings.every((f) => f.vendor === "Bølge")).toBe(true);

    // The products without a vendor are a choice of their own.
    const noVendor = await load("?vendor=");
    expect(noVendor.matching).toBe(count((f) => f.vendor === ""));
    expect(noVendor.findings.every((f) => f.vendor === "")).toBe(true);

    const type = await load("?type=Telt&change=new");
    const expected = SEEDED.filter((f) => f.productType === "Telt" && f.change === "new");
    expect(type.matching).toBe(expected.length);
    expect(type.matching).toBeGreaterThan(0);
    expect(new Set(keysOf(type.findings))).toEqual(new Set(keysOf(expected)));

    const persisting = await load("?change=persisting&severity=critical");
    expect(persisting.matching).toBe(
      count((f) => f.change === "persisting" && f.severity === "critical"),
    );
  });

  it("counts per rule under every filter but the rule filter, so the other rules stay choosable", async () => {
    const data = await load("?rule=product.missing-image&type=Jakke");
    // Odd products are Jakke; none of them is a fourth product, so no critical finding matches.
    expect(data.matching).toBe(0);
    expect(data.findings).toEqual([]);
    expect(data.groups.map((g) => [g.ruleId, g.total])).toEqual([
      ["variant.missing-sku", 40],
      ["seo.missing-description", 20],
    ]);
  });

  it("sorts by product, by rule and by newest", async () => {
    const byProduct = await load("?sort=product&severity=info");
    const titles = byProduct.findings.map((f) => f.productTitle ?? "");
    expect(titles).toEqual([...titles].sort());

    const byRule = await load("?sort=rule");
    const rules = byRule.findings.map((f) => f.ruleId);
    expect(rules).toEqual([...rules].sort());
    expect(rules[0]).toBe("product.missing-image");

    const newest = await load("?sort=newest&rule=seo.missing-description");
    const seen = newest.findings.map((f) => f.firstSeenAt);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(newest.findings[0]?.productId).toBe("gid://shopify/Product/2040");
  });

  it("ignores values it does not know rather than failing an old bookmark", async () => {
    const data = await load("?severity=fatal&sort=random&page=-2&change=fixed");
    expect(data.matching).toBe(130);
    expect(data.page).toBe(1);
  });

  it("opens the drawer with every finding of one product, most severe first", async () => {
    const data = await load(`?product=${encodeURIComponent("gid://shopify/Product/2004")}`);
    expect(data.drawer?.findings.map((f) => f.ruleId)).toEqual([
      "product.missing-image",
      "variant.missing-sku",
      "variant.missing-sku",
      "seo.missing-description",
    ]);
  });

  it("never shows another shop's findings", async () => {
    const data = await load("?sort=product");
    expect(data.totalFindings).toBe(130);
    const drawer = await load(`?product=${encodeURIComponent("gid://shopify/Product/2001")}`);
    expect(drawer.drawer?.findings).toHaveLength(3);
  });
});

describe("bulk suppress and lift", () => {
  it("suppresses selected rows with a reason, by the signed-in user; they leave the open list", async () => {
    const page = await load("?rule=seo.missing-description&sort=product");
    const ids = page.findings.slice(0, 3).map((f) => f.id);
    const keys = page.findings.slice(0, 3).map((f) => f.key);

    const result = await act([
      ["intent", "suppress"],
      ["reason", "SEO text comes from the PIM next month"],
      ...ids.map((id): [string, string] => ["id", id]),
    ]);
    expect(result).toEqual({ intent: "suppress", ok: true, suppressed: 3, selected: 3 });

    const records = await prisma.suppression.findMany({ where: { shop: TEST_SHOP } });
    expect(records.map((r) => r.key).sort()).toEqual([...keys].sort());
    for (const r of records) {
      expect(r.reason).toBe("SEO text comes from the PIM next month");
      expect(r.createdBy).toBe("Shopify user 12345");
      expect(r.liftedAt).toBeNull();
    }

    const after = await load("?rule=seo.missing-description");
    expect(after.matching).toBe(37);
    expect(keysOf(after.findings)).not.toContain(keys[0]);
    const suppressed = await load("?suppressed=only");
    expect(new Set(keysOf(suppressed.findings))).toEqual(new Set(keys));
    expect(suppressed.findings.every((f) => f.suppressed)).toBe(true);
    // Suppressed findings still exist: the page tells "nothing to fix" from "all accepted".
    expect(after.totalFindings).toBe(130);

    // Suppressing them again changes nothing and says so.
    const again = await act([
      ["intent", "suppress"],
      ["reason", "another reason"],
      ...ids.map((id): [string, string] => ["id", id]),
    ]);
    expect(again).toEqual({ intent: "suppress", ok: true, suppressed: 0, selected: 3 });
    expect(await prisma.suppression.count({ where: { shop: TEST_SHOP, liftedAt: null } })).toBe(3);

    // Lifting brings them back as open problems, and keeps who lifted them.
    const lifted = await act([
      ["intent", "lift"],
      ...ids.map((id): [string, string] => ["id", id]),
    ]);
    expect(lifted).toEqual({ intent: "lift", ok: true, lifted: 3, selected: 3 });
    expect((await load("?rule=seo.missing-description")).matching).toBe(40);
    const liftedRecords = await prisma.suppression.findMany({ where: { shop: TEST_SHOP } });
    expect(liftedRecords.every((r) => r.liftedBy === "Shopify user 12345")).toBe(true);
    expect(liftedRecords.every((r) => r.liftedAt instanceof Date)).toBe(true);
  });

  it("refuses a suppression without a reason, and changes nothing", async () => {
    const page = await load();
    const result = await act([
      ["intent", "suppress"],
      ["reason", "   "],
      ["id", page.findings[0]!.id],
    ]);
    expect(result).toMatchObject({ intent: "suppress", ok: false });
    expect(result.ok === false && "error" in result ? result.error : "").toMatch(/why/i);
    expect((await load()).matching).toBe(130);
  });

  it("suppresses all findings matching the filter, across pages, and nothing else", async () => {
    const filter = `?rule=variant.missing-sku&vendor=${encodeURIComponent("Fjeld")}`;
    const matching = SEEDED.filter(
      (f) => f.ruleId === "variant.missing-sku" && f.vendor === "Fjeld",
    );
    expect((await load(filter)).matching).toBe(matching.length);

    const result = await act([
      ["intent", "suppress"],
      ["reason", "Fjeld ships without SKUs; agreed with the merchant"],
      ["all", "1"],
      ["query", filter],
    ]);
    expect(result).toEqual({
      intent: "suppress",
      ok: true,
      suppressed: matching.length,
      selected: matching.length,
    });
    expect((await load(filter)).matching).toBe(0);
    expect((await load("?rule=variant.missing-sku")).matching).toBe(80 - matching.length);
    // The other shop's findings of the same products are untouched.
    expect(await prisma.finding.count({ where: { shop: OTHER_SHOP, suppressed: true } })).toBe(0);

    // "All matching" under suppressed=only lifts exactly those again.
    const lift = await act([
      ["intent", "lift"],
      ["all", "1"],
      ["query", `${filter}&suppressed=only`],
    ]);
    expect(lift).toMatchObject({ ok: true, lifted: matching.length });
    expect((await load(filter)).matching).toBe(matching.length);
  });

  it("does not act on another shop's finding ids", async () => {
    const theirs = await prisma.finding.findFirstOrThrow({ where: { shop: OTHER_SHOP } });
    const result = await act([
      ["intent", "suppress"],
      ["reason", "trying"],
      ["id", theirs.id],
    ]);
    expect(result).toEqual({ intent: "suppress", ok: false, error: "No findings selected." });
    expect((await prisma.finding.findUniqueOrThrow({ where: { id: theirs.id } })).suppressed).toBe(
      false,
    );
  });
});

describe("CSV export of the current filter", () => {
  it("exports every finding the filters match, as a spreadsheet-safe attachment", async () => {
    const { response, text } = await exportCsv("?severity=critical&severity=warning");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="findings-test-shop-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header?.slice(0, 4)).toEqual(["Severity", "Rule", "Rule title", "Product"]);
    expect(rows).toHaveLength(90);
    expect(rows.slice(0, 10).every((r) => r[0] === "critical")).toBe(true);
    expect(rows.slice(10).every((r) => r[0] === "warning")).toBe(true);
  });

  it("keeps hostile product text from running as a formula, and keeps quotes and line breaks", async () => {
    const { text } = await exportCsv(`?vendor=${encodeURIComponent("Fjeld")}&type=Jakke`);
    const [header, ...rows] = parseCsv(text.slice(1));
    const col = (name: string) => header!.indexOf(name);
    const hostile = rows.filter((r) => r[col("Product")]?.includes("cmd|"));
    // Product 1 (Fjeld, Jakke): two SKU findings and one SEO finding.
    expect(hostile).toHaveLength(3);
    for (const r of hostile) expect(r[col("Product")]).toBe(`'${HOSTILE_TITLE}`);
    expect(hostile.map((r) => r[col("SKU")])).toContain(`'${HOSTILE_SKU}`);
    // No cell of the file starts a formula.
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);

    const quoted = (await exportCsv(`?vendor=`)).text;
    const quotedRows = parseCsv(quoted.slice(1)).filter((r) => r[col("Product")] === QUOTED_TITLE);
    expect(quotedRows.length).toBeGreaterThan(0);
    expect(quotedRows[0]![col("Message")]).toBe('Says "no", then\nmore');
    // A line break inside a quoted cell, not a new record.
    expect(quoted).toContain('"Telt ""Storm"", 2-personers\nlet"');
  });

  it("exports nothing but the header when no finding matches, and only this shop's", async () => {
    const { text } = await exportCsv("?rule=product.missing-vendor");
    expect(parseCsv(text.slice(1))).toHaveLength(1);
    const all = parseCsv((await exportCsv("?suppressed=show")).text.slice(1));
    expect(all).toHaveLength(131);
  });
});
