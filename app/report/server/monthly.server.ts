/**
 * The monthly report run (job `report.monthly`, one per shop and month): on the 1st, at the
 * shop's weekly audit hour in its time zone (the scheduler's monthly slot), drafts the report of
 * the month before — or catches up after downtime. A shop with the auto-issue setting gets it
 * issued at once and emailed with its PDF to the shop's report recipients. The manager is told
 * by email (the shop's alert recipients) when SMTP is configured. A month whose report exists is left alone, so the run is
 * idempotent: a retry or a second scheduler drafts nothing twice.
 */
import { buildReport } from "~/report/domain/build";
import { formatMonthName, formatter } from "~/format";
import { toReportLanguage } from "~/report/domain/i18n";
import { env } from "~/env.server";
import { mailConfigured, sendMail } from "~/lib/mail.server";
import { listReportVersions, saveDraft } from "~/report/models/reports.server";
import { alertTargets, reportOptions } from "~/db/shop-settings.server";
import { emailReport } from "./delivery.server";
import { gatherReportInput } from "./input.server";
import { issueMonthReport } from "./reports.server";

export interface MonthlyOutcome {
  shop: string;
  month: string;
  result: "drafted" | "issued" | "exists" | "nothing-measured";
  notified: number;
  /** Auto-issued reports: how many report recipients got it with its PDF (when any are set). */
  emailed?: number;
  error?: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

async function notify(shop: string, month: string, issued: boolean, name: string | null) {
  if (!mailConfigured()) return 0;
  const { emails } = await alertTargets(shop);
  if (emails.length === 0) return 0;
  const label = formatMonthName(
    formatter("en", { currencyCode: null, countryCode: null }, "UTC"),
    month,
  );
  const who = name ?? shop;
  const url = `${env().appUrl}/app/reports/${month}`;
  const text = issued
    ? `The ${label} report for ${who} was issued automatically. Share it with the merchant: ${url}`
    : `The ${label} report for ${who} is drafted. Add your commentary and issue it: ${url}`;
  const { rejected } = await sendMail({
    to: emails,
    subject: `${issued ? "Issued" : "Ready to review"}: ${label} report for ${who}`,
    text,
    html: `<p>${escapeHtml(text.replace(url, ""))}<a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`,
  });
  return emails.length - rejected.length;
}

/** Drafts (and with auto-issue, issues) the shop's report for `month` unless it has one. */
export async function runMonthlyReport(
  shop: string,
  month: string,
  now = new Date(),
): Promise<MonthlyOutcome> {
  if ((await listReportVersions(shop, month)).length > 0)
    return { shop, month, result: "exists", notified: 0 };
  const data = buildReport(
    await gatherReportInput(shop, month, { commentary: "", priorities: "" }, now),
  );
  // Nothing ran that month (installed since, or audits off): no empty report to review.
  if (!data.productQa.measured && !data.checkout.measured && !data.performance.measured)
    return { shop, month, result: "nothing-measured", notified: 0 };
  await saveDraft({ shop, month, locale: toReportLanguage(data.shop.primaryLocale), data });
  const options = await reportOptions(shop);
  const issued = options.autoIssue
    ? await issueMonthReport(shop, month, "Tovholder (auto-issue)", now)
    : null;
  const result = issued ? "issued" : "drafted";
  const errors: string[] = [];
  let emailed: number | undefined;
  // The merchant's copy: an auto-issued report goes to the report recipients with its PDF.
  if (issued && options.recipients.length > 0 && mailConfigured()) {
    try {
      emailed = (await emailReport(shop, issued.id)).sent.length;
    } catch (e) {
      emailed = 0;
      errors.push(`report not emailed: ${(e as Error).message}`);
    }
  }
  let notified = 0;
  try {
    notified = await notify(shop, month, issued !== null, data.shop.name);
  } catch (e) {
    // The report exists; a retry would skip it, so a failed notice is reported, not retried.
    errors.push(`notice not sent: ${(e as Error).message}`);
  }
  return {
    shop,
    month,
    result,
    notified,
    ...(emailed !== undefined && { emailed }),
    ...(errors.length > 0 && { error: errors.join("; ") }),
  };
}
