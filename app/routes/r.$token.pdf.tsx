/**
 * `GET /r/<token>/pdf[?lang=en|da]`: the shared report as a PDF, with the branding of the shop
 * that created the link. Same rules as the page (r.$token.tsx): issued reports only, the link's
 * own shop, never indexed or cached, and an unknown, expired or revoked token is a plain 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toReportLanguage } from "~/domain/report/i18n";
import { pdfHeaders, reportPdf } from "~/services/report/delivery.server";
import { requireSharedReport, SHARE_HEADERS } from "~/lib/report-route.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const opened = await requireSharedReport(params.token);
  const { report, data } = opened;
  const lang = new URL(request.url).searchParams.get("lang");
  const pdf = await reportPdf(report.shop, report, data, toReportLanguage(lang ?? report.locale));
  return new Response(new Uint8Array(pdf.bytes), {
    headers: { ...pdfHeaders(pdf.fileName, pdf.bytes.length, true), ...SHARE_HEADERS },
  });
};
