/**
 * The product block's backend (`/api/product-findings`) through Remix's request handler, with
 * requests as the block sends them: the session token as a Bearer header, from Shopify's
 * extension origin. Tokens are exchanged for offline sessions at the stand-in.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  RequestType,
  TEST_SHOP,
  getJwt,
  setUpValidRequest,
} from "@shopify/shopify-api/test-helpers";
import { startStandin, type Standin } from "../../standin/server";
import { makeStore } from "../standin/fixtures";
import { prisma } from "~/db/db.server";
import * as route from "~/routes/api.product-findings/route";
import { runShopAudit } from "~/product-qa/server/run-shop-audit.server";
import { isPayload } from "../../extensions/product-qa-block/src/api";
import type { ProductFindingsPayload } from "../../extensions/product-qa-block/src/contract";

const OTHER_SHOP = "other-shop.myshopify.com";
/** A shop of its own for the live re-check: its full audit replaces all of the shop's findings. */
const RECHECK_SHOP = "recheck-shop.myshopify.com";
const REVOKED_SHOP = "revoked-shop.myshopify.com";
/** Where admin UI extensions run: a cross-origin caller of the app. */
const EXTENSION_ORIGIN = "https://extensions.shopifycdn.com";
const PRODUCT = "gid://shopify/Product/1001";
const SINGLE_VARIANT_PRODUCT = "gid://shopify/Product/1003";
const CHECKED_AT = new Date("2026-11-20T06:30:00Z");

/** The app's build with only this route (and a root to hang it on), as production serves it. */
const handle = createRequestHandler(
  {
    mode: "test",
    entry: { module: { default: () => new Response("no documents here", { status: 500 }) } },
    routes: {
      root: { id: "root", path: "", module: {} },
      "routes/api.product-findings": {
        id: "routes/api.product-findings",
        parentId: "root",
        path: "api/product-findings",
        module: route,
      },
    },
    assets: { entry: { module: "", imports: [] }, routes: {}, url: "", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "build/client",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_lazyRouteDiscovery: true,
      v3_singleFetch: true,
      v3_routeConfig: false,
    },
    isSpaMode: false,
  } as unknown as ServerBuild,
  "test",
);

function url(id: string | null, extra: Record<string, string> = {}): string {
  const u = new URL("/api/product-findings", APP_URL);
  if (id !== null) u.searchParams.set("id", id);
  for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
  return u.href;
}

/** A request as the block's `fetch` makes it, with a valid session token of `store`. */
async function blockRequest(
  store: string,
  target: string,
  method: "GET" | "POST" | "PUT" = "GET",
): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Bearer, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(target, { method, headers: { Origin: EXTENSION_ORIGIN } }),
  );
}

async function tokenRequest(token: string, target = url(PRODUCT)): Promise<Request> {
  return new Request(target, {
    headers: { Origin: EXTENSION_ORIGIN, Authorization: `Bearer ${token}` },
  });
}

