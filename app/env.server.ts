/**
 * Environment, validated once at start-up (fails fast with a readable message).
 *
 * Demo mode (`TOVHOLDER_DEMO=1`) fills in credentials for the offline stand-in so that
 * `npm run demo` needs no Shopify Partner app. Demo mode is refused when NODE_ENV=production.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { SHOP_DOMAIN_PATTERN } from "./shopify/shop-domains";

export const DEMO_DEFAULTS = {
  SHOPIFY_API_KEY: "tovholder-demo-api-key",
  SHOPIFY_API_SECRET: "tovholder-demo-api-secret",
  SHOPIFY_APP_URL: "http://localhost:3000",
  DEMO_SHOP: "nordvej-outdoor.myshopify.com",
} as const;

/** Access scopes; keep in sync with shopify.app.toml (tests/unit/app-config.test.ts checks). */
export const DEFAULT_SCOPES =
  "read_products,read_inventory,read_locations,read_orders,read_shipping,read_markets,read_themes,read_legal_policies,read_discounts,read_online_store_pages,read_publications,read_reports,unauthenticated_read_product_listings,unauthenticated_write_checkouts,write_pixels,read_customer_events";

/**
 * Outside production, a fixed key derived from a public string, so demo and tests need no setup.
 * It protects nothing: production refuses to start without ENCRYPTION_KEY.
 */
export const DEV_ENCRYPTION_KEY = createHash("sha256")
  .update("tovholder development encryption key (not secret)")
  .digest();

/** ENCRYPTION_KEY: 32 bytes as 64 hex digits or as base64 (44 characters). */
export function parseEncryptionKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed, "base64");
    return key.length === 32 ? key : null;
  }
  return null;
}

/** An unset or empty variable takes the default. */
const count = (fallback: number, min: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? fallback : v),
    z.coerce.number().int().min(min),
  );
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    TOVHOLDER_DEMO: z.enum(["0", "1", ""]).default(""),
    DEMO_SHOP: z.string().default(DEMO_DEFAULTS.DEMO_SHOP),
    // Demo mode only: the demo storefront's password, shown to the manager (npm run demo sets it).
    DEMO_STOREFRONT_PASSWORD: optionalText,
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    SHOPIFY_APP_URL: z.url().optional(),
    SCOPES: z.string().default(DEFAULT_SCOPES),
    // A bare domain (shop.dev); see app/shopify/shop-domains.ts.
    SHOP_CUSTOM_DOMAIN: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(SHOP_DOMAIN_PATTERN, "must be a bare domain such as shop.dev (no scheme, no regex)")
        .optional(),
    ),
    DATABASE_URL: z.string().default("file:./data/tovholder.db"),
    JOBS_PROVIDER: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.enum(["inprocess", "bullmq"]).default("inprocess"),
    ),
    REDIS_URL: optionalText,
    JOBS_CONCURRENCY: count(2, 1),
    JOBS_LEASE_MS: count(60_000, 1000),
    JOBS_REDIS_PREFIX: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().default("tovholder"),
    ),
    SMTP_URL: optionalText,
    ALERT_FROM: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().default("Tovholder <alerts@localhost>"),
    ),
    ENCRYPTION_KEY: optionalText,
    SNAPSHOT_RETENTION_DAYS: count(180, 1),
    // A weekly slot is found again by its JobRun id: runs must outlive the longest slot period.
    JOB_RUN_RETENTION_DAYS: count(90, 35),
    ALERT_RETENTION_DAYS: count(365, 1),
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
    if (raw.JOBS_PROVIDER === "bullmq" && !raw.REDIS_URL)
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_URL"],
        message: "REDIS_URL is required with JOBS_PROVIDER=bullmq",
      });
    let encryptionKey: Buffer = DEV_ENCRYPTION_KEY;
    if (raw.ENCRYPTION_KEY !== undefined) {
      const parsed = parseEncryptionKey(raw.ENCRYPTION_KEY);
      if (parsed) encryptionKey = parsed;
      else
        ctx.addIssue({
          code: "custom",
          path: ["ENCRYPTION_KEY"],
          message:
            "ENCRYPTION_KEY must be 32 bytes: 64 hex digits or base64 (openssl rand -hex 32)",
        });
    } else if (raw.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["ENCRYPTION_KEY"],
        message:
          "ENCRYPTION_KEY is required in production (32 bytes, e.g. `openssl rand -hex 32`); it encrypts stored secrets",
      });
    }
    return {
      nodeEnv: raw.NODE_ENV,
      demoMode: demo,
      demoShop: raw.DEMO_SHOP,
      demoStorefrontPassword: demo ? (raw.DEMO_STOREFRONT_PASSWORD ?? null) : null,
      apiKey: apiKey ?? "",
      apiSecret: apiSecret ?? "",
      appUrl: appUrl ?? "",
      scopes: raw.SCOPES.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      shopCustomDomain: raw.SHOP_CUSTOM_DOMAIN,
      databaseUrl: raw.DATABASE_URL,
      jobs: {
        provider: raw.JOBS_PROVIDER,
        redisUrl: raw.REDIS_URL ?? null,
        concurrency: raw.JOBS_CONCURRENCY,
        leaseMs: raw.JOBS_LEASE_MS,
        redisPrefix: raw.JOBS_REDIS_PREFIX,
      },
      smtpUrl: raw.SMTP_URL ?? null,
      alertFrom: raw.ALERT_FROM,
      encryptionKey,
      retention: {
        snapshotDays: raw.SNAPSHOT_RETENTION_DAYS,
        jobRunDays: raw.JOB_RUN_RETENTION_DAYS,
        alertDays: raw.ALERT_RETENTION_DAYS,
      },
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
