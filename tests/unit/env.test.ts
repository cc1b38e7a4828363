import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_DEFAULTS, DEV_ENCRYPTION_KEY, EnvError, parseEnv, runtimeMode } from "~/env.server";
import { assertDemoModeAllowed, DemoModeRefusedError } from "~/auth.server";

const KEY = randomBytes(32).toString("hex");
const CREDENTIALS = {
  SHOPIFY_API_KEY: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  SHOPIFY_API_SECRET: "f9e8d7c6b5a4938271605f4e3d2c1b0a",
  SHOPIFY_APP_URL: "https://app.example.com",
};

/** The one-line reason parseEnv gives, or null when it accepts the variables. */
function refusal(vars: Record<string, string | undefined>): string | null {
  try {
    parseEnv(vars);
    return null;
  } catch (error) {
    if (error instanceof EnvError) return error.oneLine;
    throw error;
  }
}

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
    const env = parseEnv({ ...CREDENTIALS, ENCRYPTION_KEY: KEY });
    expect(env.demoMode).toBe(false);
    expect(() => assertDemoModeAllowed({})).toThrow(DemoModeRefusedError);
  });
});

describe("production safety does not hang on NODE_ENV alone", () => {
  it("treats an unset or misspelt NODE_ENV as production", () => {
    for (const value of [undefined, "", "prod", "Production", "staging", "dev"])
      expect(runtimeMode(value)).toBe("production");
    expect(runtimeMode("development")).toBe("development");
    expect(runtimeMode("test")).toBe("test");
    expect(parseEnv({ ...CREDENTIALS, ENCRYPTION_KEY: KEY }).nodeEnv).toBe("production");
    expect(parseEnv({ ...CREDENTIALS, ENCRYPTION_KEY: KEY, NODE_ENV: "prod" }).nodeEnv).toBe(
      "production",
    );
  });

  // Every start-up combination: [variables, the one-line refusal or null for a start].
  const cases: [string, Record<string, string>, RegExp | null][] = [
    ["demo, development", { NODE_ENV: "development", TOVHOLDER_DEMO: "1" }, null],
    ["demo, test", { NODE_ENV: "test", TOVHOLDER_DEMO: "1" }, null],
    [
      "demo, NODE_ENV unset",
      { TOVHOLDER_DEMO: "1" },
      /^TOVHOLDER_DEMO=1 is refused: NODE_ENV is unset, which runs as production/,
    ],
    [
      "demo, NODE_ENV misspelt",
      { NODE_ENV: "develop", TOVHOLDER_DEMO: "1" },
      /^TOVHOLDER_DEMO=1 is refused: NODE_ENV is "develop", which runs as production/,
    ],
    [
      "demo, production",
      { NODE_ENV: "production", TOVHOLDER_DEMO: "1" },
      /^TOVHOLDER_DEMO=1 is refused when NODE_ENV=production/,
    ],
    [
      "demo with real credentials",
      { NODE_ENV: "development", TOVHOLDER_DEMO: "1", ...CREDENTIALS },
      /^TOVHOLDER_DEMO=1 is refused with Shopify credentials set/,
    ],
    [
      "demo with only a real secret",
      {
        NODE_ENV: "development",
        TOVHOLDER_DEMO: "1",
        SHOPIFY_API_SECRET: CREDENTIALS.SHOPIFY_API_SECRET,
      },
      /^TOVHOLDER_DEMO=1 is refused with Shopify credentials set/,
    ],
    [
      "demo with the demo's own placeholder credentials",
      {
        NODE_ENV: "development",
        TOVHOLDER_DEMO: "1",
        SHOPIFY_API_KEY: DEMO_DEFAULTS.SHOPIFY_API_KEY,
        SHOPIFY_API_SECRET: DEMO_DEFAULTS.SHOPIFY_API_SECRET,
      },
      null,
    ],
    [
      "credentials without a key, NODE_ENV unset",
      { ...CREDENTIALS },
      /^ENCRYPTION_KEY: ENCRYPTION_KEY is required .*only for demo mode/,
    ],
    [
      "credentials without a key, development",
      { NODE_ENV: "development", ...CREDENTIALS },
      /^ENCRYPTION_KEY: ENCRYPTION_KEY is required/,
    ],
    [
      "credentials without a key, test",
      { NODE_ENV: "test", ...CREDENTIALS },
      /^ENCRYPTION_KEY: ENCRYPTION_KEY is required/,
    ],
    [
      "credentials with the public development key",
      {
        NODE_ENV: "development",
        ...CREDENTIALS,
        ENCRYPTION_KEY: DEV_ENCRYPTION_KEY.toString("hex"),
      },
      /^ENCRYPTION_KEY: ENCRYPTION_KEY is the public development key/,
    ],
    ["credentials with a key, NODE_ENV unset", { ...CREDENTIALS, ENCRYPTION_KEY: KEY }, null],
    [
      "credentials with a key, production",
      { NODE_ENV: "production", ...CREDENTIALS, ENCRYPTION_KEY: KEY },
      null,
    ],
    [
      "an unreadable previous key",
      { ...CREDENTIALS, ENCRYPTION_KEY: KEY, ENCRYPTION_KEY_PREVIOUS: "old" },
      /^ENCRYPTION_KEY_PREVIOUS: ENCRYPTION_KEY_PREVIOUS must list 32-byte keys/,
    ],
  ];

  it.each(cases)("%s", (_name, vars, expected) => {
    const reason = refusal(vars);
    if (expected === null) expect(reason).toBeNull();
    else {
      expect(reason).toMatch(expected);
      expect(reason).not.toContain("\n");
    }
  });

  it("uses the development key only in demo mode", () => {
    expect(parseEnv({ NODE_ENV: "development", TOVHOLDER_DEMO: "1" }).encryptionKey).toEqual(
      DEV_ENCRYPTION_KEY,
    );
    expect(
      parseEnv({ NODE_ENV: "development", TOVHOLDER_DEMO: "1", ENCRYPTION_KEY: KEY }).encryptionKey,
    ).toEqual(Buffer.from(KEY, "hex"));
    expect(parseEnv({ ...CREDENTIALS, ENCRYPTION_KEY: KEY }).encryptionKey).toEqual(
      Buffer.from(KEY, "hex"),
    );
  });

  it("refuses demo mode per request as well, with the same reasons", () => {
    expect(() => assertDemoModeAllowed({ TOVHOLDER_DEMO: "1" })).toThrow(/NODE_ENV is unset/);
    expect(() =>
      assertDemoModeAllowed({ TOVHOLDER_DEMO: "1", NODE_ENV: "development", ...CREDENTIALS }),
    ).toThrow(/Shopify credentials/);
    expect(() =>
      assertDemoModeAllowed({ TOVHOLDER_DEMO: "1", NODE_ENV: "development" }),
    ).not.toThrow();
  });
});
