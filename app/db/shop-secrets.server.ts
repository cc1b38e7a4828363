/**
 * Per-shop secrets beyond the session table (ShopSecret), encrypted at rest with
 * app/lib/encryption.server.ts. The encryption context names the secret and the shop, so a
 * ciphertext copied to another row does not decrypt there.
 *
 * A secret that no longer decrypts (the ENCRYPTION_KEY was changed) reads as absent: every
 * secret stored here can be obtained again (a new Storefront token, a new ingestion key).
 */
import { prisma, type Db } from "~/db/db.server";
import { DecryptionError, decrypt, encrypt } from "~/lib/encryption.server";

/** `storefront-password`: the Online Store password the performance crawl logs in with. */
export type ShopSecretName = "storefront-access-token" | "pixel-ingest" | "storefront-password";

const context = (shop: string, name: ShopSecretName) => shopSecretContext(shop, name);

export async function readShopSecret(
  shop: string,
  name: ShopSecretName,
  db: Db = prisma,
): Promise<string | null> {
  const row = await db.shopSecret.findUnique({ where: { shop_name: { shop, name } } });
  if (row === null) return null;
  try {
    return decrypt(row.ciphertext, context(shop, name));
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}

export async function writeShopSecret(
  shop: string,
  name: ShopSecretName,
  value: string,
  db: Db = prisma,
): Promise<void> {
  const ciphertext = encrypt(value, context(shop, name));
  await db.shopSecret.upsert({
    where: { shop_name: { shop, name } },
    create: { shop, name, ciphertext },
    update: { ciphertext },
  });
}

export async function deleteShopSecret(
  shop: string,
  name: ShopSecretName,
  db: Db = prisma,
): Promise<void> {
  await db.shopSecret.deleteMany({ where: { shop, name } });
}

/** ShopSecret rows in id order after `afterId`, with their ciphertext (for key rotation). */
export async function shopSecretsAfter(
  afterId: string | null,
  take: number,
  db: Db = prisma,
): Promise<{ id: string; shop: string; name: string; ciphertext: string }[]> {
  return db.shopSecret.findMany({
    where: afterId === null ? {} : { id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, shop: true, name: true, ciphertext: true },
  });
}

/** Replaces a secret's ciphertext only if it is still `expected`; true when changed. */
export async function replaceShopSecretCiphertext(
  id: string,
  expected: string,
  next: string,
  db: Db = prisma,
): Promise<boolean> {
  const { count } = await db.shopSecret.updateMany({
    where: { id, ciphertext: expected },
    data: { ciphertext: next },
  });
  return count > 0;
}

export const shopSecretContext = (shop: string, name: string) => `ShopSecret:${name}:${shop}`;
