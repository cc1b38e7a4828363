/**
 * The demo shop's catalogue: clean products, products with exactly one planted defect each,
 * drafts, archived products and a gift card, plus custom and smart collections.
 *
 * Every product starts clean (see `buildProduct`: ≥ 3 images with alt text, a description of
 * ≥ 50 words, SEO fields within limits, priced, barcoded and stocked variants). A planted
 * product then gets one mutation, so an audit that flags anything else on it has a precision
 * problem. Products that are neither planted, drafts, archived nor the gift card stay clean.
 */
import type {
  ExemptProduct,
  StandinCollection,
  StandinInventoryLevel,
  StandinLocation,
  StandinMedia,
  StandinProduct,
  StandinVariant,
} from "../store/types";
import {
  CLOSINGS,
  type CollectionKey,
  IMAGE_ANGLES,
  INTRO_TEMPLATES,
  MODEL_SUFFIXES,
  MODELS,
  TYPES,
  type TypeSpec,
  type Vendor,
} from "./catalog";
import { gtin13, gtinCheckDigit } from "./gtin";
import type { IdAllocator } from "./ids";
import { type ManifestDefect, PRODUCT_RULE_IDS, type ProductRuleId, THRESHOLDS } from "./manifest";
import { type Random, WeightedTable } from "./random";
import { TAXONOMY } from "./taxonomy";
import { handleize, truncateWords, wordCount } from "./text";
import { DAY_MS, iso } from "./time";

export interface ShopLocations {
  warehouse: StandinLocation;
  store: StandinLocation;
  /** Does not fulfil online orders: stock here does not make a product sellable online. */
  workshop: StandinLocation;
}

export interface CatalogInput {
  rng: Random;
  ids: IdAllocator;
  now: number;
  productCount: number;
  locations: ShopLocations;
  shopName: string;
}

export interface Catalog {
  products: StandinProduct[];
  collections: StandinCollection[];
  defects: ManifestDefect[];
  cleanProductIds: string[];
  exemptions: ExemptProduct[];
  /** Products whose variants the "bulky goods" delivery profile holds. */
  bulkyProductIds: string[];
}

/** Products created within this many days are in the "Nyheder" smart collection. */
const NEW_ARRIVAL_DAYS = 30;
/** How far back the catalogue goes. */
const CATALOGUE_AGE_DAYS = 1100;
const IMAGE_CDN = "https://cdn.shopify.com/s/files/1/0721/4455/8312/files";
const SEO_SUFFIX = " | Nordvej";
/** Types whose first option (tent size, volume, length) changes the price. */
const PRICED_BY_FIRST_OPTION = new Set(["tent", "backpack", "sleepingbag"]);

interface Context extends CatalogInput {
  titles: Set<string>;
  handles: Set<string>;
  productSerial: number;
  gtinSerial: Map<string, number>;
  collectionIds: Record<CollectionKey | "forside" | "gavekort", string>;
}

// ---------------------------------------------------------------------------------------------
// Money, stock and text helpers

/** Danish shelf prices: 4999.00, 299.95, 149.95. */
function roundPrice(x: number): number {
  if (x >= 1000) return Math.round(x / 100) * 100 - 1;
  if (x >= 200) return Math.round(x / 10) * 10 - 0.05;
  return Math.max(9.95, Math.round(x / 5) * 5 - 0.05);
}

