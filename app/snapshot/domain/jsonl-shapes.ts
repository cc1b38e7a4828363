/**
 * Checks one parsed JSONL object against the API shape it claims to be (by its GID type) and
 * returns it typed, without copying: the normalisers copy what the snapshot keeps. Hand-written
 * `typeof` checks, because this runs for every line of files with a million lines.
 */
import type { ApiInventoryLevel, ApiLocation, ApiMedia, ApiProduct, ApiVariant } from "./api-types";

export type Obj = Record<string, unknown>;

export class ShapeError extends Error {
  override name = "ShapeError";
}

const PRODUCT_STATUSES = new Set(["ACTIVE", "DRAFT", "ARCHIVED", "UNLISTED"]);
const POLICIES = new Set(["DENY", "CONTINUE"]);
const WEIGHT_UNITS = new Set(["GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"]);

function fail(path: string, expected: string): never {
  throw new ShapeError(`${path} must be ${expected}`);
}

export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function obj(o: Obj, key: string, path = key): Obj {
  const v = o[key];
  return isObj(v) ? v : fail(path, "an object");
}

function objOrNull(o: Obj, key: string, path = key): Obj | null {
  const v = o[key];
  return v === null ? null : isObj(v) ? v : fail(path, "an object or null");
}

function str(o: Obj, key: string, path = key): string {
  return typeof o[key] === "string" ? (o[key] as string) : fail(path, "a string");
}

function strOrNull(o: Obj, key: string, path = key): string | null {
  const v = o[key];
  return v === null || typeof v === "string" ? v : fail(path, "a string or null");
}

function bool(o: Obj, key: string, path = key): void {
  if (typeof o[key] !== "boolean") fail(path, "true or false");
}

function num(o: Obj, key: string, path = key): void {
  if (typeof o[key] !== "number") fail(path, "a number");
}

function oneOf(o: Obj, key: string, values: ReadonlySet<string>): void {
  if (!values.has(o[key] as string)) fail(key, `one of ${[...values].join(", ")}`);
}

function list(o: Obj, key: string, path = key): unknown[] {
  const v = o[key];
  return Array.isArray(v) ? v : fail(path, "a list");
}

function strings(o: Obj, key: string): void {
  for (const item of list(o, key)) if (typeof item !== "string") fail(key, "a list of strings");
}

function each(o: Obj, key: string, check: (item: Obj, path: string) => void): void {
  list(o, key).forEach((item, i) => {
    const path = `${key}[${i}]`;
    if (!isObj(item)) fail(path, "an object");
    check(item, path);
  });
}

export function asProduct(o: Obj): ApiProduct {
  str(o, "id");
  str(o, "legacyResourceId");
  str(o, "handle");
  str(o, "title");
  str(o, "descriptionHtml");
  str(o, "vendor");
  str(o, "productType");
  oneOf(o, "status", PRODUCT_STATUSES);
  strings(o, "tags");
  bool(o, "isGiftCard");
  const category = objOrNull(o, "category");
  if (category) {
    str(category, "id", "category.id");
    str(category, "fullName", "category.fullName");
  }
  const seo = obj(o, "seo");
  strOrNull(seo, "title", "seo.title");
  strOrNull(seo, "description", "seo.description");
  strOrNull(o, "onlineStoreUrl");
  if ("publishedOnPublication" in o) bool(o, "publishedOnPublication");
  each(o, "options", (option, path) => {
    str(option, "name", `${path}.name`);
    for (const value of list(option, "values", `${path}.values`))
      if (typeof value !== "string") fail(`${path}.values`, "a list of strings");
  });
  str(o, "createdAt");
  str(o, "updatedAt");
  return o as unknown as ApiProduct;
}

export function asVariant(o: Obj): ApiVariant {
  str(o, "id");
  str(o, "legacyResourceId");
  str(o, "title");
  num(o, "position");
  strOrNull(o, "sku");
  strOrNull(o, "barcode");
  str(o, "price");
  strOrNull(o, "compareAtPrice");
  oneOf(o, "inventoryPolicy", POLICIES);
  if (o.inventoryQuantity !== null) num(o, "inventoryQuantity");
  each(o, "selectedOptions", (option, path) => {
    str(option, "name", `${path}.name`);
    str(option, "value", `${path}.value`);
  });
  const item = obj(o, "inventoryItem");
  str(item, "id", "inventoryItem.id");
  bool(item, "tracked", "inventoryItem.tracked");
  bool(item, "requiresShipping", "inventoryItem.requiresShipping");
  const weight = objOrNull(
    obj(item, "measurement", "inventoryItem.measurement"),
    "weight",
    "inventoryItem.measurement.weight",
  );
  if (weight) {
    num(weight, "value", "inventoryItem.measurement.weight.value");
    if (!WEIGHT_UNITS.has(weight.unit as string))
      fail("inventoryItem.measurement.weight.unit", `one of ${[...WEIGHT_UNITS].join(", ")}`);
  }
  return o as unknown as ApiVariant;
}

function imageUrl(o: Obj, key: string, path: string): void {
  const image = objOrNull(o, key, path);
  if (image) str(image, "url", `${path}.url`);
}

export function asMedia(o: Obj): ApiMedia {
  str(o, "id");
  strOrNull(o, "alt");
  const preview = objOrNull(o, "preview");
  if (preview) imageUrl(preview, "image", "preview.image");
  if ("image" in o) imageUrl(o, "image", "image");
  return o as unknown as ApiMedia;
}

export function asLocation(o: Obj): ApiLocation {
  str(o, "id");
  str(o, "name");
  bool(o, "isActive");
  bool(o, "fulfillsOnlineOrders");
  strOrNull(obj(o, "address"), "countryCode", "address.countryCode");
  return o as unknown as ApiLocation;
}

export function asInventoryLevel(o: Obj): ApiInventoryLevel {
  str(o, "id");
  str(obj(o, "item"), "id", "item.id");
  each(o, "quantities", (q, path) => {
    str(q, "name", `${path}.name`);
    num(q, "quantity", `${path}.quantity`);
  });
  return o as unknown as ApiInventoryLevel;
}
