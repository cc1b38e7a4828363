/**
 * The webhook behaviour, run against whichever database DATABASE_URL points at
 * (webhooks.test.ts: SQLite; webhooks.postgres.test.ts: PostgreSQL).
 *
 * Shops are installed as Shopify installs them today: an expiring offline token (1 h) and a
 * rotating refresh token, granted by the stand-in's OAuth endpoint. Deliveries arrive when the
 * access token has expired, and — after an uninstall — when Shopify has revoked every token and
 * refuses the refresh (docs/decisions/014).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { prisma } from "~/db/db.server";
import { sessionStorage } from "~/shopify.server";
import { recordInstall } from "~/db/shops.server";
import { countShopData, modelsWithShopColumn } from "~/db/shop-data.server";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as dataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { action as productsUpdate } from "~/routes/webhooks.products.update";
import { action as productsDelete } from "~/routes/webhooks.products.delete";
import { startStandin, type Standin } from "../../standin/server";
import { makeStore } from "../standin/fixtures";
import { ROOT } from "../helpers/databases";
import {
  startWebhookReceiver,
  uniqueShop,
  webhookRequest,
  type WebhookOptions,
} from "../helpers/webhooks";
import {
  customersDataRequestPayload,
  customersRedactPayload,
  shopRedactPayload,
} from "../../standin/webhook-payloads";

type Action = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, unknown>;
}) => Promise<Response>;

async function deliver(action: Action, path: string, options: WebhookOptions): Promise<Response> {
  try {
    return await action({ request: webhookRequest(path, options), params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** shopify.dev's example payload of a topic (tests/fixtures/shopify-dev/webhooks/README.md). */
export function shopifyDevPayload(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(ROOT, "tests/fixtures/shopify-dev/webhooks", `${name}.json`), "utf8"),
  ) as Record<string, unknown>;
}

let standin: Standin;
const standinShops = new Set<string>();

/**
 * Installs the shop as token exchange does: an expiring offline token and its refresh token
 * from the stand-in. `accessTokenExpired` (default) stores it as it is an hour later.
 */
async function installShop(shop: string, opts: { accessTokenExpired?: boolean } = {}) {
  if (!standinShops.has(shop)) standin.addStore(makeStore({ shop, products: 2 }));
  standinShops.add(shop);
  const granted = standin.grantOfflineToken(shop, { expiring: true, scopes: ["read_products"] });
  await recordInstall({ shop, scopes: granted.scope });
  const expired = opts.accessTokenExpired ?? true;
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      accessToken: granted.accessToken,
      scope: granted.scope,
      expires: new Date(Date.now() + (expired ? -60_000 : 3_000_000)),
      refreshToken: granted.refreshToken,
      refreshTokenExpires: new Date(Date.now() + 80 * 86_400_000),
    }),
  );
  return granted;
}

/** What Shopify does on uninstall: every token of the shop stops working, refresh included. */
function uninstallInShopify(shop: string) {
  standin.revokeTokens(shop);
}

