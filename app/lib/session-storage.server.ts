/**
 * Session storage that keeps offline (and online) access tokens and refresh tokens encrypted at
 * rest: a wrapper around the Prisma session storage of @shopify/shopify-app-session-storage-prisma.
 *
 * - storeSession writes a copy of the session whose `accessToken` and `refreshToken` are sealed
 *   with app/lib/encryption.server.ts (AES-256-GCM, ENCRYPTION_KEY). The encryption context is
 *   the field and the session id, so a token copied to another row does not open there.
 * - loadSession / findSessionsByShop open them again, with the current key or a previous one
 *   (ENCRYPTION_KEY_PREVIOUS). A row still in plaintext (written before this wrapper) is
 *   returned as it is; the start-up migration (app/lib/secrets-at-rest.server.ts) seals it.
 * - A token that no longer opens (the key was lost) makes the session unusable: it reads as
 *   absent, so the library exchanges a new token instead of sending garbage to Shopify.
 */
import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { DecryptionError, decrypt, encrypt, isSealed } from "./encryption.server";

export type TokenField = "accessToken" | "refreshToken";

export const tokenContext = (field: TokenField, sessionId: string) =>
  `Session.${field}:${sessionId}`;

/** A copy of the session with its tokens sealed (the caller's session is left as it was). */
export function sealSession(session: Session, key?: Buffer): Session {
  const copy = new Session(session.toObject());
  for (const field of ["accessToken", "refreshToken"] as const) {
    const value = session[field];
    if (value) copy[field] = encrypt(value, tokenContext(field, session.id), key);
  }
  return copy;
}

/** The session with its tokens opened, or null when a sealed token does not open. */
export function openSession(session: Session): Session | null {
  for (const field of ["accessToken", "refreshToken"] as const) {
    const value = session[field];
    if (!value || !isSealed(value)) continue;
    try {
      session[field] = decrypt(value, tokenContext(field, session.id));
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      console.warn(
        `[sessions] the ${field} of session ${session.id} does not decrypt with ENCRYPTION_KEY or ENCRYPTION_KEY_PREVIOUS; the session is treated as absent`,
      );
      return null;
    }
  }
  return session;
}

export class EncryptedSessionStorage implements SessionStorage {
  constructor(private readonly inner: SessionStorage) {}

  storeSession(session: Session): Promise<boolean> {
    return this.inner.storeSession(sealSession(session));
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const session = await this.inner.loadSession(id);
    return session === undefined ? undefined : (openSession(session) ?? undefined);
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const sessions = await this.inner.findSessionsByShop(shop);
    return sessions.map(openSession).filter((s): s is Session => s !== null);
  }
}
