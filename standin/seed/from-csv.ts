/**
 * Seeds the stand-in from a Shopify product CSV export (pure: products in, store out).
 *
 * Only products come from the file; everything else is the minimal valid shop Shopify creates:
 * one location ("Shop location"), a primary market for `countryCode`, a general delivery profile
 * with free shipping to that country, a Dawn theme, no policies, discounts, orders or customers.
 *
 * Choices where the CSV leaves room:
 * - Status: the Status column when present. The legacy format has none; there `Published`
 *   FALSE meant "hidden from the Online Store", and Shopify kept such products ACTIVE when
 *   statuses arrived, so every legacy product is ACTIVE and only published ones are on the
 *   Online Store. An empty Published cell publishes (as Shopify's importer does).
 * - A product with no variant row gets one "Default Title" variant priced 0.00 (Shopify always
 *   has at least one variant); a variant row with an empty price costs 0.00.
 * - Inventory: `Variant Inventory Qty` is the available quantity at the single location; the
 *   item is tracked when `Variant Inventory Tracker` is "shopify".
 * - Weight: `Variant Grams` converted to `Variant Weight Unit` (grams when absent).
 * - Images: ordered by Image Position (file order without one), one media per distinct URL;
 *   a Variant Image that is not among the product images is added, as Shopify does. The CSV has
 *   no dimensions, so width and height are 0.
 * - Collections: one custom collection per distinct Collection cell, none without the column.
 */
import type {
  CsvProduct,
  CsvVariant,
  CsvWeightUnit,
} from "../../app/snapshot/domain/csv/product-csv-types";
import type {
  StandinCollection,
  StandinLocation,
  StandinMedia,
  StandinProduct,
  StandinStore,
  StandinVariant,
  WeightUnit,
} from "../store/types";
import { dawnTheme } from "./demo-theme";
import { IdAllocator } from "./ids";
import { categoryFromCsv } from "./taxonomy";
import { handleize } from "./text";

export interface CsvStoreOptions {
  shopDomain: string;
  shopName?: string;
  /** Shop currency (default USD, Shopify's default). */
  currencyCode?: string;
  /** The shop's country, ISO 3166-1 alpha-2 (default US). */
  countryCode?: string;
  now?: Date;
}

const WEIGHT: Record<CsvWeightUnit, { unit: WeightUnit; grams: number }> = {
  g: { unit: "GRAMS", grams: 1 },
  kg: { unit: "KILOGRAMS", grams: 1000 },
  lb: { unit: "POUNDS", grams: 453.59237 },
  oz: { unit: "OUNCES", grams: 28.349523125 },
};

function weight(v: CsvVariant): { value: number; unit: WeightUnit } {
  const { unit, grams } = WEIGHT[v.weightUnit ?? "g"];
  return { value: Math.round(((v.grams ?? 0) / grams) * 1000) / 1000, unit };
}

class Mapper {
  readonly collections = new Map<string, StandinCollection>();
  readonly unitCounts = new Map<WeightUnit, number>();

  constructor(
    private readonly ids: IdAllocator,
    private readonly now: string,
    private readonly location: StandinLocation,
  ) {}

  collection(title: string): string {
    const existing = this.collections.get(title);
    if (existing) return existing.id;
    const { gid, legacyId } = this.ids.next("Collection");
    this.collections.set(title, {
      id: gid,
      legacyId,
      handle: handleize(title),
      title,
      descriptionHtml: "",
      smart: false,
      sortOrder: "BEST_SELLING",
      seo: { title: null, description: null },
      onlineStorePublishedAt: this.now,
      updatedAt: this.now,
    });
    return gid;
  }

