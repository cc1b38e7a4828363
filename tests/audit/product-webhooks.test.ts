/**
 * products/update and products/delete: HMAC-verified deliveries as Shopify sends them, each
 * queueing one `audit.product` job (a redelivery queues nothing new), and the queued job
 * re-checking or forgetting just that product against the stand-in.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/db.server";
import auditProduct, { type AuditProductPayload } from "~/product-qa/jobs/audit-product.server";
import { action as productsUpdate } from "~/routes/webhooks.products.update";
import { action as productsDelete } from "~/routes/webhooks.products.delete";
import { runShopAudit } from "~/product-qa/server/run-shop-audit.server";
import { productPayload } from "../../standin/webhook-payloads";
import { ROOT } from "../helpers/databases";
import { webhookRequest, type WebhookOptions } from "../helpers/webhooks";
import { startAuditStandin, type AuditStandin } from "../jobs/audit-shop";

const SHOP = "webhook-shop.myshopify.com";
const NOT_INSTALLED = "gone-shop.myshopify.com";

type Action = typeof productsUpdate;

async function deliver(action: Action, path: string, options: WebhookOptions): Promise<Response> {
  try {
    return await action({ request: webhookRequest(path, options), params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const update = (options: Omit<WebhookOptions, "topic">) =>
  deliver(productsUpdate, "/webhooks/products/update", { ...options, topic: "products/update" });
const remove = (options: Omit<WebhookOptions, "topic">) =>
  deliver(productsDelete, "/webhooks/products/delete", { ...options, topic: "products/delete" });

/** The products/update body as Shopify sends it (REST shape), trimmed to what matters here. */
const updatePayload = (legacyId: number) => ({
  id: legacyId,
  admin_graphql_api_id: `gid://shopify/Product/${legacyId}`,
  title: "Anything",
  updated_at: new Date().toISOString(),
});

async function productJobs(shop = SHOP) {
  return prisma.jobRun.findMany({
    where: { shop, jobId: "audit.product" },
    orderBy: { createdAt: "asc" },
  });
}

/** Runs a queued job's handler as a worker would. */
async function runJob(run: { id: string; payload: string }) {
  return auditProduct(JSON.parse(run.payload) as AuditProductPayload, {
    jobRunId: run.id,
    attempt: 1,
    signal: new AbortController().signal,
    progress: async () => {},
    log: () => {},
  });
}

let env: AuditStandin;

beforeAll(async () => {
  env = await startAuditStandin();
  await env.addShop(SHOP, 8);
  await runShopAudit({ shop: SHOP, trigger: "manual" });
});
afterAll(async () => {
  await env.close();
});

describe("products/update", () => {
  it("queues one re-check of that product and answers at once; a redelivery queues nothing", async () => {
    const before = (await productJobs()).length;
    const res = await update({ shop: SHOP, payload: updatePayload(1003), webhookId: "upd-1" });
    expect(res.status).toBe(200);
    const jobs = await productJobs();
    expect(jobs).toHaveLength(before + 1);
    const job = jobs.at(-1)!;
    expect(job.status).toBe("queued");
    expect(JSON.parse(job.payload)).toEqual({
      shop: SHOP,
      productId: "gid://shopify/Product/1003",
      action: "update",
      webhookId: "upd-1",
    });
    // Shopify retries a delivery it thinks failed: same webhook id, no second job.
    const again = await update({ shop: SHOP, payload: updatePayload(1003), webhookId: "upd-1" });
    expect(again.status).toBe(200);
    expect(await productJobs()).toHaveLength(before + 1);
  });

  it("the queued job re-checks just that product: a SKU emptied in Shopify is found", async () => {
    const sku = "variant.missing-sku:gid://shopify/ProductVariant/10040";
    expect(await prisma.finding.findFirst({ where: { shop: SHOP, key: sku } })).toBeNull();
    const others = await prisma.finding.findMany({
      where: { shop: SHOP, NOT: { productId: "gid://shopify/Product/1004" } },
      select: { key: true, runId: true },
    });

    const product = env.standin.store(SHOP).products.find((p) => p.legacyId === 1004)!;
    product.variants[0]!.sku = null;
    await update({ shop: SHOP, payload: updatePayload(1004), webhookId: "upd-2" });
    const job = (await productJobs()).find((j) => j.payload.includes('"upd-2"'))!;
    await runJob(job);

    expect(await prisma.finding.findFirst({ where: { shop: SHOP, key: sku } })).toMatchObject({
      change: "new",
    });
    // Every other product's findings are as the full run left them.
    expect(
      await prisma.finding.findMany({
        where: { shop: SHOP, NOT: { productId: "gid://shopify/Product/1004" } },
        select: { key: true, runId: true },
      }),
    ).toEqual(others);
  });

  it("answers 200 without queueing for a shop the app is no longer installed on", async () => {
    const res = await update({ shop: NOT_INSTALLED, payload: updatePayload(1001) });
    expect(res.status).toBe(200);
    expect(await productJobs(NOT_INSTALLED)).toHaveLength(0);
  });

  it("rejects a forged HMAC with 401 and queues nothing", async () => {
    const before = (await productJobs()).length;
    const res = await update({
      shop: SHOP,
      payload: updatePayload(1002),
      secret: "not-the-app-secret",
    });
    expect(res.status).toBe(401);
    expect(await productJobs()).toHaveLength(before);
  });
});

