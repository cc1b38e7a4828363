import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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

type RouteAction = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, unknown>;
}) => Promise<Response>;

/**
 * An HTTP server in front of the app's webhook route actions, so the stand-in can deliver to
 * them as Shopify delivers to the deployed app: `routes` maps a path (`/webhooks/app/uninstalled`)
 * to its Remix action; a thrown Response is the answer, as in Remix.
 */
export async function startWebhookReceiver(
  routes: Record<string, RouteAction>,
): Promise<{ url(path: string): string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const action = routes[req.url ?? ""];
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(name, value);
      const request = new Request(`${APP_URL}${req.url}`, {
        method: req.method,
        headers,
        body: Buffer.concat(chunks),
      });
      const run = action
        ? action({ request, params: {}, context: {} }).catch((thrown: unknown) => {
            if (thrown instanceof Response) return thrown;
            return new Response(String(thrown), { status: 500 });
          })
        : Promise.resolve(new Response(null, { status: 404 }));
      void run.then(async (response) => {
        res.statusCode = response.status;
        res.end(await response.text());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
