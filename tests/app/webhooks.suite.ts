/**
 * The webhook behaviour, run against whichever database DATABASE_URL points at
 * (webhooks.test.ts: SQLite; webhooks.postgres.test.ts: PostgreSQL).
 */
import { describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { prisma } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { recordInstall } from "~/models/shops.server";
import { countShopData, modelsWithShopColumn } from "~/models/shop-data.server";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as dataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { uniqueShop, webhookRequest, type WebhookOptions } from "../helpers/webhooks";

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

async function installShop(shop: string) {
  await recordInstall({ shop, scopes: "read_products" });
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      accessToken: "shpat_test",
      scope: "read_products",
    }),
  );
}

export function webhookSuite(database: string) {
  describe(`webhooks on ${database}`, () => {
    it("app/uninstalled removes the shop's sessions and marks it uninstalled; a redelivery changes nothing", async () => {
      const shop = uniqueShop();
      await installShop(shop);
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
  });
}
