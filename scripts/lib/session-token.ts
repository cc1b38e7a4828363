/**
 * Mints a Shopify session token (the JWT App Bridge hands an embedded app), signed with the
 * app's secret. Only the demo and tests use it: with the stand-in they stand where Shopify admin
 * would, so the app's real token-exchange path runs.
 */
import { SignJWT } from "jose";

export async function mintSessionToken(opts: {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId?: number;
}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${opts.shop}/admin`,
    dest: `https://${opts.shop}`,
    aud: opts.apiKey,
    sub: String(opts.userId ?? 1),
    exp: now + 60,
    nbf: now - 5,
    iat: now,
    jti: crypto.randomUUID(),
    sid: crypto.randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(opts.apiSecret));
}
