/**
 * Environment, validated once at start-up (fails fast with a readable message).
 *
 * Demo mode (`TOVHOLDER_DEMO=1`) fills in credentials for the offline stand-in so that
 * `npm run demo` needs no Shopify Partner app. Demo mode is refused when NODE_ENV=production.
 */
import { z } from "zod";

export const DEMO_DEFAULTS = {
  SHOPIFY_API_KEY: "tovholder-demo-api-key",
  SHOPIFY_API_SECRET: "tovholder-demo-api-secret",
  SHOPIFY_APP_URL: "http://localhost:3000",
  DEMO_SHOP: "nordvej-outdoor.myshopify.com",
} as const;

/** Access scopes; keep in sync with shopify.app.toml (tests/unit/app-config.test.ts checks). */
export const DEFAULT_SCOPES =
  "read_products,read_inventory,read_locations,read_orders,read_shipping,read_markets,read_themes,read_legal_policies,read_discounts,read_online_store_pages,read_publications";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    TOVHOLDER_DEMO: z.enum(["0", "1", ""]).default(""),
    DEMO_SHOP: z.string().default(DEMO_DEFAULTS.DEMO_SHOP),
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    SHOPIFY_APP_URL: z.url().optional(),
    SCOPES: z.string().default(DEFAULT_SCOPES),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    DATABASE_URL: z.string().default("file:./data/tovholder.db"),
  })
  .transform((raw, ctx) => {
    const demo = raw.TOVHOLDER_DEMO === "1";
    if (demo && raw.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        message:
          "TOVHOLDER_DEMO=1 is refused when NODE_ENV=production: demo mode bypasses Shopify authentication.",
      });
      return z.NEVER;
    }
    const apiKey = raw.SHOPIFY_API_KEY ?? (demo ? DEMO_DEFAULTS.SHOPIFY_API_KEY : undefined);
    const apiSecret =
      raw.SHOPIFY_API_SECRET ?? (demo ? DEMO_DEFAULTS.SHOPIFY_API_SECRET : undefined);
    const appUrl = raw.SHOPIFY_APP_URL ?? (demo ? DEMO_DEFAULTS.SHOPIFY_APP_URL : undefined);
    for (const [name, value] of [
      ["SHOPIFY_API_KEY", apiKey],
      ["SHOPIFY_API_SECRET", apiSecret],
      ["SHOPIFY_APP_URL", appUrl],
    ] as const) {
      if (!value)
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} is required (see README: Environment)`,
        });
    }
    return {
      nodeEnv: raw.NODE_ENV,
      demoMode: demo,
      demoShop: raw.DEMO_SHOP,
      apiKey: apiKey ?? "",
      apiSecret: apiSecret ?? "",
      appUrl: appUrl ?? "",
      scopes: raw.SCOPES.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      shopCustomDomain: raw.SHOP_CUSTOM_DOMAIN,
      databaseUrl: raw.DATABASE_URL,
    };
  });

export type Env = z.output<typeof schema>;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `- ${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`,
    );
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
