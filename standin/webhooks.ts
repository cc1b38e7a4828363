/**
 * Webhook delivery signed exactly as Shopify signs: `X-Shopify-Hmac-Sha256` is the base64
 * HMAC-SHA256 of the raw body with the app's client secret, plus Shopify's topic, shop, API
 * version, webhook id, event id and triggered-at headers.
 */
import { createHmac, randomUUID } from "node:crypto";
import { API_VERSION } from "./schema";

export function webhookHmac(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export interface WebhookOptions {
  urls: Record<string, string>;
  apiSecret: string;
  now: () => number;
  log: (line: string) => void;
}

export class WebhookSender {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: WebhookOptions) {}

  isConfigured(topic: string): boolean {
    return topic in this.options.urls;
  }

  async send(
    shop: string,
    topic: string,
    payload: unknown,
    opts: { webhookId?: string } = {},
  ): Promise<Response> {
    const url = this.options.urls[topic];
    if (!url) throw new Error(`No webhook URL configured for topic ${topic}`);
    const body = JSON.stringify(payload);
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Shopify-Captain-Hook",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": webhookHmac(body, this.options.apiSecret),
        "X-Shopify-Shop-Domain": shop,
        "X-Shopify-API-Version": API_VERSION,
        "X-Shopify-Webhook-Id": opts.webhookId ?? randomUUID(),
        "X-Shopify-Event-Id": randomUUID(),
        "X-Shopify-Triggered-At": new Date(this.options.now()).toISOString(),
      },
    });
    this.options.log(`webhook ${topic} for ${shop} → ${url}: HTTP ${response.status}`);
    return response;
  }

  /** Fire-and-forget delivery (Shopify does not wait for the app); failures are logged. */
  notify(shop: string, topic: string, payload: unknown): void {
    if (!this.isConfigured(topic)) return;
    const delivery = this.send(shop, topic, payload)
      .then((response) => response.body?.cancel())
      .catch((error: unknown) =>
        this.options.log(`webhook ${topic} for ${shop} failed: ${(error as Error).message}`),
      )
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
