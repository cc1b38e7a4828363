/**
 * Share links: a read-only view of one issued report for the merchant, without login.
 * The token (32 random bytes, base64url) is shown once; only its SHA-256 is stored. A link
 * opens the report only while it is neither expired nor revoked, and only the report of the
 * shop that created it.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  createShareLink,
  findShareLinkByHash,
  getReport,
  revokeShareLink,
  type ShareLinkRecord,
} from "~/report/models/reports.server";
import { TokenBuckets, type Take } from "~/checkout";
import { readReport, ReportStateError } from "./reports.server";

export const DEFAULT_SHARE_DAYS = 30;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The path a token opens (relative to the app's URL). */
export function sharePath(token: string): string {
  return `/r/${token}`;
}

export async function shareReport(
  shop: string,
  reportId: string,
  options: { days?: number; now?: Date } = {},
): Promise<{ token: string; link: ShareLinkRecord }> {
  const report = await getReport(shop, reportId);
  if (report === null) throw new ReportStateError("The report does not exist.");
  if (report.status !== "issued")
    throw new ReportStateError("Issue the report before sharing it: a draft still changes.");
  const days = options.days ?? DEFAULT_SHARE_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new ReportStateError("A share link lasts from 1 to 365 days.");
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const link = await createShareLink({
    shop,
    reportId,
    tokenHash: hashShareToken(token),
    expiresAt: new Date(now.getTime() + days * 86_400_000),
  });
  return { token, link };
}

export async function revokeReportShare(shop: string, linkId: string): Promise<boolean> {
  return revokeShareLink(shop, linkId);
}

/** The report a token opens now, or null (unknown, malformed, expired or revoked). */
export async function openSharedReport(token: string, now = new Date()) {
  if (!TOKEN.test(token)) return null;
  const link = await findShareLinkByHash(hashShareToken(token));
  if (link === null || link.revokedAt !== null || link.expiresAt <= now) return null;
  // The link's own shop: a link never reaches a report of another shop.
  const opened = await readReport(link.shop, link.reportId);
  if (opened === null || opened.report.status !== "issued") return null;
  return opened;
}

/** PDFs per share link: 6 at once, then one every 10 seconds. */
export const SHARE_PDF_RATE = { capacity: 6, refillPerSecond: 0.1 };
const pdfBuckets = new TokenBuckets(SHARE_PDF_RATE);

/** Whether the link may have another PDF now (checked after the token opened a report). */
export function sharePdfAllowed(token: string): Take {
  return pdfBuckets.take(hashShareToken(token));
}
