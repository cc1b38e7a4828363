/**
 * Product QA bench: one full audit of a catalog built in memory (100,000 products × 4 variants
 * by default), about 1 product in 20 with a product defect and 1 in 20 with four variant
 * defects, every product with a realistic HTML description, so text measuring, duplicate
 * indexes and finding construction are all on the path. Prints the time and findings/s.
 *
 * Target, machine-independent like the snapshot bench's: an audit takes at most twice as long
 * as serialising the same catalog to JSON once (the cost of reading every field) — on a
 * machine that serialises 100,000 products in under a second, well under 2 s.
 */
import type { Bench } from "./bench";
import { runProductQa } from "../app/product-qa/domain/run";
import { gtinCheckDigit } from "../app/product-qa/domain/gtin";
import {
  SNAPSHOT_VERSION,
  type SnapshotProduct,
  type SnapshotVariant,
  type StoreSnapshot,
} from "../app/snapshot/domain/types";

const VARIANTS = 4;
const RUNS = 3;
/** The audit may take this many times as long as serialising the catalog once. */
const MAX_RATIO = 2;

const SENTENCE =
  "Robust og let cykeltaske i vandtæt materiale med refleks, skulderrem og plads til en bærbar computer &amp; madpakke.";
const DESCRIPTION = `<h2>Om produktet</h2><p>${SENTENCE} ${SENTENCE}</p><ul><li>${SENTENCE}</li><li>${SENTENCE}</li></ul><p>${SENTENCE} ${SENTENCE}</p>`;

function gtin(n: number): string {
  const body = `57${String(n).padStart(10, "0")}`;
  return `${body}${gtinCheckDigit(body)}`;
}

function buildVariant(p: number, v: number): SnapshotVariant {
  const n = p * VARIANTS + v;
  const defect = p % 20 === 7 ? v : -1; // every 20th product: a different defect per variant
  return {
    id: `gid://shopify/ProductVariant/${n}`,
    title: `Størrelse ${v + 1}`,
    position: v + 1,
    sku: defect === 0 ? null : `SKU-${n}`,
    barcode: defect === 1 ? "5701234567891" : gtin(n),
    price: defect === 2 ? "0.00" : "499.95",
    compareAtPrice: p % 6 === 0 ? "599.95" : null,
    inventoryPolicy: "DENY",
    tracked: true,
    requiresShipping: true,
    weight: { value: defect === 3 ? 0 : 1.2, unit: "KILOGRAMS" },
    inventoryQuantity: 12,
    inventoryLevels: [
      { locationId: "gid://shopify/Location/1", available: 8 },
      { locationId: "gid://shopify/Location/2", available: 4 },
    ],
    selectedOptions: [{ name: "Størrelse", value: String(v + 1) }],
  };
}

function buildProduct(p: number): SnapshotProduct {
  const defect = p % 20 === 3 ? Math.floor(p / 20) % 5 : -1; // one product defect in every 20th
  return {
    id: `gid://shopify/Product/${p}`,
    handle: `produkt-${p}`,
    title: defect === 0 ? "Cykeltaske Classic" : `Cykeltaske ${p}`,
    descriptionHtml: defect === 1 ? "<p>Kort tekst.</p>" : DESCRIPTION,
    vendor: "Nordvej",
    productType: "Cykeltaske",
    status: p % 50 === 0 ? "DRAFT" : "ACTIVE",
    tags: [],
    isGiftCard: false,
    category: {
      id: "gid://shopify/TaxonomyCategory/lb-1",
      fullName: "Luggage & Bags > Bicycle Bags",
    },
    seo: {
      title: defect === 2 ? null : `Cykeltaske ${p} | Nordvej`,
      description: "Vandtæt cykeltaske med plads til det hele.",
    },
    publishedOnlineStore: true,
    onlineStoreUrl: null,
    featuredImageUrl: null,
    options: [{ name: "Størrelse", values: ["1", "2", "3", "4"] }],
    media: Array.from({ length: defect === 3 ? 1 : 4 }, (_, m) => ({
      id: `gid://shopify/MediaImage/${p * 10 + m}`,
      alt: defect === 4 && m === 0 ? null : `Cykeltaske ${p}, billede ${m + 1}`,
    })),
    variants: Array.from({ length: VARIANTS }, (_, v) => buildVariant(p, v)),
    collectionIds: ["gid://shopify/Collection/1"],
    createdAt: null,
    updatedAt: null,
  };
}

export function benchSnapshot(products: number): StoreSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    source: {
      kind: "shop",
      name: "bench.myshopify.com",
      collectedAt: "2026-01-01T00:00:00Z",
      strategy: "bulk",
    },
    shop: {
      domain: "bench.myshopify.com",
      name: "Bench",
      currencyCode: "DKK",
      ianaTimezone: "Europe/Copenhagen",
      primaryLocale: "da",
      weightUnit: "KILOGRAMS",
      countryCode: "DK",
      planName: null,
      developmentStore: null,
      passwordProtected: null,
      digitalWallets: null,
      shipsToCountries: null,
      onlineStorePublicationId: "gid://shopify/Publication/1",
    },
    products: Array.from({ length: products }, (_, p) => buildProduct(p)),
    collections: null,
    locations: null,
    markets: null,
    deliveryProfiles: null,
    policies: null,
    discounts: null,
    theme: null,
    orderKpis: null,
  };
}

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

export function productQaBench(products: number): Bench {
  return {
    name: "product-qa",
    description: `runProductQa on ${count.format(products)} products × ${VARIANTS} variants`,
    async run(log) {
      const built = timed(() => benchSnapshot(products));
      const snapshot = built.value;
      log(`built the snapshot in memory in ${(built.ms / 1000).toFixed(1)} s`);

      const baseline = () => timed(() => JSON.stringify(snapshot.products).length).ms;
      const before = baseline();
      const runs = Array.from({ length: RUNS }, () => timed(() => runProductQa(snapshot)));
      const after = baseline();
      const base = Math.min(before, after);
      const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
      const findings = best.value.findings.length;

      log(`baseline JSON.stringify of the catalog: ${(base / 1000).toFixed(2)} s (best of 2)`);
      log(
        `runProductQa, ${RUNS} runs: ${runs.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(", ")}; ` +
          `best ${(best.ms / 1000).toFixed(2)} s: ${count.format(findings)} findings, ` +
          `${count.format(findings / (best.ms / 1000))} findings/s, ` +
          `${count.format(products / (best.ms / 1000))} products/s`,
      );
      const ratio = best.ms / base;
      const met = ratio <= MAX_RATIO;
      log(`target ratio <= ${MAX_RATIO}: ${met ? "met" : `MISSED (ratio ${ratio.toFixed(2)})`}`);
      log(
        `ratio=${ratio.toFixed(2)} ms=${best.ms.toFixed(0)} findings_per_s=${(findings / (best.ms / 1000)).toFixed(0)}`,
      );
      return met;
    },
  };
}
