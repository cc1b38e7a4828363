/**
 * Contract: the webhook bodies the stand-in sends have the shape of shopify.dev's example
 * payloads (tests/fixtures/shopify-dev/webhooks/): the same keys at every level, and the same
 * JSON type wherever both sides have a value (null on either side matches anything; an empty
 * array on either side leaves its elements unchecked). The app's side of the contract — it
 * parses these very files — is in tests/app/webhooks.suite.ts and tests/audit/product-webhooks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDemoStore } from "../../standin/seed/demo-store";
import {
  appUninstalledPayload,
  customersDataRequestPayload,
  customersRedactPayload,
  productDeletePayload,
  productPayload,
  shopRedactPayload,
} from "../../standin/webhook-payloads";
import { ROOT } from "../helpers/databases";
import { makeStore } from "./fixtures";

const fixture = (name: string): unknown =>
  JSON.parse(
    readFileSync(join(ROOT, "tests/fixtures/shopify-dev/webhooks", `${name}.json`), "utf8"),
  );

type JsonType = "null" | "array" | "object" | "string" | "number" | "boolean";
const typeOf = (v: unknown): JsonType =>
  v === null ? "null" : Array.isArray(v) ? "array" : (typeof v as JsonType);

/** Every difference in shape between `expected` (shopify.dev) and `actual`, as readable paths. */
function shapeDifferences(expected: unknown, actual: unknown, path = "$"): string[] {
  const [te, ta] = [typeOf(expected), typeOf(actual)];
  if (te === "null" || ta === "null") return [];
  if (te !== ta) return [`${path}: ${te} on shopify.dev, ${ta} from the stand-in`];
  if (te === "array") {
    const [e, a] = [expected as unknown[], actual as unknown[]];
    if (e.length === 0 || a.length === 0) return [];
    return a.flatMap((item, i) => shapeDifferences(e[0], item, `${path}[${i}]`));
  }
  if (te !== "object") return [];
  const [e, a] = [expected as Record<string, unknown>, actual as Record<string, unknown>];
  const missing = Object.keys(e)
    .filter((k) => !(k in a))
    .map((k) => `${path}.${k}: missing from the stand-in`);
  const extra = Object.keys(a)
    .filter((k) => !(k in e))
    .map((k) => `${path}.${k}: not in shopify.dev's payload`);
  const nested = Object.keys(e)
    .filter((k) => k in a)
    .flatMap((k) => shapeDifferences(e[k], a[k], `${path}.${k}`));
  return [...missing, ...extra, ...nested];
}

describe("the stand-in's webhook bodies have shopify.dev's shapes", () => {
  const store = makeStore({ products: 3 });
  const demo = generateDemoStore().store;
  const customer = store.customers[0]!.id;

  it("app/uninstalled is the shop resource", () => {
    for (const s of [store, demo])
      expect(shapeDifferences(fixture("app-uninstalled"), appUninstalledPayload(s))).toEqual([]);
  });

  it("products/update is the product with its variants; products/delete only its id", () => {
    for (const s of [store, demo]) {
      for (const product of s.products.slice(0, 5)) {
        expect(shapeDifferences(fixture("products-update"), productPayload(s, product))).toEqual(
          [],
        );
        expect(shapeDifferences(fixture("products-delete"), productDeletePayload(product))).toEqual(
          [],
        );
      }
    }
  });

  it("the compliance topics", () => {
    expect(shapeDifferences(fixture("shop-redact"), shopRedactPayload(store))).toEqual([]);
    expect(
      shapeDifferences(fixture("customers-redact"), customersRedactPayload(store, customer)),
    ).toEqual([]);
    expect(
      shapeDifferences(
        fixture("customers-data-request"),
        customersDataRequestPayload(store, customer, 9999),
      ),
    ).toEqual([]);
  });

  it("the comparison itself catches a renamed or retyped field", () => {
    const payload = customersRedactPayload(store, customer);
    const renamed = { ...payload, orders: payload.orders_to_redact };
    delete (renamed as Record<string, unknown>).orders_to_redact;
    expect(shapeDifferences(fixture("customers-redact"), renamed)).toEqual([
      "$.orders_to_redact: missing from the stand-in",
      "$.orders: not in shopify.dev's payload",
    ]);
    expect(
      shapeDifferences(fixture("customers-redact"), { ...payload, shop_id: "954889" }),
    ).toEqual(["$.shop_id: number on shopify.dev, string from the stand-in"]);
  });
});
