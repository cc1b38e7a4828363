/** Reads the webhook subscriptions of shopify.app.toml (topic → uri), as Shopify would deliver them. */
import { readFileSync } from "node:fs";

export function webhookSubscriptions(tomlPath: string): Record<string, string> {
  const toml = readFileSync(tomlPath, "utf8");
  const result: Record<string, string> = {};
  for (const block of toml.split("[[webhooks.subscriptions]]").slice(1)) {
    const uri = /uri = "([^"]+)"/.exec(block)?.[1];
    const topics = /topics = \[([^\]]*)\]/.exec(block)?.[1] ?? "";
    if (!uri) continue;
    for (const [, topic] of topics.matchAll(/"([^"]+)"/g)) if (topic) result[topic] = uri;
  }
  return result;
}
