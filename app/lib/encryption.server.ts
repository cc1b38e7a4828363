/**
 * Secrets at rest (offline access and refresh tokens, a shop's alert webhook URL, …):
 * AES-256-GCM with the key from ENCRYPTION_KEY (app/env.server.ts; only demo mode runs without
 * one). Key rotation: keys in ENCRYPTION_KEY_PREVIOUS are accepted for reading; values read with
 * an earlier key are written again with the current one (app/lib/secrets-at-rest.server.ts).
 *
 * Format: `v1.<iv>.<ciphertext>.<tag>`, each part base64url; 12-byte random IV, 16-byte tag.
 * The version names the algorithm and layout, so a later format can be read alongside this one.
 * `context` (e.g. "ShopSettings.alertWebhookUrl:<shop>") is authenticated but not stored:
 * a ciphertext copied to another shop's row or field fails to decrypt instead of leaking there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "~/env.server";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  override readonly name = "DecryptionError";
}

function checkKey(key: Buffer): Buffer {
  if (key.length !== 32) throw new RangeError(`an AES-256 key is 32 bytes (got ${key.length})`);
  return key;
}

/** The keys a ciphertext may be under, current first. */
export function decryptionKeys(): Buffer[] {
  const config = env();
  return [config.encryptionKey, ...config.previousEncryptionKeys];
}

/** Whether a stored value is a ciphertext of this module (and not, say, a plaintext token). */
export function isSealed(value: string): boolean {
  return /^v1\.[\w-]+\.[\w-]*\.[\w-]+$/.test(value);
}

export function encrypt(plaintext: string, context: string, key = env().encryptionKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", checkKey(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/**
 * Throws DecryptionError for an unknown format, a wrong key or context, or tampered data. Without
 * an explicit key, the current key and then every previous one are tried.
 */
export function decrypt(sealed: string, context: string, key?: Buffer): string {
  return decryptWithKeys(sealed, context, key === undefined ? decryptionKeys() : [key]).plaintext;
}

/** Decrypts with the first of `keys` that opens the value; `rotated` when it was not the first. */
export function decryptWithKeys(
  sealed: string,
  context: string,
  keys: readonly Buffer[] = decryptionKeys(),
): { plaintext: string; rotated: boolean } {
  let failure: unknown;
  for (const [index, key] of keys.entries()) {
    try {
      return { plaintext: decryptOne(sealed, context, key), rotated: index > 0 };
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      failure = error;
      // A malformed value fails the same way under every key.
      if (!error.message.startsWith("cannot decrypt")) break;
    }
  }
  throw failure ?? new DecryptionError("no decryption key");
}

function decryptOne(sealed: string, context: string, key: Buffer): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION)
    throw new DecryptionError(`not a ${VERSION} ciphertext`);
  const [iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || ciphertext === undefined)
    throw new DecryptionError("malformed ciphertext");
  try {
    const decipher = createDecipheriv("aes-256-gcm", checkKey(key), iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("cannot decrypt: wrong key or context, or the data was altered");
  }
}
