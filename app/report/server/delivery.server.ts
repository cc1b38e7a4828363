/**
 * A report leaves Tovholder: as a PDF download (admin, share link, CLI) and by email with the
 * PDF attached to the shop's report recipients. Both carry the shop's white-label branding
 * (ShopSettings.options.report). Only an issued report is emailed (a draft still changes); each
 * email sent is recorded (ReportEmail).
 */
import { brandingOf } from "~/report/domain/branding";
import { deliveryStrings, fill } from "~/report/domain/delivery-strings";
import { formatMonthName, formatNumber, formatter } from "~/format";
import { changeText, reportStrings, toReportLanguage } from "~/report/domain/i18n";
import type { ReportData, ReportLanguage } from "~/report/domain/types";
import { escapeHtml, headerText, mailConfigured, sendMail } from "~/lib/mail.server";
import { recordReportEmail, type ReportRecord } from "~/report/models/reports.server";
import { reportOptions } from "~/db/shop-settings.server";
import { reportPdfFileName } from "./pdf.server";
import { renderPdf } from "./pdf-render.server";
import { readReport, ReportStateError } from "./reports.server";

export interface ReportPdf {
  fileName: string;
  bytes: Buffer;
}

/**
 * The report (as opened: a draft's current data or the issued data) as a branded PDF, rendered
 * in a worker thread; an issued version's PDF is rendered once and then served from memory
 * (pdf-render.server.ts).
 */
export async function reportPdf(
  shop: string,
  report: ReportRecord,
  data: ReportData,
  language: ReportLanguage = toReportLanguage(report.locale),
): Promise<ReportPdf> {
  const branding = brandingOf(await reportOptions(shop));
  const bytes = await renderPdf(
    shop,
    {
      data,
      language,
      status: report.status,
      version: report.version,
      issuedAt: report.issuedAt?.toISOString() ?? null,
      branding,
    },
    report.status === "issued" ? { reportId: report.id } : null,
  );
  return { fileName: reportPdfFileName(data, report.version), bytes };
}

/** Headers of a PDF download; `inline` opens it in the browser's viewer. */
export function pdfHeaders(fileName: string, length: number, inline = false): HeadersInit {
  return {
    "Content-Type": "application/pdf",
    "Content-Length": String(length),
    // The file name is built from [a-z0-9-] only (reportPdfFileName): no quoting issues.
    "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${fileName}"`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
  };
}

/** Subject, plain text and HTML of a report email; every store text escaped in the HTML. */
export function reportEmailContent(
  data: ReportData,
  language: ReportLanguage,
  sender: string,
): { subject: string; text: string; html: string } {
  const t = reportStrings(language);
  const d = deliveryStrings(language);
  const f = formatter(language, data.shop, data.period.timeZone);
  const shop = data.shop.name ?? data.shop.domain;
  const month = formatMonthName(f, data.month);
  const score = (n: number | null) => (n === null ? t.noScore : formatNumber(f, n, 1));
  const intro = fill(d.emailIntro, { shop, month });
  const scoreLine = fill(d.emailScore, {
    score: score(data.summary.score),
    previous: score(data.summary.previousScore),
  });
  const changes = data.summary.changes.map((c) => changeText(f, c));
  const footer = fill(d.emailFooter, { sender });
  const text = [
    intro,
    "",
    scoreLine,
    "",
    d.emailChanges,
    ...changes.map((c) => `- ${c}`),
    "",
    footer,
  ].join("\n");
  const html = `<!doctype html><html lang="${language}"><body style="font-family:Helvetica,Arial,sans-serif;color:#1f2124;line-height:1.5">
<p>${escapeHtml(intro)}</p>
<p><strong>${escapeHtml(scoreLine)}</strong></p>
<p>${escapeHtml(d.emailChanges)}</p>
<ul>${changes.map((c) => `<li>${escapeHtml(c)}</li>`).join("")}</ul>
<p style="color:#616161;font-size:13px">${escapeHtml(footer)}</p>
</body></html>`;
  return {
    subject: headerText(fill(d.emailSubject, { title: t.title, month, shop })),
    text,
    html,
  };
}

export interface EmailOutcome {
  sent: string[];
  rejected: string[];
}

/**
 * Emails the shop's issued report (by id) with its PDF to the shop's report recipients (or
 * `to`). Throws ReportStateError when it cannot be sent: no such report, a draft, no recipients
 * or no SMTP. The email is recorded with the addresses the server accepted.
 */
export async function emailReport(
  shop: string,
  reportId: string,
  options: { to?: string[]; language?: ReportLanguage } = {},
): Promise<EmailOutcome> {
  const opened = await readReport(shop, reportId);
  if (opened === null) throw new ReportStateError("The report does not exist.");
  const { report, data } = opened;
  if (report.status !== "issued")
    throw new ReportStateError("Issue the report before emailing it: a draft still changes.");
  const settings = await reportOptions(shop);
  const to = options.to ?? settings.recipients;
  if (to.length === 0)
    throw new ReportStateError("No report recipients: add them under Settings → Report branding.");
  if (!mailConfigured())
    throw new ReportStateError("Email is not configured (SMTP_URL): the report cannot be sent.");
  const language = options.language ?? toReportLanguage(report.locale);
  const pdf = await reportPdf(shop, report, data, language);
  const content = reportEmailContent(data, language, settings.preparedBy || "Tovholder");
  const { messageId, rejected } = await sendMail({
    to,
    ...content,
    attachments: [{ filename: pdf.fileName, content: pdf.bytes, contentType: "application/pdf" }],
  });
  const sent = to.filter((e) => !rejected.includes(e));
  await recordReportEmail({ shop, reportId: report.id, recipients: sent, messageId });
  return { sent, rejected };
}
