/** `tovholder report`: a shop's monthly report, as text, JSON, an HTML file or a PDF. */
import { writeFile } from "node:fs/promises";
import type { openReport } from "~/report/index.server";
import { CliFailure, UsageError, defineCommand } from "../command";

const FORMATS = ["text", "json"] as const;

export default defineCommand({
  name: "report",
  summary: "Show a shop's monthly report (draft rebuilt from stored runs, or as issued)",
  help: `
Usage: tovholder report --shop DOMAIN --month YYYY-MM [--html FILE] [--pdf FILE]
                        [--format text|json] [--lang en|da] [--version N]

  --shop DOMAIN   an installed shop (its runs are read from DATABASE_URL)
  --month MONTH   the calendar month in the shop's time zone, e.g. 2026-10
  --html FILE     also write the report as one self-contained HTML file
  --pdf FILE      also write the report as an A4 PDF (with the shop's report branding)
  --format FORMAT text (default) or json; json prints only JSON on stdout (the stored report data)
  --lang LANG     en or da (default: the report's language)
  --version N     an earlier version of the month's report, as stored
  -h, --help      show this help

A month without a report gets its draft; a draft is rebuilt from what is stored now (the
manager's commentary is kept); an issued report is shown exactly as it was issued.

Examples:
  tovholder report --shop acme.myshopify.com --month 2026-10
  tovholder report --shop acme.myshopify.com --month 2026-10 --lang da --html october.html
  tovholder report --shop acme.myshopify.com --month 2026-10 --pdf october.pdf`,
  options: {
    shop: { type: "string" },
    month: { type: "string" },
    html: { type: "string" },
    pdf: { type: "string" },
    format: { type: "string", default: "text" },
    lang: { type: "string" },
    version: { type: "string" },
  },
  async run(values, ctx) {
    const args = checkArgs(values);
    const { openReport, ReportStateError } = await import("~/report/index.server");
    const { toReportLanguage, reportTextSummary } = await import("~/report");
    const shop = await installedShop(values.shop ?? "");
    let opened;
    try {
      opened = await openReport(
        shop,
        args.month,
        args.version === undefined ? {} : { version: args.version },
      );
    } catch (error) {
      if (error instanceof ReportStateError) throw new CliFailure(error.message);
      throw error;
    }
    const { report, data } = opened;
    const language = toReportLanguage(values.lang ?? report.locale);
    await writeFiles(values, ctx, { shop, report, data, language });
    if (args.format === "json") {
      const { id, month, version, status, issuedAt } = report;
      ctx.stdout(
        `${JSON.stringify({ id, shop, month, version, status, issuedAt, data }, null, 2)}\n`,
      );
      return;
    }
    ctx.stdout(reportTextSummary(data, language, report));
  },
});

type Values = { [K in "shop" | "month" | "html" | "pdf" | "format" | "lang" | "version"]?: string };

function checkArgs(values: Values) {
  const format = FORMATS.find((f) => f === values.format);
  if (format === undefined)
    throw new UsageError(`--format must be text or json (got "${values.format}")`);
  if (!values.shop) throw new UsageError("--shop is required");
  if (!values.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))
    throw new UsageError("--month is required, as YYYY-MM (e.g. 2026-10)");
  if (values.lang !== undefined && values.lang !== "en" && values.lang !== "da")
    throw new UsageError(`--lang must be en or da (got "${values.lang}")`);
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && (!Number.isInteger(version) || version < 1))
    throw new UsageError(`--version must be a positive whole number (got "${values.version}")`);
  return { format, month: values.month, version };
}

async function installedShop(domain: string): Promise<string> {
  const { getShop } = await import("~/db/shops.server");
  const shop = domain.trim().toLowerCase();
  if ((await getShop(shop)) === null)
    throw new CliFailure(`${shop} is not installed (no shop of that name in the database)`);
  return shop;
}

type Opened = Awaited<ReturnType<typeof openReport>>;

/** --pdf and --html: the report as files, with the shop's report branding. */
async function writeFiles(
  values: Values,
  ctx: { resolvePath: (path: string) => string; stderr: (text: string) => void },
  {
    shop,
    report,
    data,
    language,
  }: Pick<Opened, "report" | "data"> & { shop: string; language: "en" | "da" },
) {
  const { reportOptions } = await import("~/db/shop-settings.server");
  const { brandingOf } = await import("~/report");
  const { reportPdf, renderReportHtml } = await import("~/report/index.server");
  const branding = brandingOf(await reportOptions(shop));
  if (values.pdf) {
    const path = ctx.resolvePath(values.pdf);
    await writeFile(path, (await reportPdf(shop, report, data, language)).bytes);
    ctx.stderr(`wrote ${path}\n`);
  }
  if (values.html) {
    const path = ctx.resolvePath(values.html);
    const issuedAt = report.issuedAt?.toISOString() ?? null;
    const { status, version } = report;
    await writeFile(
      path,
      renderReportHtml({ data, language, status, version, issuedAt, branding }),
    );
    ctx.stderr(`wrote ${path}\n`);
  }
}
