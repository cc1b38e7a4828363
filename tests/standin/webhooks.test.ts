import "@shopify/shopify-api/adapters/node";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { afterEach, describe, expect, it } from "vitest";
import { API_KEY, API_SECRET, startHarness, type Harness } from "./helpers";

let h: Harness;
let receiver: Server;
afterEach(async () => {
  await h.close();
  await new Promise((resolve) => receiver.close(resolve));
});

/** A stand-in for the app's webhook route, validating with Shopify's own library. */
async function startReceiver(secret: string): Promise<{ url: string; results: unknown[] }> {
  const api = shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: secret,
    apiVersion: ApiVersion.October26,
    hostName: "app.example",
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
  });
  const results: unknown[] = [];
  receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
    let rawBody = "";
    req.on("data", (chunk: Buffer) => (rawBody += chunk.toString()));
    req.on("end", () => {
      void api.webhooks.validate({ rawBody, rawRequest: req, rawResponse: res }).then((result) => {
        results.push({ ...result, payload: JSON.parse(rawBody) as unknown });
        res.statusCode = result.valid ? 200 : 401;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/app/uninstalled`,
    results,
  };
}

describe("sendWebhook", () => {
  it("delivers a webhook that @shopify/shopify-api accepts as genuine", async () => {
    const { url, results } = await startReceiver(API_SECRET);
    h = await startHarness({ products: 1 }, { webhooks: { "app/uninstalled": url } });
    const response = await h.standin.sendWebhook(
      h.shop,
      "app/uninstalled",
      { id: 1, domain: h.shop },
      { webhookId: "wh-123" },
    );
    expect(response.status).toBe(200);
    expect(results).toEqual([
      expect.objectContaining({
        valid: true,
        topic: "APP_UNINSTALLED",
        domain: h.shop,
        apiVersion: "2026-10",
        webhookId: "wh-123",
        payload: { id: 1, domain: h.shop },
      }),
    ]);
  });

  it("is rejected by an app that holds a different secret", async () => {
    const { url, results } = await startReceiver("another-secret");
    h = await startHarness({ products: 1 }, { webhooks: { "app/uninstalled": url } });
    const response = await h.standin.sendWebhook(h.shop, "app/uninstalled", { id: 1 });
    expect(response.status).toBe(401);
    expect(results).toEqual([expect.objectContaining({ valid: false, reason: "invalid_hmac" })]);
  });

  it("refuses a topic without a configured URL", async () => {
    const { url } = await startReceiver(API_SECRET);
    h = await startHarness({ products: 1 }, { webhooks: { "app/uninstalled": url } });
    await expect(h.standin.sendWebhook(h.shop, "shop/redact", {})).rejects.toThrow(
      "No webhook URL configured for topic shop/redact",
    );
  });
});
