/**
 * Findings over time, end to end: full audits of a shop on the stand-in (runShopAudit: live
 * collection, rules, classification, storage), with the store's data changed between runs as a
 * merchant would change it. Each finding is new, persisting or regressed against the run
 * before, and what disappeared is fixed; a suppression made on the Products page carries over
 * to the next runs until it is lifted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/db.server";
import { suppressFindings, liftSuppressions } from "~/product-qa/models/suppressions.server";
import { runShopAudit } from "~/product-qa/server/run-shop-audit.server";
import { loadProductsPage } from "~/product-qa/server/products-page.server";
import { parseProductsQuery } from "~/product-qa/server/products-query";
import { startAuditStandin, type AuditStandin } from "../jobs/audit-shop";

const SHOP = "history-shop.myshopify.com";
let env: AuditStandin;

beforeAll(async () => {
  env = await startAuditStandin();
  await env.addShop(SHOP, 12);
});
afterAll(async () => {
  await env.close();
});

const product = (n: number) => `gid://shopify/Product/${1000 + n}`;
const variant = (n: number, v: number) => `gid://shopify/ProductVariant/${(1000 + n) * 10 + v}`;
const live = (n: number) => {
  const p = env.standin.store(SHOP).products.find((x) => x.id === product(n));
  if (!p) throw new Error(`no product ${n}`);
  return p;
};

async function stored(key: string) {
  return prisma.finding.findUnique({ where: { shop_key: { shop: SHOP, key } } });
}
async function history(key: string) {
  return prisma.findingHistory.findUnique({ where: { shop_key: { shop: SHOP, key } } });
}
const page = (search: string) =>
  loadProductsPage(SHOP, parseProductsQuery(new URLSearchParams(search)));

const IMAGE_5 = `product.missing-image:${product(5)}`;
const SKU_3 = `variant.missing-sku:${variant(3, 0)}`;
const BARCODE_7 = [0, 1].map((v) => `variant.missing-barcode:${variant(7, v)}`);

describe("findings across runs after the store changes", () => {
  it("classifies new, persisting, fixed and regressed, and carries suppressions over", async () => {
    // Run 1: everything is new.
    const first = await runShopAudit({ shop: SHOP, trigger: "manual" });
    expect(first.summary.counts.open).toBeGreaterThan(0);
    expect(first.summary.counts.new).toBe(first.summary.counts.open);
    expect(first.summary.counts.fixed).toBe(0);
    expect(await stored(IMAGE_5)).toMatchObject({ change: "new", severity: "critical" });
    for (const key of BARCODE_7) expect(await stored(key)).toMatchObject({ change: "new" });
    expect(await stored(SKU_3)).toBeNull();
    const firstSeen = (await stored(BARCODE_7[0]!))!.firstSeenAt;

    // The merchant accepts product 7's missing barcodes (own-brand goods without GTINs).
    await suppressFindings({
      shop: SHOP,
      keys: BARCODE_7,
      reason: "Own brand, no GTINs",
      by: "anna@agency.example",
    });

    // Between runs: product 5 gets three photos, variant 3/S loses its SKU, product 8 is deleted.
    live(5).media = [1, 2, 3].map((m) => ({
      id: `gid://shopify/MediaImage/9900${m}`,
      alt: `Photo ${m}`,
      url: `https://cdn.shopify.com/s/files/1/fixture/new-${m}.jpg`,
      width: 1200,
      height: 800,
    }));
    live(3).variants[0]!.sku = null;
    const deletedKeys = (
      await prisma.finding.findMany({ where: { shop: SHOP, productId: product(8) } })
    ).map((f) => f.key);
    expect(deletedKeys.length).toBeGreaterThan(0);
    const store = env.standin.store(SHOP);
    store.products = store.products.filter((p) => p.id !== product(8));

    const second = await runShopAudit({ shop: SHOP, trigger: "manual" });
    expect(second.auditRunId).not.toBe(first.auditRunId);
    const c = second.summary.counts;
    expect(c.new).toBe(1); // only the SKU
    expect(c.regressed).toBe(0);
    expect(c.fixed).toBe(1 + deletedKeys.length); // the image, and the deleted product's findings
    expect(c.suppressed).toBe(2);
    expect(c.persisting).toBe(c.open - 1);
    expect(c.byRule.find((r) => r.ruleId === "product.missing-image")).toMatchObject({ fixed: 1 });

    expect(await stored(IMAGE_5)).toBeNull();
    expect(await history(IMAGE_5)).toMatchObject({ status: "fixed" });
    expect(await stored(SKU_3)).toMatchObject({ change: "new", severity: "warning" });
    for (const key of deletedKeys) {
      expect(await stored(key)).toBeNull();
      expect(await history(key)).toMatchObject({ status: "fixed" });
    }
    // Suppressed in the new run too, persisting, first seen in run 1.
    for (const key of BARCODE_7)
      expect(await stored(key)).toMatchObject({ suppressed: true, change: "persisting" });
    expect((await stored(BARCODE_7[0]!))!.firstSeenAt).toEqual(firstSeen);

    // The Products page: "new" shows exactly the SKU; the suppressed barcodes are not open.
    const news = await page("change=new");
    expect(news.findings.map((f) => f.key)).toEqual([SKU_3]);
    const barcodes = await page("rule=variant.missing-barcode");
    expect(barcodes.findings.map((f) => f.key)).not.toContain(BARCODE_7[0]);
    const accepted = await page("suppressed=only");
    expect(accepted.findings.map((f) => f.key).sort()).toEqual([...BARCODE_7].sort());
    expect(news.score?.categories.length).toBeGreaterThan(0);
    expect(news.score?.categories[0]?.explanation).toMatch(/\d/);

    // Run 3: the photo is removed again (regressed); the suppression still holds.
    live(5).media = [];
    const third = await runShopAudit({ shop: SHOP, trigger: "manual" });
    expect(third.summary.counts).toMatchObject({ new: 0, regressed: 1, fixed: 0, suppressed: 2 });
    expect(await stored(IMAGE_5)).toMatchObject({ change: "regressed" });
    expect(await history(IMAGE_5)).toMatchObject({ status: "open", timesRegressed: 1 });
    expect(await stored(SKU_3)).toMatchObject({ change: "persisting" });
    for (const key of BARCODE_7) expect(await stored(key)).toMatchObject({ suppressed: true });
    const regressed = await page("change=regressed");
    expect(regressed.findings.map((f) => f.key)).toEqual([IMAGE_5]);

    // Lifted: the next run counts them as open problems again.
    await liftSuppressions({ shop: SHOP, keys: BARCODE_7, by: "anna@agency.example" });
    const fourth = await runShopAudit({ shop: SHOP, trigger: "manual" });
    expect(fourth.summary.counts.suppressed).toBe(0);
    expect(fourth.summary.counts.open).toBe(third.summary.counts.open + 2);
    for (const key of BARCODE_7)
      expect(await stored(key)).toMatchObject({ suppressed: false, change: "persisting" });
  });
});
