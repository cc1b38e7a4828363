/**
 * The admin's report page (/app/reports/YYYY-MM) on the server: what it shows (the report, its
 * versions, share links, emails) and what its buttons do (save, issue, reissue, share, email,
 * revoke). Times are formatted here in the shop's time zone.
 */
import type { AdminRequestContext } from "~/auth.server";
import { reportOptions } from "~/db/shop-settings.server";
import { env } from "~/env.server";
import { formatAdminDate, formatInZone } from "~/format";
import { mailConfigured } from "~/lib/mail.server";
import { actorOf } from "~/product-qa/index.server";
import { brandingOf } from "../domain/branding";
import { toReportLanguage } from "../domain/i18n";
import { listReportEmails, listShareLinks } from "../models/reports.server";
import { emailReport } from "./delivery.server";
import { openRequestedReport } from "./report-route.server";
import {
  issueMonthReport,
  reissueMonthReport,
  ReportStateError,
  saveReportTexts,
} from "./reports.server";
import { revokeReportShare, sharePath, shareReport } from "./share.server";

type Opened = Awaited<ReturnType<typeof openRequestedReport>>;

async function shareLinks(shop: string, versions: Opened["versions"], timeZone: string) {
  const now = Date.now();
  const links = await listShareLinks(
    shop,
    versions.map((v) => v.id),
  );
  return links.map((l) => {
    const state = l.revokedAt ? "revoked" : l.expiresAt.getTime() <= now ? "expired" : "active";
    return {
      id: l.id,
      version: versions.find((v) => v.id === l.reportId)?.version ?? null,
      expiresAt: l.expiresAt.toISOString(),
      expires: formatAdminDate(l.expiresAt, timeZone),
      state,
    };
  });
}

export async function loadReportPage(shop: string, month: string, search: URLSearchParams) {
  const { report, data, versions } = await openRequestedReport(shop, month, search);
  const timeZone = data.period.timeZone;
  const options = await reportOptions(shop);
  const emails = (await listReportEmails(shop, [report.id])).map((e) => ({
    id: e.id,
    recipients: e.recipients,
    sentAt: e.sentAt.toISOString(),
    sent: formatInZone(e.sentAt, timeZone),
  }));
  return {
    month,
    language: toReportLanguage(search.get("lang") ?? report.locale),
    data,
    branding: brandingOf(options),
    email: { recipients: options.recipients, configured: mailConfigured(), sent: emails },
    report: {
      id: report.id,
      version: report.version,
      status: report.status,
      commentary: report.commentary,
      priorities: report.priorities,
      issuedAt: report.issuedAt?.toISOString() ?? null,
      issuedBy: report.issuedBy,
      locale: toReportLanguage(report.locale),
    },
    newest: versions[0]?.version ?? report.version,
    versions: versions.map((v) => ({ version: v.version, status: v.status })),
    links: await shareLinks(shop, versions, timeZone),
  };
}

export type ReportActionResult =
  { ok: true; message: string; shareUrl?: string } | { ok: false; message: string };

async function share(
  context: AdminRequestContext,
  request: Request,
  reportId: string,
  daysField: string,
): Promise<ReportActionResult> {
  const days = Number(daysField || "30");
  const { token } = await shareReport(context.shop, reportId, { days });
  const base = context.embedded ? env().appUrl : new URL(request.url).origin;
  return {
    ok: true,
    message: `Share link created; it expires in ${days} days. Copy it now: it is not shown again.`,
    shareUrl: `${base}${sharePath(token)}`,
  };
}

async function email(shop: string, reportId: string): Promise<ReportActionResult> {
  const { sent, rejected } = await emailReport(shop, reportId);
  return rejected.length === 0
    ? { ok: true, message: `Report emailed with its PDF to ${sent.join(", ")}.` }
    : {
        ok: true,
        message: `Report emailed to ${sent.join(", ")}; refused by the mail server: ${rejected.join(", ")}.`,
      };
}

async function runIntent(
  context: AdminRequestContext,
  request: Request,
  month: string,
  field: (name: string) => string,
): Promise<ReportActionResult> {
  const { shop } = context;
  switch (field("intent")) {
    case "save":
      await saveReportTexts(shop, field("reportId"), {
        commentary: field("commentary"),
        priorities: field("priorities"),
      });
      return { ok: true, message: "Commentary and priorities saved." };
    case "issue":
      await issueMonthReport(shop, month, actorOf(context, request));
      return { ok: true, message: "Report issued. It will not change any more." };
    case "reissue": {
      const draft = await reissueMonthReport(shop, month);
      return { ok: true, message: `Version ${draft.version} drafted from the latest runs.` };
    }
    case "share":
      return share(context, request, field("reportId"), field("days"));
    case "email":
      return email(shop, field("reportId"));
    case "revoke":
      return (await revokeReportShare(shop, field("linkId")))
        ? { ok: true, message: "Share link revoked: it no longer opens the report." }
        : { ok: false, message: "That link does not exist or was already revoked." };
    default:
      return { ok: false, message: "Unknown action." };
  }
}

/** One of the page's buttons; a report in the wrong state for it answers with why. */
export async function reportPageAction(
  context: AdminRequestContext,
  request: Request,
  month: string,
): Promise<ReportActionResult> {
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "");
  try {
    return await runIntent(context, request, month, field);
  } catch (error) {
    if (error instanceof ReportStateError) return { ok: false, message: error.message };
    throw error;
  }
}
