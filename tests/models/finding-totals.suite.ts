/**
 * The Products page's shop-wide figures (health-score aggregates, filter choices, total) are kept
 * between page loads; every write to the shop's findings must show in the next load at once,
 * and a rebuild that counted before a write must never be kept after it. Run against whichever
 * database DATABASE_URL points at (finding-totals.test.ts: SQLite; .postgres.test.ts: PostgreSQL).
 */
import { describe, expect, it } from "vitest";
import { prisma, type Db } from "~/db/db.server";
import {
  findingTotals,
  forgetProductFindings,
  markSuppressed,
  replaceProductFindings,
  replaceShopFindings,
  type FindingRowData,
} from "~/product-qa/models/findings.server";
import { uniqueShop } from "../helpers/webhooks";

function finding(product: number, ruleId: string, vendor: string): FindingRowData {
  const severity = ruleId === "product.missing-image" ? "critical" : "warning";
  const resourceId = `gid://shopify/Product/${product}`;
  return {
    key: `${ruleId}:${resourceId}`,
    ruleId,
    severity,
    category: ruleId === "product.missing-image" ? "images" : "seo",
    resourceType: "product",
    resourceId,
    productId: resourceId,
    productHandle: `p-${product}`,
    productTitle: `Produkt ${product}`,
    vendor,
    productType: "Telt",
    variantId: null,
    variantSku: null,
    variantTitle: null,
    message: `${ruleId} on ${product}`,
    fixUrl: null,
    change: "persisting",
    suppressed: false,
    firstSeenAt: new Date("2026-10-01T00:00:00Z"),
    runId: "run-1",
  };
}

/** Products 1–4 by Bølge: 1 and 2 without images (critical), all four without SEO description. */
const ROWS = [1, 2, 3, 4].flatMap((p) => [
  ...(p <= 2 ? [finding(p, "product.missing-image", "Bølge")] : []),
  finding(p, "seo.missing-description", "Bølge"),
]);

const imagesOf = (totals: Awaited<ReturnType<typeof findingTotals>>) =>
  totals.score.find((s) => s.category === "images");

export function findingTotalsSuite(database: string): void {
  describe(`the Products page's shop-wide figures (${database})`, () => {
    it("follow every write to the shop's findings on the next load", async () => {
      const shop = uniqueShop();
      await prisma.$transaction((tx) => replaceShopFindings(tx, shop, ROWS));
      const first = await findingTotals(shop);
      expect(first.total).toBe(6);
      expect(first.facets.vendors).toEqual(["Bølge"]);
      expect(imagesOf(first)?.worst.critical).toBe(2);
      // Loaded again without a write: the same figures.
      expect(await findingTotals(shop)).toEqual(first);

      // Suppressing product 1's missing image: one unit fewer with a critical problem.
      await prisma.$transaction((tx) =>
        markSuppressed(tx, shop, ["product.missing-image:gid://shopify/Product/1"], true),
      );
      const suppressed = await findingTotals(shop);
      expect(imagesOf(suppressed)).toMatchObject({ worst: { critical: 1 }, suppressedFindings: 1 });
      expect(suppressed.total).toBe(6);

      // A product re-check by another vendor: its vendor is a filter choice at once.
      await prisma.$transaction((tx) =>
        replaceProductFindings(tx, shop, "gid://shopify/Product/9", [
          finding(9, "seo.missing-description", "Fjeld"),
        ]),
      );
      const rechecked = await findingTotals(shop);
      expect(rechecked.facets.vendors).toEqual(["Bølge", "Fjeld"]);
      expect(rechecked.total).toBe(7);

      // A deleted product's findings go from the figures.
      await forgetProductFindings(shop, "gid://shopify/Product/2");
      const forgotten = await findingTotals(shop);
      expect(forgotten.total).toBe(5);
      expect(imagesOf(forgotten)?.worst.critical ?? 0).toBe(0);
    });

    it("never keeps figures counted before a write that committed meanwhile", async () => {
      const shop = uniqueShop();
      await prisma.$transaction((tx) => replaceShopFindings(tx, shop, ROWS));
      // A page load whose rebuild is overtaken: just before it stores what it counted, a
      // suppression commits (as a concurrent request or a job would).
      let interleaved = false;
      const racing = new Proxy(prisma, {
        get(target, property, receiver) {
          if (property !== "findingAggregate") return Reflect.get(target, property, receiver);
          const model = target.findingAggregate;
          return new Proxy(model, {
            get(m, name, r) {
              if (name !== "updateMany" && name !== "createMany") return Reflect.get(m, name, r);
              return async (args: never) => {
                if (!interleaved) {
                  interleaved = true;
                  await prisma.$transaction((tx) =>
                    markSuppressed(
                      tx,
                      shop,
                      ["product.missing-image:gid://shopify/Product/1"],
                      true,
                    ),
                  );
                }
                return (Reflect.get(m, name, r) as (a: never) => Promise<unknown>).call(m, args);
              };
            },
          });
        },
      }) as Db;
      const stale = await findingTotals(shop, racing);
      expect(interleaved).toBe(true);
      expect(imagesOf(stale)?.worst.critical).toBe(2);
      // The next load counts again and sees the suppression.
      const next = await findingTotals(shop);
      expect(imagesOf(next)).toMatchObject({ worst: { critical: 1 }, suppressedFindings: 1 });
    });

    it("keep each shop's figures apart", async () => {
      const [a, b] = [uniqueShop(), uniqueShop()];
      await prisma.$transaction((tx) => replaceShopFindings(tx, a, ROWS));
      await prisma.$transaction((tx) => replaceShopFindings(tx, b, ROWS.slice(0, 1)));
      expect((await findingTotals(a)).total).toBe(6);
      expect((await findingTotals(b)).total).toBe(1);
      await prisma.$transaction((tx) => replaceShopFindings(tx, b, []));
      expect((await findingTotals(a)).total).toBe(6);
      expect(await findingTotals(b)).toEqual({
        score: [],
        facets: { vendors: [], productTypes: [] },
        total: 0,
      });
    });
  });
}
