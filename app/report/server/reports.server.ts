/**
 * The report lifecycle: a month's draft is rebuilt on demand from what is stored; issuing
 * freezes it (the stored data is what every reader sees from then on, whatever runs come or
 * products go); reissuing starts a new draft version and keeps the issued one.
 */
import { parseReportData } from "~/report/domain/build";
import { toReportLanguage } from "~/report/domain/i18n";
import { isMonth, monthOf } from "~/time";
import type { ReportData } from "~/report/domain/types";
import {
  getReport,
  issueReport,
  listReports,
  listReportVersions,
  readReportData,
  ReportStateError,
  saveDraft,
  updateDraftTexts,
  type ReportRecord,
} from "~/report/models/reports.server";
import { listAuditRuns } from "~/product-qa/index.server";
import { buildShopReport, shopTimeZone } from "./input.server";

export { ReportStateError };

export interface OpenedReport {
  report: ReportRecord;
  data: ReportData;
  /** Every version of the month, newest first. */
  versions: ReportRecord[];
}

function assertMonth(month: string): void {
  if (!isMonth(month)) throw new ReportStateError(`Not a month (YYYY-MM): ${month}`);
}

async function dataOf(report: ReportRecord): Promise<ReportData> {
  const data = parseReportData(await readReportData(report.shop, report.id));
  if (data === null) throw new ReportStateError("The stored report cannot be read.");
  // A draft shows its current texts; an issued report the texts it was issued with.
  return report.status === "draft"
    ? { ...data, commentary: report.commentary, priorities: report.priorities }
    : data;
}

/** Builds the month's draft from what is stored now and saves it (a new version after an issued one). */
export async function draftReport(
  shop: string,
  month: string,
  options: { now?: Date; locale?: string } = {},
): Promise<ReportRecord> {
  assertMonth(month);
  const versions = await listReportVersions(shop, month);
  const newest = versions[0];
  const texts = { commentary: newest?.commentary ?? "", priorities: newest?.priorities ?? "" };
  const data = await buildShopReport(shop, month, texts, options.now);
  return saveDraft({
    shop,
    month,
    locale: toReportLanguage(options.locale ?? data.shop.primaryLocale),
    data,
  });
}

/**
 * The month's report to show: a given version as stored, else the newest; a draft is rebuilt
 * first (`rebuild`, default true), an issued report never is. A month without a report gets
 * its first draft.
 */
export async function openReport(
  shop: string,
  month: string,
  options: { version?: number; rebuild?: boolean; now?: Date } = {},
): Promise<OpenedReport> {
  assertMonth(month);
  let versions = await listReportVersions(shop, month);
  let report =
    options.version === undefined
      ? versions[0]
      : versions.find((v) => v.version === options.version);
  if (options.version !== undefined && report === undefined)
    throw new ReportStateError(`There is no version ${options.version} of this report.`);
  if (report === undefined || (report.status === "draft" && options.rebuild !== false)) {
    report = await draftReport(shop, month, { ...(options.now && { now: options.now }) });
    versions = await listReportVersions(shop, month);
  }
  return { report, data: await dataOf(report), versions };
}

/** A report by id, as stored (the share route and the CLI read it this way). */
export async function readReport(
  shop: string,
  id: string,
): Promise<{ report: ReportRecord; data: ReportData } | null> {
  const report = await getReport(shop, id);
  return report === null ? null : { report, data: await dataOf(report) };
}

export async function saveReportTexts(
  shop: string,
  id: string,
  texts: { commentary: string; priorities: string },
): Promise<ReportRecord> {
  const limit = 20_000;
  if (texts.commentary.length > limit || texts.priorities.length > limit)
    throw new ReportStateError("Keep commentary and priorities under 20,000 characters each.");
  return updateDraftTexts(shop, id, texts);
}

/**
 * Issues the month's draft: rebuilt one last time from what is stored now, with its texts, and
 * frozen. Throws when the month's newest version is not a draft.
 */
export async function issueMonthReport(
  shop: string,
  month: string,
  by: string,
  now = new Date(),
): Promise<ReportRecord> {
  assertMonth(month);
  const newest = (await listReportVersions(shop, month))[0];
  if (newest?.status !== "draft") throw new ReportStateError("There is no draft to issue.");
  const data = await buildShopReport(
    shop,
    month,
    { commentary: newest.commentary, priorities: newest.priorities },
    now,
  );
  return issueReport({ shop, id: newest.id, by, data, at: now });
}

/** Starts the next version of an issued month as a draft; the issued versions stay as they are. */
export async function reissueMonthReport(
  shop: string,
  month: string,
  now = new Date(),
): Promise<ReportRecord> {
  assertMonth(month);
  const newest = (await listReportVersions(shop, month))[0];
  if (newest?.status !== "issued")
    throw new ReportStateError("Only an issued report can be reissued.");
  return draftReport(shop, month, { now });
}

export interface ReportMonth {
  month: string;
  /** The newest version, or null when the month has no report yet. */
  newest: ReportRecord | null;
  /** The newest issued version, or null. */
  issued: ReportRecord | null;
  versions: number;
}

/**
 * The months a report can be written for: every month with a finished audit or a report, and
 * the current month (shop time zone), newest first.
 */
export async function listReportMonths(shop: string, now = new Date()): Promise<ReportMonth[]> {
  const timeZone = await shopTimeZone(shop);
  const months = new Set<string>([monthOf(now, timeZone)]);
  for (const r of await listAuditRuns(shop, { take: 1000, kind: "full" }))
    if (r.status === "succeeded") months.add(monthOf(r.startedAt, timeZone));
  const reports = await listReports(shop);
  for (const r of reports) months.add(r.month);
  return [...months]
    .sort()
    .reverse()
    .map((month) => {
      const versions = reports.filter((r) => r.month === month);
      return {
        month,
        newest: versions[0] ?? null,
        issued: versions.find((v) => v.status === "issued") ?? null,
        versions: versions.length,
      };
    });
}
