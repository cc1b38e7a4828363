/**
 * The audit part of a shop's ShopSettings: thresholds and rules switched off, stored as JSON
 * and read with `parseAuditSettings` (the schedule and alert parts: shop-settings.server.ts).
 */
import { prisma, type Db } from "~/db/db.server";
import {
  DEFAULT_AUDIT_SETTINGS,
  parseAuditSettings,
  type AuditSettings,
  type ParsedAuditSettings,
} from "~/product-qa/domain/settings";

/** The shop's audit settings as stored; a shop without a settings row has the defaults. */
export async function readAuditSettings(
  shop: string,
  db: Db = prisma,
): Promise<ParsedAuditSettings> {
  const row = await db.shopSettings.findUnique({
    where: { shop },
    select: { auditSettings: true },
  });
  return row === null
    ? { ok: true, settings: DEFAULT_AUDIT_SETTINGS }
    : parseAuditSettings(row.auditSettings);
}

/** Stores validated settings; the next run uses them. */
export async function saveAuditSettings(
  shop: string,
  settings: AuditSettings,
  db: Db = prisma,
): Promise<void> {
  const auditSettings = JSON.stringify(settings);
  await db.shopSettings.upsert({
    where: { shop },
    create: { shop, auditSettings },
    update: { auditSettings },
  });
}
