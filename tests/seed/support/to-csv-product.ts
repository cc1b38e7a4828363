/** Test-only: a stand-in product as Shopify's current CSV export would describe it. */
import type { CsvProduct } from "~/snapshot/domain/csv/product-csv-types";
import type { StandinProduct } from "../../../standin/store/types";

export function toCsvProduct(p: StandinProduct): CsvProduct {
  const media = new Map(p.media.map((m) => [m.id, m]));
  return {
    handle: p.handle,
    title: p.title,
    bodyHtml: p.descriptionHtml,
    vendor: p.vendor,
    productType: p.productType,
    category: p.category?.fullName ?? null,
    tags: p.tags,
    published: p.onlineStorePublishedAt !== null,
    status: p.status.toLowerCase() as CsvProduct["status"],
    giftCard: p.isGiftCard,
    seo: { ...p.seo },
    collection: null,
    options: p.options.map((o) => ({ name: o.name, values: [...o.values] })),
    variants: p.variants.map((v) => {
      const { weight } = v.inventoryItem;
      return {
        line: 0,
        optionValues: v.selectedOptions.map((o) => o.value),
        sku: v.sku,
        barcode: v.barcode,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
        costPerItem: v.inventoryItem.unitCost,
        grams: Math.round(weight.value * (weight.unit === "KILOGRAMS" ? 1000 : 1)),
        weightUnit: weight.unit === "KILOGRAMS" ? "kg" : "g",
        inventoryTracker: v.inventoryItem.tracked ? "shopify" : null,
        inventoryQty: v.inventoryItem.levels.reduce((n, l) => n + l.available, 0),
        inventoryPolicy: v.inventoryPolicy === "CONTINUE" ? "continue" : "deny",
        fulfillmentService: "manual",
        requiresShipping: v.inventoryItem.requiresShipping,
        taxable: v.taxable,
        imageSrc: v.imageMediaId === null ? null : (media.get(v.imageMediaId)?.url ?? null),
        marketPrices: [],
      };
    }),
    images: p.media.map((m, i) => ({
      line: 0,
      src: m.url,
      position: i + 1,
      alt: m.alt === "" ? null : m.alt,
    })),
    firstLine: 0,
    lastLine: 0,
  };
}
