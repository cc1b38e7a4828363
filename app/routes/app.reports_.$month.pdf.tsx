/**
 * `GET /app/reports/YYYY-MM/pdf[?version=N&lang=en|da]`: the month's report as an A4 PDF with
 * the shop's branding — the same report the page shows (a draft rebuilt, an issued version as
 * stored). The shop comes from the session only: no id in the URL reaches another shop.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { toReportLanguage } from "~/domain/report/i18n";
import { isMonth } from "~/domain/report/month";
import { pdfHeaders, reportPdf } from "~/services/report/delivery.server";
import { openReport, ReportStateError } from "~/services/report/reports.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const month = params.month;
  if (month === undefined || !isMonth(month)) throw new Response("No such month", { status: 404 });
  const search = new URL(request.url).searchParams;
  const versionParam = search.get("version");
  const version = versionParam === null ? undefined : Number(versionParam);
  if (version !== undefined && !Number.isInteger(version))
    throw new Response("No such version", { status: 404 });
  let opened;
  try {
    opened = await openReport(shop, month, version === undefined ? {} : { version });
  } catch (error) {
    if (error instanceof ReportStateError) throw new Response(error.message, { status: 404 });
    throw error;
  }
  const language = toReportLanguage(search.get("lang") ?? opened.report.locale);
  const pdf = await reportPdf(shop, opened.report, opened.data, language);
  return new Response(new Uint8Array(pdf.bytes), {
    headers: pdfHeaders(pdf.fileName, pdf.bytes.length),
  });
};
