/**
 * Offline access tokens and refresh tokens are encrypted at rest: the SQLite file never holds a
 * token, whether it came through token exchange, a refresh by the Shopify library, or a row
 * written in plaintext before encryption existed (migrated at start). Key rotation: a previous
 * key still reads, and the start-up migration moves everything to the current key.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { prisma } from "~/db/db.server";
import { env } from "~/env.server";
import { decrypt, encrypt } from "~/lib/encryption.server";
import { resealSecretsAtRest } from "~/lib/secrets-at-rest.server";
import { compactDeletedData } from "~/db/storage.server";
import { readShopSecret, writeShopSecret } from "~/db/shop-secrets.server";
import { sessionStorage, unauthenticated } from "~/shopify.server";
import { startStandin, type Standin } from "../../standin/server";
import { makeStore } from "../standin/fixtures";
import { uniqueShop } from "../helpers/webhooks";

let standin: Standin;

beforeAll(async () => {
  standin = await startStandin({ stores: [], apiKey: API_KEY, apiSecret: API_SECRET_KEY });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
});
afterAll(async () => {
  await standin.close();
});

/** Every byte SQLite keeps for the database: the file and its journal or WAL, if any. */
function databaseBytes(): Buffer {
  const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
  return Buffer.concat(
    [file, `${file}-wal`, `${file}-journal`].filter(existsSync).map((f) => readFileSync(f)),
  );
}

const TOKEN_PREFIXES = ["shpat_", "shprt_", "shpua_"];

describe("tokens in the session table", () => {
  it("the stand-in issues tokens in Shopify's formats (so the search below means something)", () => {
    const shop = uniqueShop("format");
    standin.addStore(makeStore({ shop, products: 1 }));
    const granted = standin.grantOfflineToken(shop, { expiring: true });
    expect(granted.accessToken).toMatch(/^shpat_[0-9a-f]{32}$/);
    expect(granted.refreshToken).toMatch(/^shprt_[0-9a-f]{32}$/);
  });

  it("are never in the database file: stored, refreshed by the library, read back", async () => {
    const shop = uniqueShop("sealed");
    standin.addStore(makeStore({ shop, products: 1 }));
    const granted = standin.grantOfflineToken(shop, { expiring: true });
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        accessToken: granted.accessToken,
        scope: granted.scope,
        expires: new Date(Date.now() - 60_000), // expired: the next use refreshes it
        refreshToken: granted.refreshToken,
        refreshTokenExpires: new Date(Date.now() + 30 * 86_400_000),
      }),
    );
    const { session } = await unauthenticated.admin(shop);
    expect(session.accessToken).not.toBe(granted.accessToken);

    const loaded = await sessionStorage.loadSession(`offline_${shop}`);
    expect(loaded?.accessToken).toBe(session.accessToken);
    expect(loaded?.refreshToken).toBe(session.refreshToken);
    expect((await sessionStorage.findSessionsByShop(shop))[0]?.accessToken).toBe(
      session.accessToken,
    );

    await compactDeletedData(); // the superseded rows' bytes too
    const bytes = databaseBytes();
    for (const token of [
      granted.accessToken,
      granted.refreshToken!,
      session.accessToken!,
      session.refreshToken!,
    ])
      expect(bytes.includes(token), token).toBe(false);
    for (const prefix of TOKEN_PREFIXES) expect(bytes.includes(prefix), prefix).toBe(false);
  });

  it("a row written in plaintext before encryption is sealed at start, and still works", async () => {
    const shop = uniqueShop("legacy");
    standin.addStore(makeStore({ shop, products: 1 }));
    const granted = standin.grantOfflineToken(shop, { expiring: true });
    // As PrismaSessionStorage wrote it before this app encrypted tokens.
    await prisma.session.create({
      data: {
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        accessToken: granted.accessToken,
        refreshToken: granted.refreshToken ?? null,
        expires: new Date(Date.now() + 3_000_000),
        refreshTokenExpires: new Date(Date.now() + 30 * 86_400_000),
        scope: granted.scope,
      },
    });
    // Readable before the migration (the app keeps working until it runs)…
    expect((await sessionStorage.loadSession(`offline_${shop}`))?.accessToken).toBe(
      granted.accessToken,
    );
    expect(databaseBytes().includes(granted.accessToken)).toBe(true);

    const report = await resealSecretsAtRest();
    expect(report.sessionTokens.sealed).toBeGreaterThanOrEqual(2);
    await compactDeletedData();

    const bytes = databaseBytes();
    expect(bytes.includes(granted.accessToken)).toBe(false);
    expect(bytes.includes(granted.refreshToken!)).toBe(false);
    for (const prefix of TOKEN_PREFIXES) expect(bytes.includes(prefix), prefix).toBe(false);
    const { session } = await unauthenticated.admin(shop);
    expect(session.accessToken).toBe(granted.accessToken);

    // Idempotent: nothing left to do.
    const again = await resealSecretsAtRest();
    expect(again.sessionTokens).toEqual({ sealed: 0, rotated: 0, unreadable: 0 });
  });
});

describe("key rotation", () => {
  it("reads with a previous key, moves everything to the current key at start, then needs the old key no more", async () => {
    const config = env();
    const saved = { current: config.encryptionKey, previous: config.previousEncryptionKeys };
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const shop = uniqueShop("rotate");
    try {
      // Written under the old key.
      Object.assign(config, { encryptionKey: oldKey, previousEncryptionKeys: [] });
      await sessionStorage.storeSession(
        new Session({
          id: `offline_${shop}`,
          shop,
          state: "",
          isOnline: false,
          accessToken: "shpat_00000000000000000000000000000001",
          refreshToken: "shprt_00000000000000000000000000000001",
        }),
      );
      await writeShopSecret(shop, "storefront-access-token", "storefront-secret-1");

      // Rotated: the new key is current, the old one only read.
      Object.assign(config, { encryptionKey: newKey, previousEncryptionKeys: [oldKey] });
      expect((await sessionStorage.loadSession(`offline_${shop}`))?.accessToken).toBe(
        "shpat_00000000000000000000000000000001",
      );
      expect(await readShopSecret(shop, "storefront-access-token")).toBe("storefront-secret-1");

      const report = await resealSecretsAtRest();
      expect(report.sessionTokens.rotated).toBe(2);
      expect(report.shopSecrets.rotated).toBeGreaterThanOrEqual(1);

      // The old key can go now.
      Object.assign(config, { encryptionKey: newKey, previousEncryptionKeys: [] });
      const loaded = await sessionStorage.loadSession(`offline_${shop}`);
      expect(loaded?.accessToken).toBe("shpat_00000000000000000000000000000001");
      expect(loaded?.refreshToken).toBe("shprt_00000000000000000000000000000001");
      expect(await readShopSecret(shop, "storefront-access-token")).toBe("storefront-secret-1");
      const row = await prisma.session.findUnique({ where: { id: `offline_${shop}` } });
      expect(() =>
        decrypt(row!.accessToken, `Session.accessToken:offline_${shop}`, oldKey),
      ).toThrow();

      // A token sealed for another session does not open in this one's row.
      const foreign = encrypt("shpat_stolen", "Session.accessToken:offline_other.myshopify.com");
      await prisma.session.update({
        where: { id: `offline_${shop}` },
        data: { accessToken: foreign },
      });
      expect(await sessionStorage.loadSession(`offline_${shop}`)).toBeUndefined();
    } finally {
      Object.assign(config, {
        encryptionKey: saved.current,
        previousEncryptionKeys: saved.previous,
      });
      await prisma.session.deleteMany({ where: { shop } });
    }
  });
});
