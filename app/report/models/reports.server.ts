/**
 * Monthly reports (Report), their share links (ReportShareLink) and sent emails (ReportEmail).
 *
 * Every function takes the shop and filters by it: a report id of one shop never reads, changes
 * or shares another shop's report. A month has versions 1, 2, …; at most one of them is a draft
 * (the newest), the others are issued and never change again. `data` is Brotli-compressed JSON
 * of the built report (app/report/domain/types.ts); this module stores and returns it as a value.
 */
import { promisify } from "node:util";
import { brotliCompress, brotliDecompress, constants } from "node:zlib";
import { prisma, type Db } from "~/db/db.server";

export type ReportStatus = "draft" | "issued";

export interface ReportRecord {
  id: string;
  shop: string;
  month: string;
  version: number;
  status: ReportStatus;
  locale: string;
  commentary: string;
  priorities: string;
  createdAt: Date;
  updatedAt: Date;
  issuedAt: Date | null;
  issuedBy: string | null;
}

const COLUMNS = {
  id: true,
  shop: true,
  month: true,
  version: true,
  status: true,
  locale: true,
  commentary: true,
  priorities: true,
  createdAt: true,
  updatedAt: true,
  issuedAt: true,
  issuedBy: true,
} as const;

function toRecord<T extends { status: string }>(row: T): T & { status: ReportStatus } {
  return { ...row, status: row.status === "issued" ? "issued" : "draft" };
}

async function compress(value: unknown): Promise<Uint8Array<ArrayBuffer>> {
  const out = await promisify(brotliCompress)(JSON.stringify(value), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
  });
  return new Uint8Array(out);
}

async function decompress(bytes: Uint8Array): Promise<unknown> {
  const json = await promisify(brotliDecompress)(bytes);
  return JSON.parse(json.toString("utf8")) as unknown;
}

export class ReportStateError extends Error {
  override readonly name = "ReportStateError";
}

/** Every version of every month, newest month and version first, without data. */
export async function listReports(shop: string, db: Db = prisma): Promise<ReportRecord[]> {
  const rows = await db.report.findMany({
    where: { shop },
    orderBy: [{ month: "desc" }, { version: "desc" }],
    select: COLUMNS,
  });
  return rows.map(toRecord);
}

/** The month's versions, newest first. */
export async function listReportVersions(
  shop: string,
  month: string,
  db: Db = prisma,
): Promise<ReportRecord[]> {
  const rows = await db.report.findMany({
    where: { shop, month },
    orderBy: { version: "desc" },
    select: COLUMNS,
  });
  return rows.map(toRecord);
}

export async function getReport(
  shop: string,
  id: string,
  db: Db = prisma,
): Promise<ReportRecord | null> {
  const row = await db.report.findFirst({ where: { shop, id }, select: COLUMNS });
  return row === null ? null : toRecord(row);
}

/** The report's stored data (parsed JSON), or null when it has none or is not the shop's. */
export async function readReportData(shop: string, id: string, db: Db = prisma): Promise<unknown> {
  const row = await db.report.findFirst({ where: { shop, id }, select: { data: true } });
  return row?.data ? decompress(row.data) : null;
}

/**
 * Stores a freshly built draft for the month: replaces the data of the month's draft, or starts
 * a new version after the newest issued one (its commentary and priorities carried over).
 */
export async function saveDraft(
  input: { shop: string; month: string; locale: string; data: unknown },
  db: Db = prisma,
): Promise<ReportRecord> {
  const data = await compress(input.data);
  return db.$transaction(async (tx) => {
    const newest = await tx.report.findFirst({
      where: { shop: input.shop, month: input.month },
      orderBy: { version: "desc" },
      select: COLUMNS,
    });
    if (newest?.status === "draft") {
      const row = await tx.report.update({
        where: { id: newest.id },
        data: { data },
        select: COLUMNS,
      });
      return toRecord(row);
    }
    const row = await tx.report.create({
      data: {
        shop: input.shop,
        month: input.month,
        version: (newest?.version ?? 0) + 1,
        status: "draft",
        locale: newest?.locale ?? input.locale,
        commentary: newest?.commentary ?? "",
        priorities: newest?.priorities ?? "",
        data,
      },
      select: COLUMNS,
    });
    return toRecord(row);
  });
}

