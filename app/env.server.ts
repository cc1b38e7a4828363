/**
 * Environment, validated once at start-up (fails fast with a readable message).
 *
 * Demo mode (`TOVHOLDER_DEMO=1`) fills in credentials for the offline stand-in so that
 * `npm run demo` needs no Shopify Partner app.
 *
 * Production safety does not hang on one variable (docs/decisions/017-secrets-and-production-safety.md):
 * - NODE_ENV other than exactly `development` or `test` (unset, misspelt) means production;
 * - demo mode only when asked for (TOVHOLDER_DEMO=1), outside production, and without Shopify
 *   credentials other than the demo's placeholders;
 * - the built-in development encryption key only in demo mode; everywhere else ENCRYPTION_KEY
 *   is required, and the public development key is refused as ENCRYPTION_KEY.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { SHOP_DOMAIN_PATTERN } from "./shopify/shop-domains.ts";

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
 * Demo mode's key: fixed and derived from a public string, so `npm run demo` needs no setup.
 * It protects nothing, so it is used only in demo mode, never given as ENCRYPTION_KEY.
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

/** ENCRYPTION_KEY_PREVIOUS: earlier keys, comma- or space-separated (read only, for rotation). */
export function parseKeyList(text: string): { keys: Buffer[]; invalid: number } {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const keys = parts.map(parseEncryptionKey).filter((k): k is Buffer => k !== null);
  return { keys, invalid: parts.length - keys.length };
}

export type RuntimeMode = "development" | "test" | "production";

/** Only these two exact values leave production: unset or misspelt NODE_ENV is production. */
export function runtimeMode(nodeEnv: string | undefined): RuntimeMode {
  return nodeEnv === "development" || nodeEnv === "test" ? nodeEnv : "production";
}

/**
 * Shopify app credentials other than the demo's placeholders. We cannot tell a real secret from
 * an invented one offline, so every other value counts as real: it may open a real shop.
 */
export function hasShopifyCredentials(vars: Record<string, string | undefined>): boolean {
  const key = vars.SHOPIFY_API_KEY || undefined;
  const secret = vars.SHOPIFY_API_SECRET || undefined;
  return (
    (key !== undefined && key !== DEMO_DEFAULTS.SHOPIFY_API_KEY) ||
    (secret !== undefined && secret !== DEMO_DEFAULTS.SHOPIFY_API_SECRET)
  );
}

/** Why demo mode may not run with these variables, or null when it may (one line each). */
export function demoModeRefusal(vars: Record<string, string | undefined>): string | null {
  const mode = runtimeMode(vars.NODE_ENV);
  if (mode === "production")
    return vars.NODE_ENV === "production"
      ? "TOVHOLDER_DEMO=1 is refused when NODE_ENV=production: demo mode bypasses Shopify authentication."
      : `TOVHOLDER_DEMO=1 is refused: NODE_ENV is ${vars.NODE_ENV ? `"${vars.NODE_ENV}"` : "unset"}, which runs as production (demo mode needs NODE_ENV=development).`;
  if (hasShopifyCredentials(vars))
    return "TOVHOLDER_DEMO=1 is refused with Shopify credentials set (SHOPIFY_API_KEY/SHOPIFY_API_SECRET): demo mode bypasses Shopify authentication.";
  return null;
}

/** The embedded SQLite database, when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = "file:./data/tovholder.db";

/** An unset or empty variable takes the default. */
const count = (fallback: number, min: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? fallback : v),
    z.coerce.number().int().min(min),
  );
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());

/** The funnel re-rolls its last 35 days from raw events (plus today and time-zone slack). */
export const MIN_CHECKOUT_EVENT_RETENTION_DAYS = 40;

interface EnvIssue {
  path: [string];
  message: string;
}

/**
 * The current encryption key (the development key when none is set, which only demo mode may
 * use) and the previous ones, with what is wrong with them.
 */
function encryptionKeys(
  current: string | undefined,
  previousList: string | undefined,
  demo: boolean,
): { current: Buffer; previous: Buffer[]; issues: EnvIssue[] } {
  const issues: EnvIssue[] = [];
  let key: Buffer = DEV_ENCRYPTION_KEY;
  if (current !== undefined) {
    const parsed = parseEncryptionKey(current);
    if (parsed === null)
      issues.push({
        path: ["ENCRYPTION_KEY"],
        message: "ENCRYPTION_KEY must be 32 bytes: 64 hex digits or base64 (openssl rand -hex 32)",
      });
    else if (parsed.equals(DEV_ENCRYPTION_KEY) && !demo)
      issues.push({
        path: ["ENCRYPTION_KEY"],
        message:
          "ENCRYPTION_KEY is the public development key, which protects nothing: generate one with `openssl rand -hex 32`",
      });
    else key = parsed;
  } else if (!demo) {
    issues.push({
      path: ["ENCRYPTION_KEY"],
      message:
        "ENCRYPTION_KEY is required (32 bytes, e.g. `openssl rand -hex 32`): it encrypts stored tokens and secrets, and the built-in development key is only for demo mode (TOVHOLDER_DEMO=1)",
    });
  }
  const previous = parseKeyList(previousList ?? "");
  if (previous.invalid > 0)
    issues.push({
      path: ["ENCRYPTION_KEY_PREVIOUS"],
      message:
        "ENCRYPTION_KEY_PREVIOUS must list 32-byte keys (64 hex digits or base64), separated by commas",
    });
  return { current: key, previous: previous.keys, issues };
}

