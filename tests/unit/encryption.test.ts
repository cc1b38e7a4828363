import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { DecryptionError, decrypt, encrypt } from "~/lib/encryption.server";
import { DEV_ENCRYPTION_KEY, parseEncryptionKey, parseEnv } from "~/env.server";

const key = randomBytes(32);
const CONTEXT = "ShopSettings.alertWebhookUrl:acme.myshopify.com";
const SECRET = "https://hooks.slack.com/services/T000/B000/XXXXXXXX";

function flip(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0] = bytes[0]! ^ 1;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryption at rest (AES-256-GCM, v1 format)", () => {
  it("round-trips, in a versioned format that does not contain the secret", () => {
    const sealed = encrypt(SECRET, CONTEXT, key);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain("hooks.slack.com");
    expect(decrypt(sealed, CONTEXT, key)).toBe(SECRET);
  });

  it("uses a fresh IV each time", () => {
    expect(encrypt(SECRET, CONTEXT, key)).not.toBe(encrypt(SECRET, CONTEXT, key));
  });

  it.each([
    ["the IV", 1],
    ["the ciphertext", 2],
    ["the tag", 3],
  ])("refuses a ciphertext whose %s was altered", (_name, part) => {
    expect(() => decrypt(flip(encrypt(SECRET, CONTEXT, key), part), CONTEXT, key)).toThrow(
      DecryptionError,
    );
  });

  it("refuses another key, another context (a value copied to another shop), an unknown version, garbage", () => {
    const sealed = encrypt(SECRET, CONTEXT, key);
    expect(() => decrypt(sealed, CONTEXT, randomBytes(32))).toThrow(DecryptionError);
    expect(() => decrypt(sealed, "ShopSettings.alertWebhookUrl:other.myshopify.com", key)).toThrow(
      DecryptionError,
    );
    expect(() => decrypt(sealed.replace(/^v1/, "v2"), CONTEXT, key)).toThrow(/not a v1 ciphertext/);
    expect(() => decrypt("v1.abc.def", CONTEXT, key)).toThrow(DecryptionError);
    expect(() => decrypt(SECRET, CONTEXT, key)).toThrow(DecryptionError);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => encrypt(SECRET, CONTEXT, randomBytes(16))).toThrow(RangeError);
  });
});

describe("ENCRYPTION_KEY", () => {
  const base = {
    SHOPIFY_API_KEY: "k",
    SHOPIFY_API_SECRET: "s",
    SHOPIFY_APP_URL: "https://app.example.com",
  };

  it("accepts 32 bytes as hex or base64", () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString("hex"))).toEqual(raw);
    expect(parseEncryptionKey(raw.toString("base64"))).toEqual(raw);
    expect(parseEncryptionKey(raw.toString("base64url"))).toEqual(raw);
    expect(parseEncryptionKey(randomBytes(16).toString("hex"))).toBeNull();
    expect(parseEncryptionKey("not a key")).toBeNull();
  });

  it("is required outside demo mode, and checked when given", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(
      /ENCRYPTION_KEY is required/,
    );
    expect(() => parseEnv({ ...base, NODE_ENV: "test" })).toThrow(/ENCRYPTION_KEY is required/);
    expect(() => parseEnv({ ...base, ENCRYPTION_KEY: "short" })).toThrow(
      /ENCRYPTION_KEY must be 32 bytes/,
    );
    const raw = randomBytes(32);
    expect(
      parseEnv({ ...base, NODE_ENV: "production", ENCRYPTION_KEY: raw.toString("hex") })
        .encryptionKey,
    ).toEqual(raw);
  });

  it("defaults to the fixed development key in demo mode only", () => {
    expect(parseEnv({ NODE_ENV: "development", TOVHOLDER_DEMO: "1" }).encryptionKey).toEqual(
      DEV_ENCRYPTION_KEY,
    );
  });
});

describe("job settings from the environment", () => {
  const base = {
    SHOPIFY_API_KEY: "k",
    SHOPIFY_API_SECRET: "s",
    SHOPIFY_APP_URL: "https://a.example",
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  };

  it("defaults to the in-process provider with concurrency 2", () => {
    expect(parseEnv(base).jobs).toMatchObject({
      provider: "inprocess",
      concurrency: 2,
      redisUrl: null,
    });
  });

  it("needs REDIS_URL for BullMQ, and a whole number ≥ 1 for JOBS_CONCURRENCY", () => {
    expect(() => parseEnv({ ...base, JOBS_PROVIDER: "bullmq" })).toThrow(/REDIS_URL is required/);
    expect(() => parseEnv({ ...base, JOBS_CONCURRENCY: "0" })).toThrow(/JOBS_CONCURRENCY/);
    expect(() => parseEnv({ ...base, JOBS_PROVIDER: "sidekiq" })).toThrow(/JOBS_PROVIDER/);
    expect(
      parseEnv({
        ...base,
        JOBS_PROVIDER: "bullmq",
        REDIS_URL: "redis://r:6379",
        JOBS_CONCURRENCY: "4",
      }).jobs,
    ).toMatchObject({ provider: "bullmq", redisUrl: "redis://r:6379", concurrency: 4 });
  });

  it("keeps job runs long enough for the monthly slot's id to be found again", () => {
    expect(() => parseEnv({ ...base, JOB_RUN_RETENTION_DAYS: "7" })).toThrow(
      /JOB_RUN_RETENTION_DAYS/,
    );
    expect(parseEnv(base).retention).toEqual({
      snapshotDays: 180,
      jobRunDays: 90,
      alertDays: 365,
      checkoutEventDays: 90,
    });
  });
});