describe("products/delete", () => {
  it("queues forgetting the product; the job removes its findings and counts them fixed", async () => {
    const productId = "gid://shopify/Product/1005";
    const keys = (await prisma.finding.findMany({ where: { shop: SHOP, productId } })).map(
      (f) => f.key,
    );
    expect(keys).toContain(`product.missing-image:${productId}`);

    // products/delete carries only the numeric id.
    const res = await remove({ shop: SHOP, payload: { id: 1005 }, webhookId: "del-1" });
    expect(res.status).toBe(200);
    const job = (await productJobs()).find((j) => j.payload.includes('"del-1"'))!;
    expect(JSON.parse(job.payload)).toMatchObject({ productId, action: "delete" });
    expect(job.concurrencyKey).toBe(`audit.product:${SHOP}:${productId}`);
    await runJob(job);

    expect(await prisma.finding.count({ where: { shop: SHOP, productId } })).toBe(0);
    const history = await prisma.findingHistory.findMany({
      where: { shop: SHOP, key: { in: keys } },
    });
    expect(history.map((h) => h.status)).toEqual(keys.map(() => "fixed"));

    // The same delivery again: nothing new queued.
    await remove({ shop: SHOP, payload: { id: 1005 }, webhookId: "del-1" });
    expect((await productJobs()).filter((j) => j.payload.includes('"del-1"'))).toHaveLength(1);
  });

  it("ignores a body without a product id (200, nothing queued): a retry would not help", async () => {
    const before = (await productJobs()).length;
    const res = await remove({ shop: SHOP, payload: { id: "not-a-number" } });
    expect(res.status).toBe(200);
    expect(await productJobs()).toHaveLength(before);
  });

  it("rejects a body altered after signing", async () => {
    const before = (await productJobs()).length;
    const request = webhookRequest("/webhooks/products/delete", {
      shop: SHOP,
      topic: "products/delete",
      payload: { id: 1006 },
    });
    const tampered = new Request(request.url, {
      method: "POST",
      headers: request.headers,
      body: JSON.stringify({ id: 1007 }),
    });
    const res = await productsDelete({ request: tampered, params: {}, context: {} }).catch(
      (r: Response) => r,
    );
    expect(res.status).toBe(401);
    expect(await productJobs()).toHaveLength(before);
  });
});

describe("shopify.dev's example payloads (contract fixtures)", () => {
  const example = (name: string) =>
    readFileSync(join(ROOT, "tests/fixtures/shopify-dev/webhooks", `${name}.json`), "utf8");

  it("products/update: the example queues a re-check of exactly its product", async () => {
    const res = await update({
      shop: SHOP,
      payload: null,
      rawBody: example("products-update"),
      webhookId: "example-update",
    });
    expect(res.status).toBe(200);
    const job = (await productJobs()).find((j) => j.payload.includes('"example-update"'))!;
    expect(JSON.parse(job.payload)).toMatchObject({
      productId: "gid://shopify/Product/788032119674292922",
      action: "update",
    });
  });

  it("products/delete: an id beyond 2^53 is kept digit for digit, not rounded", async () => {
    // {"id": 788032119674292922}: a plain JSON.parse makes it 788032119674292900.
    const res = await remove({
      shop: SHOP,
      payload: null,
      rawBody: example("products-delete"),
      webhookId: "example-delete",
    });
    expect(res.status).toBe(200);
    const job = (await productJobs()).find((j) => j.payload.includes('"example-delete"'));
    expect(job && JSON.parse(job.payload)).toMatchObject({
      productId: "gid://shopify/Product/788032119674292922",
      action: "delete",
    });
  });

  it("the stand-in's own products/update body for a product queues that product", async () => {
    const product = env.standin.store(SHOP).products[2]!;
    const res = await update({
      shop: SHOP,
      payload: productPayload(env.standin.store(SHOP), product),
      webhookId: "standin-update",
    });
    expect(res.status).toBe(200);
    const job = (await productJobs()).find((j) => j.payload.includes('"standin-update"'))!;
    expect(JSON.parse(job.payload)).toMatchObject({ productId: product.id });
  });
});