  product(csv: CsvProduct): StandinProduct {
    const { ids, now } = this;
    const { gid: id, legacyId } = ids.next("Product");
    const media = new Map<string, StandinMedia>();
    const addMedia = (src: string, alt: string | null): void => {
      if (!media.has(src))
        media.set(src, { id: ids.gid("MediaImage"), alt, url: src, width: 0, height: 0 });
    };
    const images = csv.images.map((image, order) => ({ image, order }));
    images.sort(
      (a, b) =>
        (a.image.position ?? Infinity) - (b.image.position ?? Infinity) || a.order - b.order,
    );
    for (const { image } of images) addMedia(image.src, image.alt);
    for (const v of csv.variants) if (v.imageSrc !== null) addMedia(v.imageSrc, null);

    const hasOptions = csv.options.length > 0;
    const options = hasOptions
      ? csv.options.map((o) => ({ name: o.name, values: [...o.values] }))
      : [{ name: "Title", values: ["Default Title"] }];
    const rows: CsvVariant[] =
      csv.variants.length > 0 ? csv.variants : [emptyVariant(csv.firstLine)];
    const variants = rows.map<StandinVariant>((v, i) => {
      const values = hasOptions ? v.optionValues : ["Default Title"];
      const w = weight(v);
      this.unitCounts.set(w.unit, (this.unitCounts.get(w.unit) ?? 0) + 1);
      const { gid, legacyId: variantLegacyId } = ids.next("ProductVariant");
      const qty = v.inventoryQty ?? 0;
      return {
        id: gid,
        legacyId: variantLegacyId,
        title: values.join(" / "),
        position: i + 1,
        sku: v.sku,
        barcode: v.barcode,
        price: v.price ?? "0.00",
        compareAtPrice: v.compareAtPrice,
        taxable: v.taxable ?? true,
        inventoryPolicy: v.inventoryPolicy === "continue" ? "CONTINUE" : "DENY",
        selectedOptions: options.map((o, k) => ({ name: o.name, value: values[k] ?? "" })),
        imageMediaId: v.imageSrc === null ? null : (media.get(v.imageSrc)?.id ?? null),
        inventoryItem: {
          id: ids.gid("InventoryItem"),
          tracked: v.inventoryTracker?.toLowerCase() === "shopify",
          requiresShipping: v.requiresShipping ?? true,
          weight: w,
          unitCost: v.costPerItem,
          countryCodeOfOrigin: null,
          harmonizedSystemCode: null,
          levels: [{ locationId: this.location.id, available: qty, onHand: qty, committed: 0 }],
        },
        createdAt: now,
        updatedAt: now,
      };
    });

    const status =
      csv.status === null ? "ACTIVE" : (csv.status.toUpperCase() as StandinProduct["status"]);
    return {
      id,
      legacyId,
      handle: csv.handle,
      title: csv.title,
      descriptionHtml: csv.bodyHtml,
      vendor: csv.vendor,
      productType: csv.productType,
      status,
      tags: csv.tags,
      isGiftCard: csv.giftCard,
      category: csv.category === null ? null : categoryFromCsv(csv.category),
      seo: { ...csv.seo },
      templateSuffix: null,
      options,
      media: [...media.values()],
      variants,
      collectionIds: csv.collection === null ? [] : [this.collection(csv.collection)],
      onlineStorePublishedAt: status === "ACTIVE" && csv.published !== false ? now : null,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** The unit most variants use becomes the shop's default. */
  shopWeightUnit(): WeightUnit {
    let best: WeightUnit = "KILOGRAMS";
    let bestCount = 0;
    for (const [unit, count] of this.unitCounts) {
      if (count > bestCount) [best, bestCount] = [unit, count];
    }
    return best;
  }
}

function emptyVariant(line: number): CsvVariant {
  return {
    line,
    optionValues: [],
    sku: null,
    barcode: null,
    price: null,
    compareAtPrice: null,
    costPerItem: null,
    grams: null,
    weightUnit: null,
    inventoryTracker: null,
    inventoryQty: null,
    inventoryPolicy: null,
    fulfillmentService: null,
    requiresShipping: null,
    taxable: null,
    imageSrc: null,
    marketPrices: [],
  };
}

export async function storeFromProductCsv(
  products: AsyncIterable<CsvProduct> | Iterable<CsvProduct>,
  opts: CsvStoreOptions,
): Promise<StandinStore> {
  const now = (opts.now ?? new Date()).toISOString();
  const countryCode = opts.countryCode ?? "US";
  const currencyCode = opts.currencyCode ?? "USD";
  const countryName =
    new Intl.DisplayNames(["en"], { type: "region" }).of(countryCode) ?? countryCode;
  const shopHandle = opts.shopDomain.replace(/\.myshopify\.com$/i, "");
  const ids = new IdAllocator();
  const shopId = ids.gid("Shop");
  const location: StandinLocation = {
    id: ids.gid("Location"),
    name: "Shop location",
    isActive: true,
    fulfillsOnlineOrders: true,
    countryCode,
    city: "",
  };
  const mapper = new Mapper(ids, now, location);
  const mapped: StandinProduct[] = [];
  for await (const csv of products) mapped.push(mapper.product(csv));

  return {
    shop: {
      id: shopId,
      name: opts.shopName ?? shopHandle,
      myshopifyDomain: opts.shopDomain,
      primaryDomainHost: opts.shopDomain,
      email: `owner@${shopHandle}.example`,
      contactEmail: `owner@${shopHandle}.example`,
      currencyCode,
      enabledPresentmentCurrencies: [currencyCode],
      ianaTimezone: "Etc/UTC",
      primaryLocale: "en",
      weightUnit: mapper.shopWeightUnit(),
      countryCode,
      planDisplayName: "Basic",
      partnerDevelopment: false,
      shopifyPlus: false,
      taxesIncluded: false,
      passwordProtected: false,
      storefrontPassword: null,
      shopifyPaymentsActivated: false,
      createdAt: now,
    },
    onlineStorePublicationId: ids.gid("Publication"),
    locations: [location],
    products: mapped,
    collections: [...mapper.collections.values()],
    markets: [
      {
        id: ids.gid("Market"),
        handle: countryCode.toLowerCase(),
        name: countryName,
        status: "ACTIVE",
        type: "REGION",
        primary: true,
        countries: [countryCode],
        currencyCode,
      },
    ],
    deliveryProfiles: [
      {
        id: ids.gid("DeliveryProfile"),
        name: "General profile",
        isDefault: true,
        variantIds: [],
        locationGroups: [
          {
            id: ids.gid("DeliveryLocationGroup"),
            locationIds: [location.id],
            zones: [
              {
                id: ids.gid("DeliveryZone"),
                name: countryName,
                countries: [countryCode],
                rates: [
                  {
                    id: ids.gid("DeliveryMethodDefinition"),
                    name: "Free shipping",
                    active: true,
                    amount: "0.00",
                    freeAbove: null,
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
    policies: [],
    discounts: [],
    orders: [],
    customers: [],
    themes: [
      dawnTheme({
        ids,
        now: Date.parse(now),
        embeds: {},
        productAppBlock: null,
        headExtra: "",
        updatedAt: Date.parse(now),
      }),
    ],
    scriptTags: [],
  };
}
