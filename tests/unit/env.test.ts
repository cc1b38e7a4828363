import { describe, expect, it } from "vitest";
import { parseEnv, DEMO_DEFAULTS } from "~/env.server";
import { assertDemoModeAllowed, DemoModeRefusedError } from "~/auth.server";

describe("environment", () => {
  it("refuses demo mode when NODE_ENV=production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", TOVHOLDER_DEMO: "1" })).toThrow(
      /refused when NODE_ENV=production/,
    );
    expect(() => assertDemoModeAllowed({ NODE_ENV: "production", TOVHOLDER_DEMO: "1" })).toThrow(
      DemoModeRefusedError,
    );
  });

  it("demo mode needs no Shopify credentials", () => {
    const env = parseEnv({ NODE_ENV: "development", TOVHOLDER_DEMO: "1" });
    expect(env.demoMode).toBe(true);
    expect(env.apiKey).toBe(DEMO_DEFAULTS.SHOPIFY_API_KEY);
    expect(env.demoShop).toBe(DEMO_DEFAULTS.DEMO_SHOP);
  });

  it("outside demo mode names every missing variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /SHOPIFY_API_KEY[\s\S]*SHOPIFY_API_SECRET[\s\S]*SHOPIFY_APP_URL/,
    );
  });

  it("demo mode is off unless explicitly enabled", () => {
    const env = parseEnv({
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "s",
      SHOPIFY_APP_URL: "https://app.example.com",
    });
    expect(env.demoMode).toBe(false);
    expect(() => assertDemoModeAllowed({})).toThrow(DemoModeRefusedError);
  });
});
