/**
 * The monthly report run (job `report.monthly`, one per shop and month): on the 1st, at the
 * shop's weekly audit hour in its time zone (the scheduler's monthly slot), drafts the report of
 * the month before — or catches up after downtime. A shop with the auto-issue setting gets it
 * issued at once. The manager is told by email (the shop's alert
 * recipients) when SMTP is configured. A month whose report exists is left alone, so the run is
 * idempotent: a retry or a second scheduler drafts nothing twice.
 */
import { buildReport } from "~/domain/report/build";
import { formatMonthName, reportFormat } from "~/domain/report/format";
import { toReportLanguage } from "~/domain/report/i18n";
import { addMonths, monthOf } from "~/domain/report/month";
import { env } from "~/env.server";
import { mailConfigured, sendMail } from "~/lib/mail.server";
import { listReportVersions, saveDraft } from "~/models/reports.server";
import { alertTargets, reportAutoIssue } from "~/models/shop-settings.server";
import { gatherReportInput, shopTimeZone } from "./input.server";
import { issueMonthReport } from "./reports.server";

export interface MonthlyOutcome {
  shop: string;
  month: string;
  result: "drafted" | "issued" | "exists" | "nothing-measured";
  notified: number;
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
    reportFormat("en", { currencyCode: null, countryCode: null }, "UTC"),
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
  const issued = await reportAutoIssue(shop);
  if (issued) await issueMonthReport(shop, month, "Tovholder (auto-issue)", now);
  try {
    const notified = await notify(shop, month, issued, data.shop.name);
    return { shop, month, result: issued ? "issued" : "drafted", notified };
  } catch (e) {
    // The report exists; a retry would skip it, so a failed notice is reported, not retried.
    return {
      shop,
      month,
      result: issued ? "issued" : "drafted",
      notified: 0,
      error: `notice not sent: ${(e as Error).message}`,
    };
  }
}

/** The month a monthly slot reports on: the one before the slot's month, in the shop's zone. */
export async function monthBeforeSlot(shop: string, slotAt: Date): Promise<string> {
  return addMonths(monthOf(slotAt, await shopTimeZone(shop)), -1);
}
