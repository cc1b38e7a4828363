/**
 * POST /api/pixel-events through the route's action on the test database: authentication by
 * the shop's ingestion key, schema, unknown shops, malformed and oversized bodies, the per-shop
 * rate limit, and duplicates counted once.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/db.server";
import { recordInstall } from "~/db/shops.server";
import { action, loader } from "~/routes/api.pixel-events";
import { PixelIngestion } from "~/checkout/server/ingest/handler.server";
import { ensurePixelCredentials } from "~/checkout/server/pixel-credentials.server";

const SHOP = "pixel-shop.myshopify.com";
const URL = "https://tovholder.example/api/pixel-events";
let key = "";

const event = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  name: "checkout_started",
  timestamp: new Date().toISOString(),
  checkoutTokenHash: randomBytes(32).toString("hex"),
  countryCode: "DK",
  marketHandle: "dk",
  ...overrides,
});

const body = (events: unknown[], overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ v: 1, shop: SHOP, key, events, ...overrides });

async function post(
  text: string,
  headers: Record<string, string> = {},
  via = (r: Request) => action({ request: r, params: {}, context: {} }),
) {
  const response = await via(
    new Request(URL, {
      method: "POST",
      body: text,
      headers: { "Content-Type": "text/plain", ...headers },
    }),
  );
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

const stored = () => prisma.checkoutEvent.count({ where: { shop: SHOP } });

beforeAll(async () => {
  await recordInstall({ shop: SHOP, scopes: null });
  key = (await ensurePixelCredentials(SHOP)).key;
});

describe("POST /api/pixel-events", () => {
  it("stores a valid batch and answers only after it is committed, with CORS for the pixel", async () => {
    const before = await stored();
    const answer = await post(body([event("a1"), event("a2")]));
    expect(answer).toMatchObject({ status: 200, json: { accepted: 2, duplicates: 0 } });
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(await stored()).toBe(before + 2);
    const row = await prisma.checkoutEvent.findFirst({ where: { shop: SHOP, eventId: "a1" } });
    expect(row).toMatchObject({ name: "checkout_started", countryCode: "DK", marketHandle: "dk" });
  });

  it("counts a resent event once, also inside one batch", async () => {
    const before = await stored();
    const again = await post(body([event("a1"), event("b1"), event("b1")]));
    expect(again).toMatchObject({ status: 200, json: { accepted: 1, duplicates: 2 } });
    expect(await stored()).toBe(before + 1);
  });

  it("refuses an unknown shop and a wrong key with the same 401", async () => {
    const unknown = await post(body([event("u1")], { shop: "nobody.myshopify.com" }));
    const wrong = await post(body([event("u2")], { key: "x".repeat(32) }));
    for (const answer of [unknown, wrong])
      expect(answer).toMatchObject({ status: 401, json: { error: "unauthorized" } });
    expect(unknown.json).toEqual(wrong.json);
    expect(await prisma.checkoutEvent.count({ where: { eventId: { in: ["u1", "u2"] } } })).toBe(0);
  });

  it("refuses a shop that uninstalled the app", async () => {
    const gone = "gone-shop.myshopify.com";
    await recordInstall({ shop: gone, scopes: null });
    const goneKey = (await ensurePixelCredentials(gone)).key;
    await prisma.shop.update({ where: { shop: gone }, data: { uninstalledAt: new Date() } });
    const answer = await post(
      JSON.stringify({ v: 1, shop: gone, key: goneKey, events: [event("g1")] }),
    );
    expect(answer.status).toBe(401);
  });

  it.each([
    ["not JSON", "{events:", "malformed"],
    [
      "an unknown key (personal data)",
      body([event("p1", { email: "jens@example.com" })]),
      "invalid",
    ],
    ["a step outside the funnel", body([event("p2", { name: "page_viewed" })]), "invalid"],
    ["an unhashed token", body([event("p3", { checkoutTokenHash: "tok-123" })]), "invalid"],
    ["no events", body([]), "invalid"],
    ["51 events", body(Array.from({ length: 51 }, (_, i) => event(`m${i}`))), "invalid"],
    [
      "a week-old event",
      body([event("p4", { timestamp: new Date(Date.now() - 7 * 86_400_000).toISOString() })]),
      "invalid",
    ],
    ["a wrong version", body([event("p5")], { v: 2 }), "invalid"],
  ])("answers 400 to %s", async (_name, text, error) => {
    const answer = await post(text);
    expect(answer).toMatchObject({ status: 400, json: { error } });
    if (error === "invalid")
      expect(answer.json.issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]),
      );
  });

  it("answers 413 to an oversized body without reading it all", async () => {
    const answer = await post(JSON.stringify({ padding: "x".repeat(40_000) }));
    expect(answer).toMatchObject({ status: 413, json: { error: "too_large" } });
  });

  it("answers OPTIONS for preflights and 405 to GET", async () => {
    // Remix hands OPTIONS to the loader, not the action: the preflight must be answered there.
    const args = (method: string) => ({
      request: new Request(URL, { method }),
      params: {},
      context: {},
    });
    const options = await loader(args("OPTIONS"));
    expect(options.status).toBe(204);
    expect(options.headers.get("access-control-allow-origin")).toBe("*");
    expect(options.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
    expect(options.headers.get("access-control-allow-headers")).toBe("Content-Type");
    expect((await loader(args("GET"))).status).toBe(405);
  });

  it("rate-limits per shop in events, with Retry-After, and lets other shops through", async () => {
    const other = "other-pixel-shop.myshopify.com";
    await recordInstall({ shop: other, scopes: null });
    const otherKey = (await ensurePixelCredentials(other)).key;
    const ingestion = new PixelIngestion({ rateLimit: { capacity: 6, refillPerSecond: 0.5 } });
    const via = (r: Request) => ingestion.handle(r);
    expect((await post(body([1, 2, 3, 4, 5].map((i) => event(`r${i}`))), {}, via)).status).toBe(
      200,
    );
    const limited = await post(body([event("r6"), event("r7")]), {}, via);
    expect(limited).toMatchObject({
      status: 429,
      json: { error: "rate_limited", retryAfterSeconds: 2 },
    });
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(await prisma.checkoutEvent.count({ where: { eventId: { in: ["r6", "r7"] } } })).toBe(0);
    const theirs = JSON.stringify({
      v: 1,
      shop: other,
      key: otherKey,
      events: [event("o1"), event("o2")],
    });
    expect((await post(theirs, {}, via)).status).toBe(200);
    expect(ingestion.stats.rateLimitedRequests).toBe(1);
  });

  it("answers 503 with Retry-After when the database fails, and acknowledges nothing", async () => {
    const ingestion = new PixelIngestion({
      write: async () => {
        throw new Error("disk full");
      },
    });
    const answer = await post(body([event("f1")]), {}, (r) => ingestion.handle(r));
    expect(answer).toMatchObject({ status: 503, json: { error: "unavailable" } });
    expect(answer.headers.get("retry-after")).toBe("5");
  });
});