function money(x: number): string {
  return x.toFixed(2);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function level(
  location: StandinLocation,
  available: number,
  committed: number,
): StandinInventoryLevel {
  return { locationId: location.id, available, onHand: available + committed, committed };
}

function stockedLevels(ctx: Context): StandinInventoryLevel[] {
  const { rng, locations } = ctx;
  return [
    level(locations.warehouse, rng.int(2, 40), rng.int(0, 2)),
    level(locations.store, rng.int(0, 8), 0),
    level(locations.workshop, rng.int(0, 2), 0),
  ];
}

function uniqueTitle(ctx: Context, spec: TypeSpec, vendor: Vendor): string {
  const { rng } = ctx;
  const noun = capitalise(rng.pick(spec.nouns));
  let title = "";
  for (let attempt = 0; attempt < 40; attempt++) {
    title = `${vendor.brand} ${rng.pick(MODELS)}${rng.pick(MODEL_SUFFIXES)} ${noun}`;
    if (!ctx.titles.has(title.toLowerCase())) break;
  }
  // Large catalogues (the 10,000-product benchmark) exhaust the name space: number the model.
  for (let n = ctx.titles.size; ctx.titles.has(title.toLowerCase()); n++) {
    title = `${vendor.brand} ${rng.pick(MODELS)} ${n} ${noun}`;
  }
  ctx.titles.add(title.toLowerCase());
  return title;
}

function uniqueHandle(ctx: Context, title: string): string {
  const base = handleize(title);
  let handle = base;
  for (let n = 2; ctx.handles.has(handle); n++) handle = `${base}-${n}`;
  ctx.handles.add(handle);
  return handle;
}

function nextGtin(ctx: Context, vendor: Vendor): string {
  const serial = (ctx.gtinSerial.get(vendor.gs1) ?? 0) + 1;
  ctx.gtinSerial.set(vendor.gs1, serial);
  return gtin13(vendor.gs1, serial);
}

interface Description {
  html: string;
  intro: string;
  features: string[];
}

function describe(rng: Random, spec: TypeSpec, title: string, brand: string): Description {
  const intro = rng.pick(INTRO_TEMPLATES)({
    title,
    brand,
    phrase: spec.phrase,
    useCase: spec.useCase,
  });
  const features = rng.sample(spec.features, rng.int(3, Math.min(5, spec.features.length)));
  const closings = rng.shuffle(CLOSINGS);
  const closing: string[] = [];
  const render = (): string =>
    `<p>${intro}</p>\n<ul>\n${features.map((f) => `  <li>${f}</li>`).join("\n")}\n</ul>\n<p>${closing.join(" ")}</p>`;
  // Two closing sentences normally; more if needed so a clean product is well clear of the threshold.
  for (const sentence of closings) {
    closing.push(sentence);
    if (closing.length >= 2 && wordCount(render()) >= THRESHOLDS.minDescriptionWords + 10) break;
  }
  return { html: render(), intro, features };
}

/** Whole sentences while they fit, a little under the limit search engines show. */
function seoDescription(d: Description): string {
  const max = THRESHOLDS.maxSeoDescriptionLength - 5;
  let text = d.intro;
  for (const feature of d.features) {
    if (text.length + 1 + feature.length > max) break;
    text = `${text} ${feature}`;
  }
  return truncateWords(text, max);
}

// ---------------------------------------------------------------------------------------------
// Clean products

interface BuildOptions {
  spec: TypeSpec;
  status: StandinProduct["status"];
  createdAt: number;
  onSale: boolean;
  published: boolean;
}

function pickOptions(rng: Random, spec: TypeSpec): { name: string; values: string[] }[] {
  const dims = spec.options.map((o) => {
    const count = rng.int(o.min, Math.min(o.max, o.values.length));
    const chosen = rng.sample(
      o.values.map((_, i) => i),
      count,
    );
    return { name: o.name, values: chosen.sort((a, b) => a - b).map((i) => o.values[i] as string) };
  });
  // Shopify allows more, but a shop rarely has more than a dozen variants of one product here.
  const combos = (): number => dims.reduce((n, d) => n * d.values.length, 1);
  while (combos() > 12) {
    const largest = dims.reduce((a, b) => (b.values.length > a.values.length ? b : a));
    largest.values.pop();
  }
  return dims;
}

function cartesian(dims: { values: string[] }[]): string[][] {
  return dims.reduce<string[][]>(
    (acc, d) => acc.flatMap((combo) => d.values.map((v) => [...combo, v])),
    [[]],
  );
}

function buildProduct(ctx: Context, o: BuildOptions): StandinProduct {
  const { rng, ids, now } = ctx;
  const { spec } = o;
  const vendor = rng.pick(spec.vendors);
  const title = uniqueTitle(ctx, spec, vendor);
  const handle = uniqueHandle(ctx, title);
  const { legacyId, gid: id } = ids.next("Product");
  const createdAt = o.createdAt;
  const updatedAt = createdAt + Math.floor(rng.next() * (now - createdAt));
  ctx.productSerial++;
  const serial = String(ctx.productSerial).padStart(4, "0");

  const media: StandinMedia[] = rng
    .sample(IMAGE_ANGLES, rng.int(THRESHOLDS.minImages, IMAGE_ANGLES.length))
    .map((angle, i) => ({
      id: ids.gid("MediaImage"),
      alt: `${title} – ${angle}`,
      url: `${IMAGE_CDN}/${handle}-${i + 1}.jpg?v=${Math.floor(createdAt / 1000)}`,
      width: 2048,
      height: spec.key === "jacket" ? 2560 : 2048,
    }));

  const dims = pickOptions(rng, spec);
  const options = dims.length > 0 ? dims : [{ name: "Title", values: ["Default Title"] }];
  const basePrice = roundPrice(
    spec.priceRange[0] + rng.next() * (spec.priceRange[1] - spec.priceRange[0]),
  );
  const saleFactor = 1.15 + rng.next() * 0.2;
  const grams = rng.int(spec.gramsRange[0], spec.gramsRange[1]);
  const weight = spec.weightUnit === "KILOGRAMS" ? Math.round(grams / 100) / 10 : grams;
  const colourIndex = options.findIndex((opt) => opt.name === "Farve");
  const policy = rng.chance(0.1) ? "CONTINUE" : "DENY";

  const variants: StandinVariant[] = cartesian(options).map((combo, i) => {
    const { gid: variantId, legacyId: variantLegacyId } = ids.next("ProductVariant");
    const firstIndex = options[0]?.values.indexOf(combo[0] ?? "") ?? 0;
    const price = PRICED_BY_FIRST_OPTION.has(spec.key)
      ? roundPrice(basePrice * (1 + 0.15 * firstIndex))
      : basePrice;
    const colour =
      colourIndex >= 0 ? (options[colourIndex]?.values.indexOf(combo[colourIndex] ?? "") ?? 0) : -1;
    return {
      id: variantId,
      legacyId: variantLegacyId,
      title: combo.join(" / "),
      position: i + 1,
      sku: `${vendor.code}-${spec.skuCode}-${serial}-${String(i + 1).padStart(2, "0")}`,
      barcode: nextGtin(ctx, vendor),
      price: money(price),
      compareAtPrice: o.onSale ? money(Math.max(roundPrice(price * saleFactor), price + 10)) : null,
      taxable: true,
      inventoryPolicy: policy,
      selectedOptions: options.map((opt, k) => ({ name: opt.name, value: combo[k] ?? "" })),
      imageMediaId: colour >= 0 ? (media[colour % media.length]?.id ?? null) : null,
      inventoryItem: {
        id: ids.gid("InventoryItem"),
        tracked: true,
        requiresShipping: true,
        weight: { value: weight, unit: spec.weightUnit },
        unitCost: money(Math.round((price / 1.25) * (0.45 + rng.next() * 0.15) * 100) / 100),
        countryCodeOfOrigin: rng.pick(spec.origins),
        harmonizedSystemCode: spec.hsCode,
        levels: stockedLevels(ctx),
      },
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
    };
  });

  const description = describe(rng, spec, title, vendor.brand);
  const seoTitle =
    title.length + SEO_SUFFIX.length <= THRESHOLDS.maxSeoTitleLength
      ? title + SEO_SUFFIX
      : truncateWords(title, THRESHOLDS.maxSeoTitleLength);
  const publishedAt = Math.min(createdAt + rng.int(0, 2 * DAY_MS), now - 60_000);
  return {
    id,
    legacyId,
    handle,
    title,
    descriptionHtml: description.html,
    vendor: vendor.name,
    productType: spec.productType,
    status: o.status,
    tags: [
      ...spec.tags,
      ...(rng.chance(0.3)
        ? [rng.pick(["nyhed", "bestseller", "miljøvenlig", "dansk design"])]
        : []),
    ],
    isGiftCard: false,
    category: rng.pick(spec.categories),
    seo: { title: seoTitle, description: seoDescription(description) },
    templateSuffix: null,
    options,
    media,
    variants,
    collectionIds: [ctx.collectionIds[spec.collection]],
    onlineStorePublishedAt: o.published ? iso(publishedAt) : null,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
  };
}

function buildGiftCard(ctx: Context, createdAt: number): StandinProduct {
  const { ids } = ctx;
  const title = "Gavekort";
  ctx.titles.add(title.toLowerCase());
  const handle = uniqueHandle(ctx, title);
  const { gid: id, legacyId } = ids.next("Product");
  const amounts = [250, 500, 1000];
  const media: StandinMedia = {
    id: ids.gid("MediaImage"),
    alt: "Gavekort til Nordvej Cykel & Outdoor",
    url: `${IMAGE_CDN}/gavekort.png?v=1`,
    width: 1600,
    height: 1000,
  };
  const body = [
    "<p>Giv en oplevelse i gave med et digitalt gavekort til Nordvej Cykel &amp; Outdoor.</p>",
    "<p>Gavekortet sendes på e-mail med det samme og kan bruges på alt i webshoppen og i vores butik i København,",
    "fra cykler og hjelme til telte, soveposer og regntøj. Gavekortet er gyldigt i tre år fra købsdatoen,",
    "og et eventuelt restbeløb bliver stående på kortet til næste køb. Du vælger selv beløbet.</p>",
  ].join(" ");
  return {
    id,
    legacyId,
    handle,
    title,
    descriptionHtml: body,
    vendor: ctx.shopName,
    productType: "Gavekort",
    status: "ACTIVE",
    tags: ["gavekort"],
    isGiftCard: true,
    category: TAXONOMY.giftCards,
    seo: {
      title: `Gavekort${SEO_SUFFIX}`,
      description:
        "Digitalt gavekort til cykler og outdoorudstyr. Sendes på e-mail med det samme og gælder i tre år.",
    },
    templateSuffix: "gift_card",
    options: [{ name: "Beløb", values: amounts.map((a) => `${a} kr.`) }],
    media: [media],
    variants: amounts.map((amount, i) => {
      const { gid, legacyId: variantLegacyId } = ids.next("ProductVariant");
      return {
        id: gid,
        legacyId: variantLegacyId,
        title: `${amount} kr.`,
        position: i + 1,
        sku: `GAVEKORT-${amount}`,
        barcode: null,
        price: money(amount),
        compareAtPrice: null,
        taxable: false,
        inventoryPolicy: "DENY",
        selectedOptions: [{ name: "Beløb", value: `${amount} kr.` }],
        imageMediaId: null,
        inventoryItem: {
          id: ids.gid("InventoryItem"),
          tracked: false,
          requiresShipping: false,
          weight: { value: 0, unit: "GRAMS" },
          unitCost: null,
          countryCodeOfOrigin: null,
          harmonizedSystemCode: null,
          levels: [level(ctx.locations.warehouse, 0, 0)],
        },
        createdAt: iso(createdAt),
        updatedAt: iso(createdAt),
      };
    }),
    collectionIds: [ctx.collectionIds.gavekort],
    onlineStorePublishedAt: iso(createdAt),
    createdAt: iso(createdAt),
    updatedAt: iso(createdAt),
  };
}

/** An archived product keeps the data it had when it was retired: no longer maintained. */
function ageArchived(ctx: Context, product: StandinProduct): void {
  const { rng } = ctx;
  const flaws = rng.sample(["images", "stock", "seo", "description"] as const, rng.int(1, 3));
  for (const flaw of flaws) {
    if (flaw === "images") {
      product.media = [];
      for (const v of product.variants) v.imageMediaId = null;
    } else if (flaw === "stock") {
      for (const v of product.variants)
        v.inventoryItem.levels = v.inventoryItem.levels.map((l) => ({
          ...l,
          available: 0,
          onHand: 0,
          committed: 0,
        }));
    } else if (flaw === "seo") {
      product.seo = { title: null, description: null };
    } else {
      product.descriptionHtml = `<p>Udgået model. ${product.title}.</p>`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Planted defects

type PlantRuleId = ProductRuleId | "checkout.product-not-shippable";

interface Plant {
  ruleId: PlantRuleId;
  /** Products involved (two for duplicates). */
  count: 1 | 2;
  /** Force a product type (by catalog key). */
  typeKey?: string;
  /** Created before the new-arrivals window and never on sale: matches no smart collection. */
  plain?: boolean;
  apply(
    products: StandinProduct[],
    rng: Random,
  ): { product: StandinProduct; resourceId: string; note: string }[];
}

function only<T>(items: T[], index = 0): T {
  const item = items[index];
  if (item === undefined) throw new Error("plant applied to too few products");
  return item;
}

function onProduct(note: string, mutate: (p: StandinProduct, rng: Random) => void): Plant["apply"] {
  return (products, rng) => {
    const p = only(products);
    mutate(p, rng);
    return [{ product: p, resourceId: p.id, note }];
  };
}

function onVariant(
  note: string,
  mutate: (v: StandinVariant, p: StandinProduct, rng: Random) => void,
): Plant["apply"] {
  return (products, rng) => {
    const p = only(products);
    const v = rng.pick(p.variants);
    mutate(v, p, rng);
    return [{ product: p, resourceId: v.id, note: `${note} (variant "${v.title}")` }];
  };
}

function keepMedia(p: StandinProduct, count: number): void {
  p.media = p.media.slice(0, count);
  const kept = new Set(p.media.map((m) => m.id));
  for (const v of p.variants)
    if (v.imageMediaId !== null && !kept.has(v.imageMediaId))
      v.imageMediaId = p.media[0]?.id ?? null;
}

const LOREM =
  "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. " +
  "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. " +
  "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. " +
  "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.</p>";

const PLANTS: readonly Plant[] = [
  {
    ruleId: "product.missing-image",
    count: 1,
    apply: onProduct("product has no images", (p) => keepMedia(p, 0)),
  },
  {
    ruleId: "product.few-images",
    count: 1,
    apply: onProduct("product has 1 image (fewer than 3)", (p) => keepMedia(p, 1)),
  },
  {
    ruleId: "product.few-images",
    count: 1,
    apply: onProduct("product has 2 images (fewer than 3)", (p) => keepMedia(p, 2)),
  },
  {
    ruleId: "image.missing-alt",
    count: 1,
    apply: (products) => {
      const p = only(products);
      const m = only(p.media, 1);
      m.alt = null;
      return [{ product: p, resourceId: m.id, note: "second image has no alt text (null)" }];
    },
  },
  {
    ruleId: "image.missing-alt",
    count: 1,
    apply: (products) => {
      const p = only(products);
      const m = only(p.media, 2);
      m.alt = "";
      return [{ product: p, resourceId: m.id, note: "third image has an empty alt text" }];
    },
  },
  {
    ruleId: "product.missing-description",
    count: 1,
    apply: onProduct("description is empty", (p) => void (p.descriptionHtml = "")),
  },
  {
    ruleId: "product.short-description",
    count: 1,
    apply: onProduct(
      "description has fewer than 10 words",
      (p) =>
        void (p.descriptionHtml =
          "<p>Solid kvalitet til en fornuftig pris.</p>\n<p>Se billederne.</p>"),
    ),
  },
  {
    ruleId: "product.placeholder-copy",
    count: 1,
    apply: onProduct("description is lorem ipsum", (p) => void (p.descriptionHtml = LOREM)),
  },
  {
    ruleId: "product.placeholder-copy",
    count: 1,
    apply: onProduct(
      'description starts with "This is a demonstration store"',
      (p) =>
        void (p.descriptionHtml = `<p><em>This is a demonstration store. You can purchase products like this from our suppliers.</em></p>\n${p.descriptionHtml}`),
    ),
  },
  {
    // A product duplicated in the admin whose copy kept the original's title (and vendor).
    ruleId: "product.duplicate-title",
    count: 2,
    typeKey: "lock",
    apply: (products) => {
      const [a, b] = [only(products, 0), only(products, 1)];
      b.title = a.title;
      b.vendor = a.vendor;
      const note = `"${a.title}" is the title of ${a.handle} and ${b.handle}`;
      return [
        { product: a, resourceId: a.id, note },
        { product: b, resourceId: b.id, note },
      ];
    },
  },
  {
    ruleId: "product.missing-vendor",
    count: 1,
    apply: onProduct("vendor is empty", (p) => void (p.vendor = "")),
  },
  {
    ruleId: "product.missing-type",
    count: 1,
    apply: onProduct("product type is empty", (p) => void (p.productType = "")),
  },
  {
    ruleId: "product.missing-category",
    count: 1,
    apply: onProduct("no taxonomy category", (p) => void (p.category = null)),
  },
  {
    ruleId: "product.not-in-collection",
    count: 1,
    typeKey: "tool",
    plain: true,
    apply: onProduct(
      "in no collection (and matches no smart collection rule)",
      (p) => void (p.collectionIds = []),
    ),
  },
  {
    ruleId: "product.unpublished-online-store",
    count: 1,
    apply: onProduct(
      "ACTIVE but not published to the Online Store",
      (p) => void (p.onlineStorePublishedAt = null),
    ),
  },
  {
    ruleId: "seo.missing-title",
    count: 1,
    apply: onProduct("no SEO title", (p) => void (p.seo.title = null)),
  },
  {
    ruleId: "seo.missing-description",
    count: 1,
    apply: onProduct("no SEO description", (p) => void (p.seo.description = null)),
  },
  {
    ruleId: "seo.title-length",
    count: 1,
    apply: onProduct("SEO title longer than 70 characters", (p) => {
      p.seo.title = `${p.title} – køb online hos Nordvej Cykel & Outdoor med fri fragt over 499 kr.`;
    }),
  },
  {
    ruleId: "seo.description-length",
    count: 1,
    apply: onProduct("SEO description longer than 160 characters", (p) => {
      p.seo.description = `${p.seo.description ?? p.title} Vi sender fra lageret i Aarhus samme dag, du har 30 dages returret, og du kan altid ringe til vores værksted for råd om størrelse og montering.`;
    }),
  },
  {
    ruleId: "variant.zero-price",
    count: 1,
    apply: onVariant("price is 0.00", (v) => {
      v.price = "0.00";
      v.compareAtPrice = null;
    }),
  },
  {
    ruleId: "variant.compare-at-below-price",
    count: 1,
    apply: onVariant(
      "compare-at price is below the price",
      (v) => void (v.compareAtPrice = money(roundPrice(Number(v.price) * 0.8))),
    ),
  },
  {
    ruleId: "variant.missing-sku",
    count: 1,
    apply: onVariant("no SKU", (v) => void (v.sku = null)),
  },
  {
    ruleId: "variant.duplicate-sku",
    count: 2,
    apply: (products, rng) => {
      const [a, b] = [only(products, 0), only(products, 1)];
      const [va, vb] = [rng.pick(a.variants), rng.pick(b.variants)];
      vb.sku = va.sku;
      const note = `SKU ${va.sku} is used by ${a.handle} and ${b.handle}`;
      return [
        { product: a, resourceId: va.id, note },
        { product: b, resourceId: vb.id, note },
      ];
    },
  },
  {
    ruleId: "variant.missing-barcode",
    count: 1,
    apply: onVariant("no barcode", (v) => void (v.barcode = null)),
  },
  {
    ruleId: "variant.invalid-barcode",
    count: 1,
    apply: onVariant("GTIN-13 with a wrong check digit", (v) => {
      const body = (v.barcode ?? "").slice(0, 12);
      v.barcode = body + String((gtinCheckDigit(body) + 1) % 10);
    }),
  },
  {
    ruleId: "variant.invalid-barcode",
    count: 1,
    apply: onVariant(
      "barcode has 11 digits (no GTIN length)",
      (v) => void (v.barcode = (v.barcode ?? "").slice(0, 11)),
    ),
  },
  {
    ruleId: "variant.duplicate-barcode",
    count: 2,
    apply: (products, rng) => {
      const [a, b] = [only(products, 0), only(products, 1)];
      const [va, vb] = [rng.pick(a.variants), rng.pick(b.variants)];
      vb.barcode = va.barcode;
      const note = `barcode ${va.barcode} is used by ${a.handle} and ${b.handle}`;
      return [
        { product: a, resourceId: va.id, note },
        { product: b, resourceId: vb.id, note },
      ];
    },
  },
  {
    ruleId: "variant.zero-weight",
    count: 1,
    apply: onVariant("requires shipping but weighs 0", (v) => {
      v.inventoryItem.requiresShipping = true;
      v.inventoryItem.weight = { value: 0, unit: v.inventoryItem.weight.unit };
    }),
  },
  {
    ruleId: "variant.out-of-stock-active",
    count: 1,
    apply: onVariant("ACTIVE, tracked, 0 available at every location, policy DENY", (v) => {
      v.inventoryPolicy = "DENY";
      v.inventoryItem.tracked = true;
      v.inventoryItem.levels = v.inventoryItem.levels.map((l) => ({
        ...l,
        available: 0,
        onHand: 0,
        committed: 0,
      }));
    }),
  },
  {
    ruleId: "variant.negative-inventory",
    count: 1,
    apply: onVariant(
      "-2 available in the shop (oversold, policy CONTINUE), stock elsewhere",
      (v) => {
        v.inventoryPolicy = "CONTINUE";
        v.inventoryItem.levels = v.inventoryItem.levels.map((l, i) =>
          i === 1
            ? { ...l, available: -2, onHand: -2, committed: 0 }
            : i === 0
              ? {
                  ...l,
                  available: Math.max(l.available, 8),
                  onHand: Math.max(l.available, 8) + l.committed,
                }
              : l,
        );
      },
    ),
  },
  {
    ruleId: "checkout.product-not-shippable",
    count: 1,
    typeKey: "cargo",
    apply: onProduct(
      "in the Bulky goods profile, which ships to Denmark and Sweden only",
      () => undefined,
    ),
  },
  {
    ruleId: "checkout.product-not-shippable",
    count: 1,
    typeKey: "cargo",
    apply: onProduct(
      "in the Bulky goods profile, which ships to Denmark and Sweden only",
      () => undefined,
    ),
  },
];

// ---------------------------------------------------------------------------------------------
// Collections

interface CollectionSpec {
  key: CollectionKey | "forside" | "gavekort";
  title: string;
  description: string;
  sortOrder: StandinCollection["sortOrder"];
}

const CUSTOM_COLLECTIONS: readonly CollectionSpec[] = [
  {
    key: "cykler",
    title: "Cykler",
    description: "Bycykler, racercykler, elcykler og ladcykler til hverdag og tur.",
    sortOrder: "BEST_SELLING",
  },
  {
    key: "cykeludstyr",
    title: "Cykeludstyr",
    description: "Hjelme, låse, tasker, pumper, værktøj og dæk.",
    sortOrder: "BEST_SELLING",
  },
  {
    key: "camping",
    title: "Camping",
    description: "Telte og soveposer til cykelferien og vandreturen.",
    sortOrder: "BEST_SELLING",
  },
  {
    key: "toej",
    title: "Tøj og rygsække",
    description: "Regntøj og rygsække til dansk vejr.",
    sortOrder: "BEST_SELLING",
  },
  {
    key: "forside",
    title: "Udvalgte varer",
    description: "Vores favoritter lige nu.",
    sortOrder: "MANUAL",
  },
  { key: "gavekort", title: "Gavekort", description: "Digitale gavekort.", sortOrder: "ALPHA_ASC" },
];

const SMART_COLLECTIONS: readonly {
  title: string;
  description: string;
  matches(p: StandinProduct, now: number): boolean;
}[] = [
  { title: "Elcykler", description: "Alle elcykler.", matches: (p) => p.productType === "Elcykel" },
  {
    title: "Tilbud",
    description: "Varer med nedsat pris.",
    matches: (p) =>
      p.variants.some(
        (v) => v.compareAtPrice !== null && Number(v.compareAtPrice) > Number(v.price),
      ),
  },
  {
    title: "Nyheder",
    description: `Nyt i butikken de seneste ${NEW_ARRIVAL_DAYS} dage.`,
    matches: (p, now) => Date.parse(p.createdAt) >= now - NEW_ARRIVAL_DAYS * DAY_MS,
  },
  {
    title: "Vandtæt udstyr",
    description: "Tasker, telte og tøj, der holder vandet ude.",
    matches: (p) => p.tags.includes("vandtæt"),
  },
];

function collection(
  ctx: Context,
  title: string,
  description: string,
  smart: boolean,
  sortOrder: StandinCollection["sortOrder"],
): StandinCollection {
  const { gid, legacyId } = ctx.ids.next("Collection");
  const handle = handleize(title);
  const updatedAt = iso(ctx.now - ctx.rng.int(1, 90) * DAY_MS);
  return {
    id: gid,
    legacyId,
    handle,
    title,
    descriptionHtml: `<p>${description}</p>`,
    smart,
    sortOrder,
    seo: { title: `${title}${SEO_SUFFIX}`, description },
    onlineStorePublishedAt: iso(ctx.now - CATALOGUE_AGE_DAYS * DAY_MS),
    updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Assembly

type Role =
  | { kind: "clean" }
  | { kind: "draft" }
  | { kind: "archived" }
  | { kind: "giftcard" }
  | { kind: "plant"; plant: Plant; group: number };

interface Slot {
  role: Role;
  spec: TypeSpec;
  createdAt: number;
  order: number;
}

function typeByKey(key: string): TypeSpec {
  const spec = TYPES.find((t) => t.key === key);
  if (!spec) throw new Error(`unknown product type key ${key}`);
  return spec;
}

export const MIN_PRODUCT_COUNT = 100;

export function generateCatalog(input: CatalogInput): Catalog {
  const { rng, now, productCount } = input;
  if (!Number.isInteger(productCount) || productCount < MIN_PRODUCT_COUNT) {
    throw new RangeError(
      `productCount must be an integer of at least ${MIN_PRODUCT_COUNT} (the planted defects and 50 clean products need room), got ${productCount}`,
    );
  }
  const partial = {
    ...input,
    titles: new Set<string>(),
    handles: new Set<string>(),
    productSerial: 0,
    gtinSerial: new Map<string, number>(),
  };
  const custom = new Map<string, StandinCollection>();
  const collectionIds = {} as Context["collectionIds"];
  const ctx: Context = { ...partial, collectionIds };
  for (const spec of CUSTOM_COLLECTIONS) {
    const c = collection(ctx, spec.title, spec.description, false, spec.sortOrder);
    custom.set(spec.key, c);
    collectionIds[spec.key] = c.id;
  }
  const smart = SMART_COLLECTIONS.map((s) => ({
    spec: s,
    collection: collection(ctx, s.title, s.description, true, "CREATED_DESC"),
  }));

  // Roles first, then creation times, then ids in creation order (as Shopify assigns them).
  const roles: Role[] = [{ kind: "giftcard" }];
  PLANTS.forEach((plant, group) => {
    for (let i = 0; i < plant.count; i++) roles.push({ kind: "plant", plant, group });
  });
  const archivedCount = Math.max(8, Math.round(productCount * 0.02));
  const draftCount = Math.max(6, Math.round(productCount * 0.015));
  for (let i = 0; i < archivedCount; i++) roles.push({ kind: "archived" });
  for (let i = 0; i < draftCount; i++) roles.push({ kind: "draft" });
  while (roles.length < productCount) roles.push({ kind: "clean" });

  const shares = new WeightedTable(TYPES.map((t) => [t, t.share] as const));
  const day = (min: number, max: number): number => now - (min + rng.next() * (max - min)) * DAY_MS;
  const slots: Slot[] = roles.map((role, order) => {
    switch (role.kind) {
      case "giftcard":
        return {
          role,
          spec: shares.pick(rng),
          createdAt: day(CATALOGUE_AGE_DAYS - 5, CATALOGUE_AGE_DAYS),
          order,
        };
      case "archived":
        return { role, spec: shares.pick(rng), createdAt: day(500, CATALOGUE_AGE_DAYS), order };
      case "draft":
        return { role, spec: shares.pick(rng), createdAt: day(1, 20), order };
      case "plant":
        return {
          role,
          spec: role.plant.typeKey ? typeByKey(role.plant.typeKey) : shares.pick(rng),
          createdAt: role.plant.plain
            ? day(NEW_ARRIVAL_DAYS + 30, CATALOGUE_AGE_DAYS - 10)
            : day(1, CATALOGUE_AGE_DAYS - 10),
          order,
        };
      case "clean":
        return { role, spec: shares.pick(rng), createdAt: day(1, CATALOGUE_AGE_DAYS - 10), order };
    }
  });
  slots.sort((a, b) => a.createdAt - b.createdAt || a.order - b.order);

  const products: StandinProduct[] = [];
  const plantGroups = new Map<number, { plant: Plant; products: StandinProduct[] }>();
  const cleanProductIds: string[] = [];
  const exemptions: ExemptProduct[] = [];
  for (const slot of slots) {
    const { role, spec } = slot;
    const createdAt = Math.floor(slot.createdAt);
    if (role.kind === "giftcard") {
      const p = buildGiftCard(ctx, createdAt);
      products.push(p);
      exemptions.push({
        productId: p.id,
        handle: p.handle,
        reason: "gift card: digital, not shipped, not stocked, no GTIN",
        ruleIds: [
          "product.few-images",
          "variant.missing-barcode",
          "variant.zero-weight",
          "variant.out-of-stock-active",
        ],
      });
      continue;
    }
    const status =
      role.kind === "draft" ? "DRAFT" : role.kind === "archived" ? "ARCHIVED" : "ACTIVE";
    const onSale = role.kind === "clean" && rng.chance(0.18);
    const p = buildProduct(ctx, {
      spec,
      status,
      createdAt,
      onSale,
      published: status === "ACTIVE",
    });
    products.push(p);
    if (role.kind === "archived") {
      ageArchived(ctx, p);
      exemptions.push({
        productId: p.id,
        handle: p.handle,
        reason: "archived: retired products are not audited",
        ruleIds: [...PRODUCT_RULE_IDS],
      });
    } else if (role.kind === "plant") {
      const group = plantGroups.get(role.group) ?? { plant: role.plant, products: [] };
      group.products.push(p);
      plantGroups.set(role.group, group);
    } else if (role.kind === "clean") {
      cleanProductIds.push(p.id);
    }
  }

  const defects: ManifestDefect[] = [];
  const bulkyProductIds: string[] = [];
  for (const [, { plant, products: group }] of [...plantGroups].sort(([a], [b]) => a - b)) {
    for (const found of plant.apply(group, rng)) {
      defects.push({
        ruleId: plant.ruleId,
        resourceId: found.resourceId,
        handle: found.product.handle,
        note: found.note,
      });
    }
    if (plant.ruleId === "checkout.product-not-shippable") {
      // Only the delivery setup is wrong: the product data itself is clean.
      for (const p of group) {
        bulkyProductIds.push(p.id);
        cleanProductIds.push(p.id);
      }
    }
  }

  // Featured products: a hand-picked (custom) collection on the home page.
  const featured = new Set(rng.sample(cleanProductIds, 8));
  for (const p of products) {
    if (featured.has(p.id)) p.collectionIds.push(collectionIds.forside);
    for (const { spec, collection: c } of smart)
      if (spec.matches(p, now)) p.collectionIds.push(c.id);
  }
  return {
    products,
    collections: [...custom.values(), ...smart.map((s) => s.collection)],
    defects,
    cleanProductIds,
    exemptions,
    bulkyProductIds,
  };
}
