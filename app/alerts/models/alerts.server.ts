/**
 * Alerts sent to a shop's manager: one row per shop, key and channel, written once the message
 * was accepted (SMTP or webhook), so an alert is never sent twice on a channel.
 */
import { prisma, type Db } from "~/db/db.server";

export type AlertChannel = "email" | "webhook";

/** Of these keys, those already sent to the shop on the channel. */
export async function sentAlertKeys(
  shop: string,
  channel: AlertChannel,
  keys: string[],
  db: Db = prisma,
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.alert.findMany({
    where: { shop, channel, key: { in: keys } },
    select: { key: true },
  });
  return new Set(rows.map((r) => r.key));
}

/** Records that one message carried these keys (idempotent: a key already recorded stays). */
export async function recordAlertsSent(
  input: { shop: string; channel: AlertChannel; runId: string; keys: string[]; payload: string },
  db: Db = prisma,
): Promise<void> {
  const { shop, channel, runId, payload } = input;
  await db.$transaction(
    input.keys.map((key) =>
      db.alert.upsert({
        where: { shop_key_channel: { shop, key, channel } },
        create: { shop, key, channel, runId, payload },
        update: {},
      }),
    ),
  );
}

export async function listAlerts(shop: string, { limit }: { limit: number }, db: Db = prisma) {
  return db.alert.findMany({ where: { shop }, orderBy: { sentAt: "desc" }, take: limit });
}

/** Retention (maintenance): alerts sent more than `days` ago. */
export async function deleteAlertsOlderThan(
  days: number,
  now = new Date(),
  db: Db = prisma,
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  return (await db.alert.deleteMany({ where: { sentAt: { lt: cutoff } } })).count;
}