function expectCors(response: Response): void {
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(response.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
}

async function payloadOf(response: Response): Promise<ProductFindingsPayload> {
  expect(response.status).toBe(200);
  const body: unknown = await response.json();
  // The block's own parser accepts what the route sends.
  expect(isPayload(body)).toBe(true);
  return body as ProductFindingsPayload;
}

let standin: Standin;

function finding(
  shop: string,
  productId: string,
  f: {
    ruleId: string;
    severity: "critical" | "warning" | "info";
    message: string;
    variant?: { id: string; title: string };
    suppressed?: boolean;
  },
) {
  const resourceId = f.variant?.id ?? productId;
  const productLegacy = productId.split("/").pop() ?? "";
  const variantLegacy = f.variant?.id.split("/").pop();
  const store = shop.replace(".myshopify.com", "");
  return {
    shop,
    key: `${f.ruleId}:${resourceId}`,
    ruleId: f.ruleId,
    severity: f.severity,
    category: "test",
    resourceType: f.variant ? "variant" : "product",
    resourceId,
    productId,
    variantId: f.variant?.id ?? null,
    variantTitle: f.variant?.title ?? null,
    message: f.message,
    fixUrl:
      `https://admin.shopify.com/store/${store}/products/${productLegacy}` +
      (variantLegacy ? `/variants/${variantLegacy}` : ""),
    change: "new",
    suppressed: f.suppressed ?? false,
    firstSeenAt: new Date("2026-11-01T00:00:00Z"),
    runId: "run-1",
  };
}

beforeAll(async () => {
  standin = await startStandin({
    stores: [
      makeStore({ shop: TEST_SHOP, products: 5 }),
      makeStore({ shop: OTHER_SHOP, products: 5 }),
      makeStore({ shop: RECHECK_SHOP, products: 6 }),
      makeStore({ shop: REVOKED_SHOP, products: 2 }),
    ],
    apiKey: API_KEY,
    apiSecret: API_SECRET_KEY,
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;

  await prisma.finding.createMany({
    data: [
      finding(TEST_SHOP, PRODUCT, {
        ruleId: "seo.missing-description",
        severity: "info",
        message: "The product has no SEO description.",
      }),
      finding(TEST_SHOP, PRODUCT, {
        ruleId: "variant.missing-sku",
        severity: "warning",
        message: "The variant has no SKU.",
        variant: { id: "gid://shopify/ProductVariant/10011", title: "M" },
      }),
      finding(TEST_SHOP, PRODUCT, {
        ruleId: "product.missing-image",
        severity: "critical",
        message: "The product has no images.",
      }),
      finding(TEST_SHOP, PRODUCT, {
        ruleId: "product.short-description",
        severity: "warning",
        message: "The description has 12 words.",
        suppressed: true,
      }),
      finding(TEST_SHOP, SINGLE_VARIANT_PRODUCT, {
        ruleId: "variant.missing-barcode",
        severity: "warning",
        message: "The variant has no barcode.",
        variant: { id: "gid://shopify/ProductVariant/10030", title: "Default Title" },
      }),
      // The other shop has findings on a product with the same id.
      finding(OTHER_SHOP, PRODUCT, {
        ruleId: "product.missing-vendor",
        severity: "warning",
        message: "Other shop: the product has no vendor.",
      }),
    ],
  });
  await prisma.auditRun.create({
    data: {
      shop: TEST_SHOP,
      kind: "full",
      trigger: "schedule",
      status: "succeeded",
      startedAt: new Date(CHECKED_AT.getTime() - 60_000),
      finishedAt: CHECKED_AT,
    },
  });
});

afterAll(async () => {
  await standin.close();
  delete process.env.SHOPIFY_STANDIN_URL;
});

describe("GET /api/product-findings with a valid session token", () => {
  it("answers the product's open findings, most severe first, with the rule's fix and CORS headers", async () => {
    const response = await handle(await blockRequest("test-shop", url(PRODUCT)));
    expectCors(response);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const payload = await payloadOf(response);
    expect(payload).toMatchObject({
      productId: PRODUCT,
      checkedAt: CHECKED_AT.toISOString(),
      openCount: 3,
      suppressedCount: 1,
    });
    expect(payload.findings.map((f) => [f.severity, f.ruleId])).toEqual([
      ["critical", "product.missing-image"],
      ["warning", "variant.missing-sku"],
      ["info", "seo.missing-description"],
    ]);
    const [image, sku] = payload.findings;
    expect(image).toMatchObject({
      title: "Product has no images",
      message: "The product has no images.",
      variant: null,
    });
    expect(image?.fixHint).toMatch(/under Media click Upload new/);
    expect(sku).toMatchObject({
      title: "Variant has no SKU",
      variant: { title: "M", adminLink: "shopify:admin/products/1001/variants/10011" },
    });
  });

  it("treats the only variant of a product without options as the product itself", async () => {
    const payload = await payloadOf(
      await handle(await blockRequest("test-shop", url(SINGLE_VARIANT_PRODUCT))),
    );
    expect(payload.findings).toHaveLength(1);
    expect(payload.findings[0]).toMatchObject({ ruleId: "variant.missing-barcode", variant: null });
  });

  it("answers an empty list, not an error, for a product without findings", async () => {
    const payload = await payloadOf(
      await handle(await blockRequest("test-shop", url("gid://shopify/Product/1002"))),
    );
    expect(payload).toMatchObject({ findings: [], openCount: 0, suppressedCount: 0 });
    expect(payload.checkedAt).toBe(CHECKED_AT.toISOString());
  });
});

describe("shop isolation", () => {
  it("a token of one shop never reads another shop's findings of the same product id", async () => {
    const mine = await payloadOf(await handle(await blockRequest("test-shop", url(PRODUCT))));
    expect(mine.findings.map((f) => f.message).join("\n")).not.toMatch(/Other shop/);

    const theirs = await payloadOf(await handle(await blockRequest("other-shop", url(PRODUCT))));
    expect(theirs.findings.map((f) => f.message)).toEqual([
      "Other shop: the product has no vendor.",
    ]);
    // Never audited in that shop: the block must not say "no problems" on its own.
    expect(theirs.checkedAt).toBeNull();
  });

  it("ignores a shop named in the query: the shop is the token's", async () => {
    const response = await handle(
      await blockRequest("test-shop", url(PRODUCT, { shop: OTHER_SHOP })),
    );
    const payload = await payloadOf(response);
    expect(payload.openCount).toBe(3);
    expect(payload.findings.map((f) => f.message).join("\n")).not.toMatch(/Other shop/);
  });
});

describe("rejected requests", () => {
  it("answers 401 JSON, with CORS headers, to a token signed with another secret", async () => {
    const sessionsBefore = await prisma.session.count();
    const { token } = await getJwt("test-shop", API_KEY, "a-forged-secret");
    const response = await handle(await tokenRequest(token));
    expect(response.status).toBe(401);
    expectCors(response);
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
    expect(await prisma.session.count()).toBe(sessionsBefore);
  });

  it("answers 401 JSON, not the login redirect meant for pages, to a request without a token", async () => {
    const response = await handle(
      new Request(url(PRODUCT, { shop: TEST_SHOP }), { headers: { Origin: EXTENSION_ORIGIN } }),
    );
    expect(response.status).toBe(401);
    expectCors(response);
    expect(response.headers.get("Location")).toBeNull();
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
  });

  it("answers 401 to a forged token naming another shop, and reveals none of its findings", async () => {
    const { token } = await getJwt("other-shop", API_KEY, "a-forged-secret");
    const response = await handle(await tokenRequest(token));
    expect(response.status).toBe(401);
    expect(await response.text()).not.toMatch(/Other shop/);
  });

  it("answers 401 to a token issued for another app", async () => {
    const { token } = await getJwt("test-shop", "someone-elses-app", API_SECRET_KEY);
    const response = await handle(await tokenRequest(token));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
  });

  it("answers 401 to a re-check with a forged token, before anything runs", async () => {
    const runsBefore = await prisma.auditRun.count();
    const { token } = await getJwt("test-shop", API_KEY, "a-forged-secret");
    const response = await handle(
      new Request(url(PRODUCT), {
        method: "POST",
        headers: { Origin: EXTENSION_ORIGIN, Authorization: `Bearer ${token}` },
      }),
    );
    expect(response.status).toBe(401);
    expect(await prisma.auditRun.count()).toBe(runsBefore);
  });

  it.each([
    ["no id", null],
    ["a bare number", "1001"],
    ["a variant's GID", "gid://shopify/ProductVariant/10011"],
    ["a GID without a number", "gid://shopify/Product/abc"],
    ["a GID with trailing text", "gid://shopify/Product/1001 OR 1=1"],
    ["another shop's domain", "other-shop.myshopify.com"],
  ])("answers 400 JSON to %s as the product id", async (_name, id) => {
    const response = await handle(await blockRequest("test-shop", url(id)));
    expect(response.status).toBe(400);
    expectCors(response);
    expect(await response.json()).toMatchObject({ error: "invalid-product-id" });
  });

  it("answers 400 to a re-check of a bad id", async () => {
    const response = await handle(await blockRequest("test-shop", url("1001"), "POST"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid-product-id" });
  });

  it("answers 405 with Allow to other methods", async () => {
    const response = await handle(await blockRequest("test-shop", url(PRODUCT), "PUT"));
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, POST, OPTIONS");
    expect(await response.json()).toMatchObject({ error: "method-not-allowed" });
  });
});

describe("CORS preflight", () => {
  it("answers OPTIONS with 204 and the CORS headers, without a token", async () => {
    const response = await handle(
      new Request(url(PRODUCT), {
        method: "OPTIONS",
        headers: {
          Origin: EXTENSION_ORIGIN,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization",
        },
      }),
    );
    expect(response.status).toBe(204);
    expectCors(response);
    expect(response.headers.get("Access-Control-Max-Age")).toBe("7200");
  });
});

describe("POST /api/product-findings: the live re-check, end to end against the stand-in", () => {
  /** Product 5 of the fixture store: no images, two variants (S, M). */
  const product = "gid://shopify/Product/1005";

  it("reads the product live, re-audits it and answers its new findings", async () => {
    // Before any audit of the shop: not audited, rather than "no problems".
    const before = await payloadOf(await handle(await blockRequest("recheck-shop", url(product))));
    expect(before).toMatchObject({ checkedAt: null, findings: [], openCount: 0 });

    const full = await runShopAudit({ shop: RECHECK_SHOP, trigger: "manual" });
    const afterFull = await payloadOf(
      await handle(await blockRequest("recheck-shop", url(product))),
    );
    expect(afterFull.findings.map((f) => f.ruleId)).toContain("product.missing-image");
    expect(afterFull.findings.map((f) => f.ruleId)).not.toContain("variant.missing-sku");
    const fullRun = await prisma.auditRun.findUniqueOrThrow({ where: { id: full.auditRunId } });
    expect(afterFull.checkedAt).toBe(fullRun.finishedAt?.toISOString());

    // The merchant empties a variant's SKU in Shopify, then presses Re-check.
    const live = standin.store(RECHECK_SHOP).products.find((p) => p.id === product);
    live!.variants[0]!.sku = null;
    const response = await handle(await blockRequest("recheck-shop", url(product), "POST"));
    expectCors(response);
    const rechecked = await payloadOf(response);

    const sku = rechecked.findings.find((f) => f.ruleId === "variant.missing-sku");
    expect(sku).toMatchObject({
      severity: "warning",
      title: "Variant has no SKU",
      variant: { title: "S", adminLink: "shopify:admin/products/1005/variants/10050" },
    });
    expect(rechecked.findings.map((f) => f.ruleId)).toContain("product.missing-image");
    expect(rechecked.openCount).toBe(afterFull.openCount + 1);

    const recheckRun = await prisma.auditRun.findFirstOrThrow({
      where: { shop: RECHECK_SHOP, kind: "product", productId: product },
    });
    expect(recheckRun).toMatchObject({ trigger: "manual", status: "succeeded" });
    expect(rechecked.checkedAt).toBe(recheckRun.finishedAt?.toISOString());

    // Stored: the next load shows the re-checked findings.
    const reloaded = await payloadOf(
      await handle(await blockRequest("recheck-shop", url(product))),
    );
    expect(reloaded).toEqual(rechecked);
    // The other shops' findings were not touched by this shop's audits.
    expect(await prisma.finding.count({ where: { shop: OTHER_SHOP } })).toBe(1);
  });

  it("answers a failed re-check with 500 JSON and CORS headers, so the block can say it failed", async () => {
    const product = "gid://shopify/Product/1001";
    await handle(await blockRequest("revoked-shop", url(product))); // installs: token exchange
    await runShopAudit({ shop: REVOKED_SHOP, trigger: "manual" });
    // Shopify stops accepting the shop's access token (the session in the database looks valid).
    standin.revokeTokens(REVOKED_SHOP);

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await handle(await blockRequest("revoked-shop", url(product), "POST"));
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    expect(response.status).toBe(500);
    expectCors(response);
    expect(await response.json()).toMatchObject({ error: "server-error" });
    const run = await prisma.auditRun.findFirstOrThrow({
      where: { shop: REVOKED_SHOP, kind: "product" },
    });
    expect(run.status).toBe("failed");
  });
});
