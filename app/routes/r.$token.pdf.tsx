/**
 * `GET /r/<token>/pdf[?lang=en|da]`: the shared report as a PDF, with the branding of the shop
 * that created the link. Same rules as the page (r.$token.tsx): issued reports only, the link's
 * own shop, never indexed or cached, and an unknown, expired or revoked token is a plain 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toReportLanguage } from "~/domain/report/i18n";
import { pdfHeaders, reportPdf } from "~/services/report/delivery.server";
import { openSharedReport } from "~/services/report/share.server";
import { SHARE_HEADERS } from "./r.$token";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const opened = await openSharedReport(params.token ?? "");
  if (opened === null)
    throw new Response("This link does not open a report: it is unknown, expired or revoked.", {
      status: 404,
      headers: { ...SHARE_HEADERS, "Content-Type": "text/plain; charset=utf-8" },
    });
  const { report, data } = opened;
  const lang = new URL(request.url).searchParams.get("lang");
  const pdf = await reportPdf(report.shop, report, data, toReportLanguage(lang ?? report.locale));
  return new Response(new Uint8Array(pdf.bytes), {
    headers: { ...pdfHeaders(pdf.fileName, pdf.bytes.length, true), ...SHARE_HEADERS },
  });
};
