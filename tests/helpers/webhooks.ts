import { randomUUID } from "node:crypto";
import { API_SECRET_KEY, APP_URL, getHmac } from "@shopify/shopify-api/test-helpers";

export interface WebhookOptions {
  shop: string;
  topic: string;
  payload: unknown;
  webhookId?: string;
  /** Sign with another secret (a forged delivery). */
  secret?: string;
  /** Send this exact raw body (e.g. malformed JSON). */
  rawBody?: string;
}

/** A webhook request exactly as Shopify sends it: raw JSON body, HMAC header, topic headers. */
export function webhookRequest(path: string, options: WebhookOptions): Request {
  const body = options.rawBody ?? JSON.stringify(options.payload);
  return new Request(`${APP_URL}${path}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": getHmac(body, options.secret ?? API_SECRET_KEY),
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Shop-Domain": options.shop,
      "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": "2026-10",
    },
  });
}

export function uniqueShop(label = "shop"): string {
  return `${label}-${randomUUID().slice(0, 8)}.myshopify.com`;
}
