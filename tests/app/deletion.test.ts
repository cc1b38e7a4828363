/**
 * Deletion means deleted (SQLite, the embedded default): a shop audited for real through the job
 * system, with pixel events and stored secrets, is uninstalled and redacted through the real
 * webhook routes. Afterwards the pixel refuses its key at once (no minute of grace from a cache),
 * and neither the shop's domain nor one of its product titles is anywhere in the database files.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { prisma } from "~/db/db.server";
import { JOBS, auditRunShopJob } from "~/jobs/definitions";
import { enqueueJob } from "~/jobs/client.server";
import type { JobService } from "~/jobs/service.server";
import { recordInstall } from "~/db/shops.server";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { action as ingest } from "~/routes/api.pixel-events";
import { ensurePixelCredentials, ingestKeys } from "~/checkout/server/pixel-credentials.server";
import { sessionStorage } from "~/shopify.server";
import { startStandin, type Standin } from "../../standin/server";
import { makeStore } from "../standin/fixtures";
import { startWorker, waitForRun } from "../jobs/harness";
import { uniqueShop, webhookRequest } from "../helpers/webhooks";

const SHOP = uniqueShop("goner");
const TITLE = `Quillfeather Parka ${randomBytes(3).toString("hex")}`;
let standin: Standin;
let worker: JobService;

function databaseBytes(): Buffer {
  const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
  return Buffer.concat(
    [file, `${file}-wal`, `${file}-journal`].filter(existsSync).map((f) => readFileSync(f)),
  );
}

async function pixelPost(key: string): Promise<number> {
  const response = await ingest({
    request: new Request("https://tovholder.example/api/pixel-events", {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({
        v: 1,
        shop: SHOP,
        key,
        events: [
          {
            id: randomBytes(8).toString("hex"),
            name: "checkout_started",
            timestamp: new Date().toISOString(),
            checkoutTokenHash: randomBytes(32).toString("hex"),
            countryCode: "DK",
            marketHandle: "dk",
          },
        ],
      }),
    }),
    params: {},
    context: {},
  });
  return response.status;
}

async function deliver(
  action: typeof shopRedact,
  path: string,
  topic: string,
  payload: unknown,
): Promise<number> {
  const response = await action({
    request: webhookRequest(path, { shop: SHOP, topic, payload }),
    params: {},
    context: {},
  });
  return response.status;
}

beforeAll(async () => {
  const store = makeStore({ shop: SHOP, products: 4, passwordProtected: false });
  const first = store.products[0];
  if (!first) throw new Error("fixture store without products");
  first.title = TITLE;
  standin = await startStandin({ stores: [store], apiKey: API_KEY, apiSecret: API_SECRET_KEY });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  const granted = standin.grantOfflineToken(SHOP, { expiring: true });
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: "",
      isOnline: false,
      accessToken: granted.accessToken,
      scope: granted.scope,
      expires: new Date(Date.now() + 3_000_000),
      refreshToken: granted.refreshToken,
      refreshTokenExpires: new Date(Date.now() + 30 * 86_400_000),
    }),
  );
  await recordInstall({ shop: SHOP, scopes: granted.scope });
  worker = await startWorker(JOBS);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await standin?.close();
});

describe("deletion means deleted", () => {
  it("leaves neither the shop's domain nor its product titles in the database files, and its pixel key stops working at once", async () => {
    // The shop as real use leaves it: a full audit (snapshot, findings, history) and pixel events.
    const { id } = await enqueueJob(auditRunShopJob, { shop: SHOP, trigger: "manual" });
    const run = await waitForRun(id, undefined, 120_000);
    expect(run.status, run.error ?? "").toBe("succeeded");
    const { key } = await ensurePixelCredentials(SHOP);
    expect(await pixelPost(key)).toBe(200);
    expect(ingestKeys.size).toBeGreaterThan(0);
    const before = databaseBytes();
    expect(before.includes(SHOP)).toBe(true);
    expect(before.includes(TITLE)).toBe(true);

    expect(await deliver(uninstalled, "/webhooks/app/uninstalled", "app/uninstalled", {})).toBe(
      200,
    );
    // Uninstalled: the key no longer lets events in, without waiting for a cache to expire.
    expect(await pixelPost(key)).toBe(401);

    expect(
      await deliver(shopRedact, "/webhooks/shop/redact", "shop/redact", {
        shop_id: 1,
        shop_domain: SHOP,
      }),
    ).toBe(200);
    expect(await pixelPost(key)).toBe(401);

    // The compaction jobs the two deliveries queued.
    const compactions = await prisma.jobRun.findMany({ where: { jobId: "maintenance.compact" } });
    expect(compactions.length).toBeGreaterThanOrEqual(2);
    for (const c of compactions) {
      expect(c.shop).toBe("");
      expect(c.payload).not.toContain(SHOP);
      const done = await waitForRun(c.id, undefined, 120_000);
      expect(done.status, done.error ?? "").toBe("succeeded");
    }

    const after = databaseBytes();
    expect(after.includes(SHOP), "shop domain").toBe(false);
    expect(after.includes(TITLE), "product title").toBe(false);
    // Also not in another encoding SQLite might use for text.
    expect(after.includes(Buffer.from(SHOP, "utf16le")), "shop domain, UTF-16").toBe(false);
  });
});
