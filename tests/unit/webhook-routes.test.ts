/**
 * Every webhook route verifies deliveries with authenticateWebhook, never with the Remix
 * package's authenticate.webhook, which refreshes the offline token first and answers a bare 500
 * when Shopify refuses (docs/decisions/014-webhooks-under-expiring-tokens.md).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/databases";

const routes = readdirSync(join(ROOT, "app/routes")).filter((f) => f.startsWith("webhooks."));

describe("webhook routes", () => {
  it("exist", () => {
    expect(routes.length).toBeGreaterThanOrEqual(7);
  });
  for (const file of routes) {
    it(`${file} verifies with authenticateWebhook, not authenticate.webhook`, () => {
      const source = readFileSync(join(ROOT, "app/routes", file), "utf8");
      expect(source).toContain("await authenticateWebhook(request)");
      expect(source).not.toMatch(/authenticate\s*\.\s*webhook/);
    });
  }
});