async function refreshWorks(shop: string, refreshToken: string): Promise<boolean> {
  const res = await fetch(`https://${shop}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      client_id: API_KEY,
      client_secret: API_SECRET_KEY,
      grant_type: "refresh_token",
      refresh_token: refreshToken,
    }),
  });
  return res.status === 200;
}

export function webhookSuite(database: string) {
  describe(`webhooks on ${database}`, () => {
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
    beforeAll(async () => {
      // The app's routes behind HTTP, subscribed in the stand-in as in shopify.app.toml.
      const routes = {
        "/webhooks/app/uninstalled": uninstalled,
        "/webhooks/customers/data_request": dataRequest,
        "/webhooks/customers/redact": customersRedact,
        "/webhooks/shop/redact": shopRedact,
      };
      receiver = await startWebhookReceiver(routes);
      standin = await startStandin({
        stores: [],
        apiKey: API_KEY,
        apiSecret: API_SECRET_KEY,
        webhooks: Object.fromEntries(
          Object.keys(routes).map((path) => [path.replace("/webhooks/", ""), receiver.url(path)]),
        ),
      });
      process.env.SHOPIFY_STANDIN_URL = standin.url;
    });
    afterAll(async () => {
      await standin?.close();
      await receiver?.close();
    });

    it("app/uninstalled removes the shop's sessions and marks it uninstalled; a redelivery changes nothing", async () => {
      const shop = uniqueShop();
      await installShop(shop);
      uninstallInShopify(shop);
      const webhookId = "uninstall-delivery-1";
      const res = await deliver(uninstalled, "/webhooks/app/uninstalled", {
        shop,
        topic: "app/uninstalled",
        payload: { domain: shop },
        webhookId,
      });
      expect(res.status).toBe(200);
      expect(await prisma.session.count({ where: { shop } })).toBe(0);
      expect((await prisma.shop.findUnique({ where: { shop } }))?.uninstalledAt).toBeInstanceOf(
        Date,
      );

      // The merchant reinstalls; a late copy of the same delivery must not uninstall the shop again.
      await installShop(shop);
      const again = await deliver(uninstalled, "/webhooks/app/uninstalled", {
        shop,
        topic: "app/uninstalled",
        payload: { domain: shop },
        webhookId,
      });
      expect(again.status).toBe(200);
      expect(await prisma.session.count({ where: { shop } })).toBe(1);
      expect((await prisma.shop.findUnique({ where: { shop } }))?.uninstalledAt).toBeNull();
    });

    it("rejects a forged HMAC with 401 and changes nothing", async () => {
      const shop = uniqueShop();
      await installShop(shop);
      const res = await deliver(uninstalled, "/webhooks/app/uninstalled", {
        shop,
        topic: "app/uninstalled",
        payload: { domain: shop },
        secret: "not-the-app-secret",
      });
      expect(res.status).toBe(401);
      expect(await prisma.session.count({ where: { shop } })).toBe(1);
      expect((await prisma.shop.findUnique({ where: { shop } }))?.uninstalledAt).toBeNull();
    });

    it("rejects a body altered after signing", async () => {
      const shop = uniqueShop();
      await installShop(shop);
      const request = webhookRequest("/webhooks/app/uninstalled", {
        shop,
        topic: "app/uninstalled",
        payload: { domain: shop },
      });
      const tampered = new Request(request.url, {
        method: "POST",
        headers: request.headers,
        body: JSON.stringify({ domain: "other.myshopify.com" }),
      });
      const res = await uninstalled({ request: tampered, params: {}, context: {} }).catch(
        (r: Response) => r,
      );
      expect(res.status).toBe(401);
      expect(await prisma.session.count({ where: { shop } })).toBe(1);
    });

    it("app/scopes_update stores the granted scopes", async () => {
      const shop = uniqueShop();
      await installShop(shop);
      const res = await deliver(scopesUpdate, "/webhooks/app/scopes_update", {
        shop,
        topic: "app/scopes_update",
        payload: {
          id: 1,
          previous: ["read_products"],
          current: ["read_products", "read_orders"],
          updated_at: new Date().toISOString(),
        },
      });
      expect(res.status).toBe(200);
      expect((await prisma.shop.findUnique({ where: { shop } }))?.scopes).toBe(
        "read_products,read_orders",
      );
      expect((await prisma.session.findFirst({ where: { shop } }))?.scope).toBe(
        "read_products,read_orders",
      );
    });

    it("refuses a malformed scopes_update payload with 400 and records nothing", async () => {
      const shop = uniqueShop();
      await installShop(shop);
      const res = await deliver(scopesUpdate, "/webhooks/app/scopes_update", {
        shop,
        topic: "app/scopes_update",
        payload: { current: "all" },
      });
      expect(res.status).toBe(400);
      expect((await prisma.shop.findUnique({ where: { shop } }))?.scopes).toBe("read_products");
      expect(await prisma.webhookDelivery.count({ where: { shop } })).toBe(0);
    });

    it("customers/data_request records what is held, once per delivery", async () => {
      const shop = uniqueShop();
      const payload = {
        shop_id: 1,
        shop_domain: shop,
        orders_requested: [299938, 280263],
        customer: { id: 191167, email: "john@example.com", phone: "555-625-1199" },
        data_request: { id: 9999 },
      };
      for (let i = 0; i < 2; i++) {
        const res = await deliver(dataRequest, "/webhooks/customers/data_request", {
          shop,
          topic: "customers/data_request",
          payload,
          webhookId: "dr-1",
        });
        expect(res.status).toBe(200);
      }
      const records = await prisma.complianceRequest.findMany({ where: { shop } });
      expect(records).toHaveLength(1);
      const answer = JSON.parse(records[0]!.answer);
      expect(answer).toMatchObject({
        customerId: "191167",
        ordersRequested: ["299938", "280263"],
        held: [],
      });
      expect(answer.statement).toMatch(/no customer names, email addresses/);
      // Tovholder keeps no copy of the customer's email or phone from the request.
      expect(JSON.stringify(records)).not.toContain("john@example.com");
      expect(JSON.stringify(records)).not.toContain("555-625-1199");

      // A second request for the same customer reports the first one as data held.
      await deliver(dataRequest, "/webhooks/customers/data_request", {
        shop,
        topic: "customers/data_request",
        payload,
        webhookId: "dr-2",
      });
      const second = await prisma.complianceRequest.findFirst({
        where: { shop, webhookId: "dr-2" },
      });
      expect(JSON.parse(second!.answer).held).toEqual([
        expect.objectContaining({ source: "compliance requests", records: 1 }),
      ]);
    });

    it("customers/redact erases what is held about that customer only", async () => {
      const shop = uniqueShop();
      const request = (id: number, webhookId: string) =>
        deliver(dataRequest, "/webhooks/customers/data_request", {
          shop,
          topic: "customers/data_request",
          payload: { customer: { id }, orders_requested: [] },
          webhookId,
        });
      await request(1, "a");
      await request(2, "b");
      const res = await deliver(customersRedact, "/webhooks/customers/redact", {
        shop,
        topic: "customers/redact",
        payload: {
          shop_id: 1,
          shop_domain: shop,
          customer: { id: 1, email: "x@example.com" },
          orders_to_redact: [],
        },
      });
      expect(res.status).toBe(200);
      expect(await prisma.complianceRequest.count({ where: { shop, customerId: "1" } })).toBe(0);
      expect(await prisma.complianceRequest.count({ where: { shop, customerId: "2" } })).toBe(1);
    });

    it("shop/redact leaves no row of that shop in any table, and leaves other shops alone", async () => {
      const shop = uniqueShop("redacted");
      const other = uniqueShop("other");
      for (const s of [shop, other]) {
        await installShop(s);
        await deliver(dataRequest, "/webhooks/customers/data_request", {
          shop: s,
          topic: "customers/data_request",
          payload: { customer: { id: 7 } },
        });
        await deliver(uninstalled, "/webhooks/app/uninstalled", {
          shop: s,
          topic: "app/uninstalled",
          payload: {},
        });
      }
      const before = await countShopData(shop);
      expect(Object.values(before).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);

      for (let i = 0; i < 2; i++) {
        const res = await deliver(shopRedact, "/webhooks/shop/redact", {
          shop,
          topic: "shop/redact",
          payload: { shop_id: 1, shop_domain: shop },
        });
        expect(res.status).toBe(200);
      }
      const after = await countShopData(shop);
      expect(Object.keys(after).sort()).toEqual(modelsWithShopColumn().sort());
      expect(after).toEqual(Object.fromEntries(modelsWithShopColumn().map((m) => [m, 0])));
      const otherCounts = await countShopData(other);
      expect(otherCounts.Shop).toBe(1);
      expect(otherCounts.ComplianceRequest).toBe(1);
    });

    describe("after Shopify refused the token refresh (uninstalled shop, expired access token)", () => {
      it("app/uninstalled runs its handler once; redeliveries answer 200 and change nothing", async () => {
        const shop = uniqueShop();
        const granted = await installShop(shop);
        uninstallInShopify(shop);
        // What authenticate.webhook would do first, and what Shopify answers: the refresh fails.
        expect(await refreshWorks(shop, granted.refreshToken!)).toBe(false);

        for (let i = 0; i < 3; i++) {
          const res = await deliver(uninstalled, "/webhooks/app/uninstalled", {
            shop,
            topic: "app/uninstalled",
            payload: shopifyDevPayload("app-uninstalled"),
            webhookId: "uninstall-refused",
          });
          expect(res.status).toBe(200);
        }
        expect(await prisma.session.count({ where: { shop } })).toBe(0);
        expect((await prisma.shop.findUnique({ where: { shop } }))?.uninstalledAt).toBeInstanceOf(
          Date,
        );
        expect(
          await prisma.webhookDelivery.count({ where: { shop, topic: "APP_UNINSTALLED" } }),
        ).toBe(1);
      });

      it("customers/data_request and customers/redact complete, each exactly once", async () => {
        const shop = uniqueShop();
        await installShop(shop);
        uninstallInShopify(shop);
        const request = shopifyDevPayload("customers-data-request");
        for (let i = 0; i < 2; i++) {
          const res = await deliver(dataRequest, "/webhooks/customers/data_request", {
            shop,
            topic: "customers/data_request",
            payload: request,
            webhookId: "dr-refused",
          });
          expect(res.status).toBe(200);
        }
        expect(await prisma.complianceRequest.count({ where: { shop } })).toBe(1);

        for (let i = 0; i < 2; i++) {
          const res = await deliver(customersRedact, "/webhooks/customers/redact", {
            shop,
            topic: "customers/redact",
            payload: shopifyDevPayload("customers-redact"),
            webhookId: "cr-refused",
          });
          expect(res.status).toBe(200);
        }
        // The data request held the only record of customer 191167; the redaction erased it.
        expect(
          await prisma.complianceRequest.count({ where: { shop, customerId: "191167" } }),
        ).toBe(0);
      });

      it("shop/redact 48 hours later erases the shop, the session with its dead tokens included", async () => {
        const shop = uniqueShop("redact");
        await installShop(shop);
        uninstallInShopify(shop);
        // Shopify's app/uninstalled was lost (say the app was down): the session is still there.
        expect(await prisma.session.count({ where: { shop } })).toBe(1);
        for (let i = 0; i < 2; i++) {
          const res = await deliver(shopRedact, "/webhooks/shop/redact", {
            shop,
            topic: "shop/redact",
            payload: shopifyDevPayload("shop-redact"),
          });
          expect(res.status).toBe(200);
        }
        expect(await prisma.session.count({ where: { shop } })).toBe(0);
        const after = await countShopData(shop);
        expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(0);
      });

      it("every webhook route answers without a 500", async () => {
        const routes: [Action, string, string, Record<string, unknown>][] = [
          [
            uninstalled,
            "/webhooks/app/uninstalled",
            "app/uninstalled",
            shopifyDevPayload("app-uninstalled"),
          ],
          [
            scopesUpdate,
            "/webhooks/app/scopes_update",
            "app/scopes_update",
            { id: 1, previous: ["read_products"], current: [], updated_at: "2026-11-01T00:00:00Z" },
          ],
          [
            dataRequest,
            "/webhooks/customers/data_request",
            "customers/data_request",
            shopifyDevPayload("customers-data-request"),
          ],
          [
            customersRedact,
            "/webhooks/customers/redact",
            "customers/redact",
            shopifyDevPayload("customers-redact"),
          ],
          [shopRedact, "/webhooks/shop/redact", "shop/redact", shopifyDevPayload("shop-redact")],
          [
            productsUpdate,
            "/webhooks/products/update",
            "products/update",
            shopifyDevPayload("products-update"),
          ],
          [
            productsDelete,
            "/webhooks/products/delete",
            "products/delete",
            shopifyDevPayload("products-delete"),
          ],
        ];
        for (const [action, path, topic, payload] of routes) {
          const shop = uniqueShop();
          await installShop(shop);
          uninstallInShopify(shop);
          const res = await deliver(action, path, { shop, topic, payload });
          expect(res.status, topic).toBe(200);
        }
      });
    });

    it("end to end: the stand-in uninstalls the app, then sends the compliance topics 48 hours on", async () => {
      const shop = uniqueShop("e2e");
      await installShop(shop);
      const store = standin.store(shop);
      const customer = store.customers[0]!.id;
      const asked = await standin.sendWebhook(
        shop,
        "customers/data_request",
        customersDataRequestPayload(store, customer, 41),
      );
      expect(asked.status).toBe(200);
      expect(
        await prisma.complianceRequest.count({
          where: { shop, customerId: String(store.customers[0]!.legacyId) },
        }),
      ).toBe(1);

      // Uninstall: tokens revoked first, then app/uninstalled with the Shop payload.
      const res = await standin.uninstallApp(shop, { webhookId: "e2e-uninstall" });
      expect(res?.status).toBe(200);
      expect(await prisma.session.count({ where: { shop } })).toBe(0);
      expect((await prisma.shop.findUnique({ where: { shop } }))?.uninstalledAt).toBeInstanceOf(
        Date,
      );

      const redact = await standin.sendWebhook(
        shop,
        "customers/redact",
        customersRedactPayload(store, customer),
      );
      expect(redact.status).toBe(200);
      const customerId = String(store.customers[0]!.legacyId);
      expect(await prisma.complianceRequest.count({ where: { shop, customerId } })).toBe(0);

      const gone = await standin.sendWebhook(shop, "shop/redact", shopRedactPayload(store));
      expect(gone.status).toBe(200);
      expect(Object.values(await countShopData(shop)).reduce((a, b) => a + b, 0)).toBe(0);
    });

    it("a delivery does not spend the shop's rotating refresh token", async () => {
      const shop = uniqueShop();
      const granted = await installShop(shop);
      const res = await deliver(scopesUpdate, "/webhooks/app/scopes_update", {
        shop,
        topic: "app/scopes_update",
        payload: {
          id: 1,
          previous: [],
          current: ["read_products"],
          updated_at: "2026-11-01T00:00:00Z",
        },
      });
      expect(res.status).toBe(200);
      const stored = await sessionStorage.loadSession(`offline_${shop}`);
      expect(stored?.accessToken).toBe(granted.accessToken);
      expect(stored?.refreshToken).toBe(granted.refreshToken);
      // The token a background job will refresh with is still the live one.
      expect(await refreshWorks(shop, granted.refreshToken!)).toBe(true);
    });

    describe("a genuine delivery (valid HMAC) with a body the app cannot use gets a 4xx", () => {
      const routes: [string, Action, string, string][] = [
        ["app/uninstalled", uninstalled, "/webhooks/app/uninstalled", "APP_UNINSTALLED"],
        ["app/scopes_update", scopesUpdate, "/webhooks/app/scopes_update", "APP_SCOPES_UPDATE"],
        [
          "customers/data_request",
          dataRequest,
          "/webhooks/customers/data_request",
          "CUSTOMERS_DATA_REQUEST",
        ],
        ["customers/redact", customersRedact, "/webhooks/customers/redact", "CUSTOMERS_REDACT"],
        ["shop/redact", shopRedact, "/webhooks/shop/redact", "SHOP_REDACT"],
        ["products/update", productsUpdate, "/webhooks/products/update", "PRODUCTS_UPDATE"],
        ["products/delete", productsDelete, "/webhooks/products/delete", "PRODUCTS_DELETE"],
      ];
      for (const [topic, action, path, stored] of routes) {
        it(`${topic}: truncated JSON, a JSON array or a bare string is a 400 and changes nothing`, async () => {
          const shop = uniqueShop();
          await installShop(shop);
          for (const rawBody of ['{"shop_id": 954889, "shop_domain": ', "[1, 2]", '"hello"']) {
            const res = await deliver(action, path, { shop, topic, payload: null, rawBody });
            expect(res.status, rawBody).toBe(400);
          }
          expect(await prisma.session.count({ where: { shop } })).toBe(1);
          expect((await prisma.shop.findUnique({ where: { shop } }))?.uninstalledAt).toBeNull();
          expect(await prisma.webhookDelivery.count({ where: { shop, topic: stored } })).toBe(0);
        });
      }
    });

    it("a delivery from a host that is not a shop domain is refused", async () => {
      const res = await deliver(uninstalled, "/webhooks/app/uninstalled", {
        shop: "evil.example.com",
        topic: "app/uninstalled",
        payload: {},
      });
      expect(res.status).toBe(400);
    });
  });
}
