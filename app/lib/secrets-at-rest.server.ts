/**
 * Start-up migration of secrets at rest (server.ts calls it through entry.server's
 * prepareStorage, before the first request):
 *
 * - session tokens still in plaintext (written before tokens were encrypted) are sealed;
 * - every sealed value that opens only with a previous key (ENCRYPTION_KEY_PREVIOUS) is written
 *   again under the current key: session tokens, ShopSecret rows, alert webhook URLs. Once a
 *   start has reported nothing left under an old key, that key can be removed.
 *
 * Pages of 200 rows; each row is replaced only if it did not change meanwhile (a token refresh in
 * another process wins). A value that opens with no key is left alone and counted as unreadable.
 * Idempotent: a second run changes nothing.
 */
import { DecryptionError, decryptWithKeys, encrypt, isSealed } from "./encryption.server";
import { tokenContext } from "./session-storage.server";
import { replaceSessionTokens, sessionTokensAfter, type SessionTokens } from "~/db/sessions.server";
import {
  replaceShopSecretCiphertext,
  shopSecretContext,
  shopSecretsAfter,
} from "~/db/shop-secrets.server";
import {
  alertWebhooksAfter,
  replaceAlertWebhookCiphertext,
  webhookContext,
} from "~/db/shop-settings.server";

const PAGE = 200;

export interface ResealCounts {
  /** Plaintext values now encrypted. */
  sealed: number;
  /** Values moved from a previous key to the current one. */
  rotated: number;
  /** Values no configured key opens (left as they are). */
  unreadable: number;
}

export interface ResealReport {
  sessionTokens: ResealCounts;
  shopSecrets: ResealCounts;
  alertWebhooks: ResealCounts;
}

const zero = (): ResealCounts => ({ sealed: 0, rotated: 0, unreadable: 0 });

/** The value as it should be stored now, or null when it stays as it is. */
function resealed(value: string, context: string, counts: ResealCounts): string | null {
  if (!isSealed(value)) {
    counts.sealed++;
    return encrypt(value, context);
  }
  try {
    const { plaintext, rotated } = decryptWithKeys(value, context);
    if (!rotated) return null;
    counts.rotated++;
    return encrypt(plaintext, context);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    counts.unreadable++;
    return null;
  }
}

async function resealSessions(counts: ResealCounts): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const rows: SessionTokens[] = await sessionTokensAfter(after, PAGE);
    if (rows.length === 0) return;
    for (const row of rows) {
      const access = row.accessToken
        ? resealed(row.accessToken, tokenContext("accessToken", row.id), counts)
        : null;
      const refresh = row.refreshToken
        ? resealed(row.refreshToken, tokenContext("refreshToken", row.id), counts)
        : null;
      if (access === null && refresh === null) continue;
      await replaceSessionTokens(row, {
        accessToken: access ?? row.accessToken,
        refreshToken: refresh ?? row.refreshToken,
      });
    }
    after = rows[rows.length - 1]?.id ?? null;
  }
}

async function resealShopSecrets(counts: ResealCounts): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const rows = await shopSecretsAfter(after, PAGE);
    if (rows.length === 0) return;
    for (const row of rows) {
      // ShopSecret was always encrypted: only a key change applies (never "seal").
      if (!isSealed(row.ciphertext)) continue;
      const next = resealed(row.ciphertext, shopSecretContext(row.shop, row.name), counts);
      if (next !== null) await replaceShopSecretCiphertext(row.id, row.ciphertext, next);
    }
    after = rows[rows.length - 1]?.id ?? null;
  }
}

async function resealAlertWebhooks(counts: ResealCounts): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const rows = await alertWebhooksAfter(after, PAGE);
    if (rows.length === 0) return;
    for (const row of rows) {
      if (!isSealed(row.ciphertext)) continue;
      const next = resealed(row.ciphertext, webhookContext(row.shop), counts);
      if (next !== null) await replaceAlertWebhookCiphertext(row.shop, row.ciphertext, next);
    }
    after = rows[rows.length - 1]?.shop ?? null;
  }
}

export async function resealSecretsAtRest(): Promise<ResealReport> {
  const report: ResealReport = {
    sessionTokens: zero(),
    shopSecrets: zero(),
    alertWebhooks: zero(),
  };
  await resealSessions(report.sessionTokens);
  await resealShopSecrets(report.shopSecrets);
  await resealAlertWebhooks(report.alertWebhooks);
  return report;
}

/** One log line when anything happened or needs attention. */
export function describeReseal(report: ResealReport): string | null {
  const parts: string[] = [];
  for (const [name, c] of Object.entries(report) as [string, ResealCounts][]) {
    if (c.sealed) parts.push(`${c.sealed} ${name} encrypted`);
    if (c.rotated) parts.push(`${c.rotated} ${name} moved to the current key`);
    if (c.unreadable) parts.push(`${c.unreadable} ${name} open with no configured key`);
  }
  return parts.length === 0 ? null : `[secrets] ${parts.join(", ")}`;
}
