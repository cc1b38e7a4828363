/**
 * Per-shop settings (ShopSettings): the weekly audit slot in the shop's time zone and where
 * alerts go. The webhook URL is a secret (it lets anyone post to the channel) and is stored
 * encrypted; it is only decrypted to deliver an alert, never shown back.
 */
import { prisma, type Db } from "~/db/db.server";
import type { Tx } from "./webhook-deliveries.server";
import { decrypt, encrypt } from "~/lib/encryption.server";
import { DEFAULT_WEEKLY } from "~/time/slots";
import { readReportOptions, type ReportOptions } from "~/report";
import type { AnalyticsAccess } from "~/report";

export interface WeeklySettings {
  shop: string;
  weekday: number;
  hour: number;
  enabled: boolean;
  timeZone: string;
  /**
   * When the manager last changed the schedule: slots before it are not caught up (a slot moved
   * to yesterday must not run now as if it had been missed).
   */
  changedAt: Date | null;
}

export interface ShopSettingsView extends WeeklySettings {
  alertEmails: string[];
  webhookConfigured: boolean;
}

interface Row {
  shop: string;
  ianaTimezone: string;
  weeklyWeekday: number;
  weeklyHour: number;
  weeklyEnabled: boolean;
  alertEmails: string | null;
  alertWebhookUrl: string | null;
  /** JSON of per-feature options; this module owns its `schedule` entry. */
  options: string;
}

const DEFAULTS: Omit<Row, "shop"> = {
  ianaTimezone: "UTC",
  weeklyWeekday: DEFAULT_WEEKLY.weekday,
  weeklyHour: DEFAULT_WEEKLY.hour,
  weeklyEnabled: true,
  alertEmails: null,
  alertWebhookUrl: null,
  options: "{}",
};

export const webhookContext = (shop: string) => `ShopSettings.alertWebhookUrl:${shop}`;

export function splitEmails(text: string | null): string[] {
  return (text ?? "")
    .split(/[,;\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

type Options = Record<string, unknown> & { schedule?: { changedAt?: string } };

function parseOptions(text: string): Options {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? (value as Options) : {};
  } catch {
    return {};
  }
}

function weekly(row: Row): WeeklySettings {
  const changedAt = parseOptions(row.options).schedule?.changedAt;
  return {
    shop: row.shop,
    weekday: row.weeklyWeekday,
    hour: row.weeklyHour,
    enabled: row.weeklyEnabled,
    timeZone: row.ianaTimezone,
    changedAt: typeof changedAt === "string" ? new Date(changedAt) : null,
  };
}

async function row(shop: string, db: Db | Tx): Promise<Row> {
  const found = await db.shopSettings.findUnique({ where: { shop } });
  return found ?? { shop, ...DEFAULTS };
}

export async function getShopSettings(shop: string, db: Db = prisma): Promise<ShopSettingsView> {
  const r = await row(shop, db);
  return {
    ...weekly(r),
    alertEmails: splitEmails(r.alertEmails),
    webhookConfigured: r.alertWebhookUrl !== null,
  };
}

/** The weekly slots of these shops (defaults for shops without settings). */
export async function listWeeklySettings(
  shops: string[],
  db: Db = prisma,
): Promise<WeeklySettings[]> {
  const byShop = new Map<string, Awaited<ReturnType<typeof db.shopSettings.findMany>>[number]>();
  // In batches: SQLite allows 999 bound parameters per statement (Prisma P2029), and a
  // scheduler tick asks for every installed shop.
  for (let i = 0; i < shops.length; i += 500) {
    const batch = shops.slice(i, i + 500);
    for (const r of await db.shopSettings.findMany({ where: { shop: { in: batch } } }))
      byShop.set(r.shop, r);
  }
  return shops.map((shop) => weekly(byShop.get(shop) ?? { shop, ...DEFAULTS }));
}

export async function saveWeeklySchedule(
  shop: string,
  schedule: { weekday: number; hour: number; enabled: boolean },
  now = new Date(),
  db: Db = prisma,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await row(shop, tx);
    const options = parseOptions(current.options);
    const data = {
      weeklyWeekday: schedule.weekday,
      weeklyHour: schedule.hour,
      weeklyEnabled: schedule.enabled,
      options: JSON.stringify({ ...options, schedule: { changedAt: now.toISOString() } }),
    };
    await tx.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  });
}