const schema = z
  .object({
    NODE_ENV: z.string().optional(),
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
    DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
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
    ENCRYPTION_KEY_PREVIOUS: optionalText,
    SNAPSHOT_RETENTION_DAYS: count(180, 1),
    // A weekly slot is found again by its JobRun id: runs must outlive the longest slot period.
    JOB_RUN_RETENTION_DAYS: count(90, 35),
    ALERT_RETENTION_DAYS: count(365, 1),
    // Raw pixel events; the daily roll-ups are kept. Longer than the funnel's re-rolled window.
    CHECKOUT_EVENT_RETENTION_DAYS: count(90, MIN_CHECKOUT_EVENT_RETENTION_DAYS),
  })
  .transform((raw, ctx) => {
    const demo = raw.TOVHOLDER_DEMO === "1";
    const nodeEnv = runtimeMode(raw.NODE_ENV);
    if (demo) {
      const refusal = demoModeRefusal({
        NODE_ENV: raw.NODE_ENV,
        SHOPIFY_API_KEY: raw.SHOPIFY_API_KEY,
        SHOPIFY_API_SECRET: raw.SHOPIFY_API_SECRET,
      });
      if (refusal !== null) {
        ctx.addIssue({ code: "custom", message: refusal });
        return z.NEVER;
      }
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
    const keys = encryptionKeys(raw.ENCRYPTION_KEY, raw.ENCRYPTION_KEY_PREVIOUS, demo);
    for (const issue of keys.issues) ctx.addIssue({ code: "custom", ...issue });
    return {
      nodeEnv,
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
      encryptionKey: keys.current,
      /** Keys accepted for reading only (key rotation); the current key comes first in decryptionKeys. */
      previousEncryptionKeys: keys.previous,
      retention: {
        snapshotDays: raw.SNAPSHOT_RETENTION_DAYS,
        jobRunDays: raw.JOB_RUN_RETENTION_DAYS,
        alertDays: raw.ALERT_RETENTION_DAYS,
        checkoutEventDays: raw.CHECKOUT_EVENT_RETENTION_DAYS,
      },
    };
  });

export type Env = z.output<typeof schema>;

export class EnvError extends Error {
  override name = "EnvError";
  /** One line per problem. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.problems = problems;
  }
  /** For a start-up refusal: every problem on one line. */
  get oneLine(): string {
    return this.problems.join("; ");
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success)
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`),
    );
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Variables read when they are used, outside the validated environment above: the CLI, the
 * worker, scripts and tests use them without the app's Shopify credentials, and tests change
 * them between cases. Each module that reads one parses it and keeps its own default and
 * message; this list is every such variable, and this file is the only reader of process.env
 * (the linter enforces it, docs/decisions/018-capability-layout.md).
 */
export type ProcessVariable =
  | "DATABASE_URL"
  | "NODE_ENV"
  | "TOVHOLDER_DEMO"
  | "SHOPIFY_API_KEY"
  | "SHOPIFY_API_SECRET"
  | "TOVHOLDER_BUILD"
  | "TOVHOLDER_LIGHTHOUSE_RUNS"
  | "TOVHOLDER_CHROMIUM"
  | "CHROME_PATH"
  | "TOVHOLDER_CHROMIUM_ARGS"
  | "TOVHOLDER_CHROMIUM_SANDBOX"
  | "TOVHOLDER_CHROMIUM_USER"
  | "TOVHOLDER_EGRESS_ALLOW"
  | "TOVHOLDER_EGRESS_HOST_MAP"
  | "TOVHOLDER_UNSTABLE_WEB_VITALS"
  // npm's own, for the CLI: where `npm run tovholder` was started, and by which script.
  | "INIT_CWD"
  | "npm_lifecycle_event"
  // Passed on to Chromium's otherwise empty environment.
  | "PATH"
  | "LANG"
  | "LC_ALL"
  | "TZ";

/** The variable as the process has it now (undefined when unset). */
export function variable(name: ProcessVariable): string | undefined {
  return process.env[name];
}

/** Several variables at once, e.g. for a check that reads a set of them. */
export function variables<N extends ProcessVariable>(
  names: readonly N[],
): Record<N, string | undefined> {
  return Object.fromEntries(names.map((n) => [n, process.env[n]])) as Record<N, string | undefined>;
}

/** DATABASE_URL, else the embedded SQLite file. */
export function databaseUrl(): string {
  return variable("DATABASE_URL") ?? DEFAULT_DATABASE_URL;
}