/** Edits a draft's texts (and language); an issued report cannot be edited. */
export async function updateDraftTexts(
  shop: string,
  id: string,
  texts: { commentary?: string; priorities?: string; locale?: string },
  db: Db = prisma,
): Promise<ReportRecord> {
  const { count } = await db.report.updateMany({
    where: { shop, id, status: "draft" },
    data: texts,
  });
  if (count === 0) throw new ReportStateError("Only a draft report can be edited.");
  const row = await getReport(shop, id, db);
  if (row === null) throw new ReportStateError("The report does not exist.");
  return row;
}

/**
 * Issues a draft with its final data: from then on the stored data is what every reader sees.
 * Throws when the report is not a draft of the shop.
 */
export async function issueReport(
  input: { shop: string; id: string; by: string; data: unknown; at?: Date },
  db: Db = prisma,
): Promise<ReportRecord> {
  const data = await compress(input.data);
  const { count } = await db.report.updateMany({
    where: { shop: input.shop, id: input.id, status: "draft" },
    data: { status: "issued", issuedAt: input.at ?? new Date(), issuedBy: input.by, data },
  });
  if (count === 0) throw new ReportStateError("Only a draft report can be issued.");
  const row = await getReport(input.shop, input.id, db);
  if (row === null) throw new ReportStateError("The report does not exist.");
  return row;
}

// --- Share links ------------------------------------------------------------------------------

export interface ShareLinkRecord {
  id: string;
  shop: string;
  reportId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

const LINK_COLUMNS = {
  id: true,
  shop: true,
  reportId: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
} as const;

export async function createShareLink(
  input: { shop: string; reportId: string; tokenHash: string; expiresAt: Date },
  db: Db = prisma,
): Promise<ShareLinkRecord> {
  return db.reportShareLink.create({ data: input, select: LINK_COLUMNS });
}

/** The link with that token hash, whatever its state (the caller judges expiry and revocation). */
export async function findShareLinkByHash(
  tokenHash: string,
  db: Db = prisma,
): Promise<ShareLinkRecord | null> {
  return db.reportShareLink.findUnique({ where: { tokenHash }, select: LINK_COLUMNS });
}

export async function listShareLinks(
  shop: string,
  reportIds: readonly string[],
  db: Db = prisma,
): Promise<ShareLinkRecord[]> {
  return db.reportShareLink.findMany({
    where: { shop, reportId: { in: [...reportIds] } },
    orderBy: { createdAt: "desc" },
    select: LINK_COLUMNS,
  });
}

/** Revokes one of the shop's links; false when the shop has no such link. */
export async function revokeShareLink(
  shop: string,
  id: string,
  at = new Date(),
  db: Db = prisma,
): Promise<boolean> {
  const { count } = await db.reportShareLink.updateMany({
    where: { shop, id, revokedAt: null },
    data: { revokedAt: at },
  });
  return count > 0;
}

// --- Sent emails ------------------------------------------------------------------------------

export interface ReportEmailRecord {
  id: string;
  shop: string;
  reportId: string;
  /** Comma-separated addresses the server accepted. */
  recipients: string;
  messageId: string | null;
  sentAt: Date;
}

export async function recordReportEmail(
  input: { shop: string; reportId: string; recipients: string[]; messageId: string | null },
  db: Db = prisma,
): Promise<ReportEmailRecord> {
  return db.reportEmail.create({
    data: {
      shop: input.shop,
      reportId: input.reportId,
      recipients: input.recipients.join(", "),
      messageId: input.messageId,
    },
  });
}

/** The shop's sent emails of these reports, newest first. */
export async function listReportEmails(
  shop: string,
  reportIds: readonly string[],
  db: Db = prisma,
): Promise<ReportEmailRecord[]> {
  return db.reportEmail.findMany({
    where: { shop, reportId: { in: [...reportIds] } },
    orderBy: { sentAt: "desc" },
  });
}