/** `webhookUrl`: a new URL, null to remove it, undefined to keep the stored one. */
export async function saveAlertTargets(
  shop: string,
  targets: { emails: string[]; webhookUrl?: string | null },
  db: Db = prisma,
): Promise<void> {
  const data = {
    alertEmails: targets.emails.length > 0 ? targets.emails.join(", ") : null,
    ...(targets.webhookUrl === undefined
      ? {}
      : {
          alertWebhookUrl:
            targets.webhookUrl === null ? null : encrypt(targets.webhookUrl, webhookContext(shop)),
        }),
  };
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

/** Where the shop's alerts go, with the webhook URL decrypted (for delivery only). */
export async function alertTargets(
  shop: string,
  db: Db = prisma,
): Promise<{ emails: string[]; webhookUrl: string | null }> {
  const r = await row(shop, db);
  return {
    emails: splitEmails(r.alertEmails),
    webhookUrl:
      r.alertWebhookUrl === null ? null : decrypt(r.alertWebhookUrl, webhookContext(shop)),
  };
}

export async function saveShopTimeZone(
  shop: string,
  timeZone: string,
  db: Db = prisma,
): Promise<void> {
  await db.shopSettings.upsert({
    where: { shop },
    create: { shop, ianaTimezone: timeZone },
    update: { ianaTimezone: timeZone },
  });
}

/** The report's white-label options, recipients and auto-issue (options.report). */
export async function reportOptions(shop: string, db: Db = prisma): Promise<ReportOptions> {
  return readReportOptions(parseOptions((await row(shop, db)).options).report);
}

/** Replaces the shop's report options (validated by the caller: validateReportOptions). */
export async function saveReportOptions(
  shop: string,
  report: ReportOptions,
  db: Db = prisma,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await row(shop, tx);
    const options = JSON.stringify({ ...parseOptions(current.options), report });
    await tx.shopSettings.upsert({
      where: { shop },
      create: { shop, options },
      update: { options },
    });
  });
}

export async function saveReportAutoIssue(
  shop: string,
  autoIssue: boolean,
  db: Db = prisma,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await row(shop, tx);
    const all = parseOptions(current.options);
    // Keeps the branding and recipients stored next to it.
    const report = { ...readReportOptions(all.report), autoIssue };
    const options = JSON.stringify({ ...all, report });
    await tx.shopSettings.upsert({
      where: { shop },
      create: { shop, options },
      update: { options },
    });
  });
}

/** What the app last learned about its access to Shopify's analytics (options.analyticsAccess). */
export interface AnalyticsAccessRecord {
  status: AnalyticsAccess;
  checkedAt: Date;
}

const ACCESS_STATUSES: readonly AnalyticsAccess[] = [
  "available",
  "read_reports_not_granted",
  "protected_data_not_approved",
];

export async function readAnalyticsAccess(
  shop: string,
  db: Db = prisma,
): Promise<AnalyticsAccessRecord | null> {
  const entry = parseOptions((await row(shop, db)).options).analyticsAccess as
    { status?: unknown; checkedAt?: unknown } | undefined;
  const status = ACCESS_STATUSES.find((s) => s === entry?.status);
  const checkedAt = typeof entry?.checkedAt === "string" ? new Date(entry.checkedAt) : null;
  return status && checkedAt && !Number.isNaN(checkedAt.getTime()) ? { status, checkedAt } : null;
}

/** Keeps the other options. */
export async function saveAnalyticsAccess(
  shop: string,
  status: AnalyticsAccess,
  checkedAt = new Date(),
  db: Db = prisma,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await row(shop, tx);
    const options = JSON.stringify({
      ...parseOptions(current.options),
      analyticsAccess: { status, checkedAt: checkedAt.toISOString() },
    });
    await tx.shopSettings.upsert({
      where: { shop },
      create: { shop, options },
      update: { options },
    });
  });
}

/** Shops' encrypted alert webhook URLs in shop order after `afterShop` (for key rotation). */
export async function alertWebhooksAfter(
  afterShop: string | null,
  take: number,
  db: Db = prisma,
): Promise<{ shop: string; ciphertext: string }[]> {
  const rows = await db.shopSettings.findMany({
    where: {
      alertWebhookUrl: { not: null },
      ...(afterShop === null ? {} : { shop: { gt: afterShop } }),
    },
    orderBy: { shop: "asc" },
    take,
    select: { shop: true, alertWebhookUrl: true },
  });
  return rows.map((r) => ({ shop: r.shop, ciphertext: r.alertWebhookUrl ?? "" }));
}

/** Replaces a shop's alert webhook ciphertext only if it is still `expected`. */
export async function replaceAlertWebhookCiphertext(
  shop: string,
  expected: string,
  next: string,
  db: Db = prisma,
): Promise<boolean> {
  const { count } = await db.shopSettings.updateMany({
    where: { shop, alertWebhookUrl: expected },
    data: { alertWebhookUrl: next },
  });
  return count > 0;
}
