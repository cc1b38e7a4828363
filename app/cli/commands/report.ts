/** `tovholder report`: a shop's monthly report, as text, JSON, an HTML file or a PDF. */
import { writeFile } from "node:fs/promises";
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

    const { getShop } = await import("~/db/shops.server");
    const { openReport, ReportStateError } = await import("~/report/index.server");
    const { toReportLanguage, changeText, reportStrings } = await import("~/report");
    const { reportFormat, formatMonthName, formatNumber, formatMoney, formatPercent } =
      await import("~/report");
    const { accessReasonsIn } = await import("~/report");
    const { PROTECTED_CUSTOMER_DATA_URL } = await import("~/report");
    const shop = values.shop.trim().toLowerCase();
    if ((await getShop(shop)) === null)
      throw new CliFailure(`${shop} is not installed (no shop of that name in the database)`);
    let opened;
    try {
      opened = await openReport(shop, values.month, version === undefined ? {} : { version });
    } catch (error) {
      if (error instanceof ReportStateError) throw new CliFailure(error.message);
      throw error;
    }
    const { report, data } = opened;
    const language = toReportLanguage(values.lang ?? report.locale);

    const { reportOptions } = await import("~/db/shop-settings.server");
    const { brandingOf } = await import("~/report");
    const branding = brandingOf(await reportOptions(shop));

    if (values.pdf) {
      const { reportPdf } = await import("~/report/index.server");
      const path = ctx.resolvePath(values.pdf);
      await writeFile(path, (await reportPdf(shop, report, data, language)).bytes);
      ctx.stderr(`wrote ${path}\n`);
    }

    if (values.html) {
      const { renderReportHtml } = await import("~/report/index.server");
      const path = ctx.resolvePath(values.html);
      await writeFile(
        path,
        renderReportHtml({
          data,
          language,
          status: report.status,
          version: report.version,
          issuedAt: report.issuedAt?.toISOString() ?? null,
          branding,
        }),
      );
      ctx.stderr(`wrote ${path}\n`);
    }

    if (format === "json") {
      ctx.stdout(
        `${JSON.stringify(
          {
            id: report.id,
            shop,
            month: report.month,
            version: report.version,
            status: report.status,
            issuedAt: report.issuedAt,
            data,
          },
          null,
          2,
        )}\n`,
      );
      return;
    }
    const t = reportStrings(language);
    const f = reportFormat(language, data.shop, data.period.timeZone);
    const score = (n: number | null) => (n === null ? t.noScore : formatNumber(f, n, 1));
    const lines = [
      `${t.title}: ${formatMonthName(f, data.month)} · ${data.shop.name ?? shop}`,
      `${report.status === "issued" ? t.issued : t.draft} · ${t.version} ${report.version}`,
      "",
      `${t.healthScore}: ${score(data.summary.score)} (${t.previousMonth}: ${score(data.summary.previousScore)})`,
      ...data.summary.changes.map((c) => `  - ${changeText(f, c)}`),
      "",
      `${t.productQa}: ${
        data.productQa.measured
          ? `${t.openProblems} ${data.productQa.open}, ${t.new} ${data.productQa.totals.new}, ${t.fixed} ${data.productQa.totals.fixed}`
          : t.productQaNotMeasured
      }`,
      `${t.checkout}: ${data.checkout.measured ? `${data.checkout.runs.length} × ${t.checkoutRuns}` : t.checkoutNotMeasured}`,
      `${t.performance}: ${data.performance.measured ? "" : t.performanceNotMeasured}`,
      "",
      `${t.kpis} (${t.thisMonth} · ${t.previousMonth} · ${t.sameMonthLastYear}):`,
    ];
    // Key figures, a missing one with a note number and its reason once below, as in the PDF.
    const notes: string[] = [];
    for (const row of data.kpis.rows) {
      const cells = [row.current, row.previous, row.lastYear].map((x) => {
        if (x.value === null) {
          const reason = t.unavailable[x.reason];
          const i = notes.includes(reason) ? notes.indexOf(reason) : notes.push(reason) - 1;
          return `${t.notAvailable} (${i + 1})`;
        }
        return row.unit === "money"
          ? formatMoney(f, x.value)
          : row.unit === "ratio"
            ? formatPercent(f, x.value)
            : formatNumber(f, x.value);
      });
      lines.push(`  ${t.metrics[row.metric]}: ${cells.join(" · ")}`);
    }
    notes.forEach((note, i) => lines.push(`  (${i + 1}) ${t.notAvailable}: ${note}`));
    for (const reason of accessReasonsIn(data.kpis.rows))
      lines.push(
        `  ${t.accessActions[reason]}${reason === "protected_data_not_approved" ? ` ${PROTECTED_CUSTOMER_DATA_URL}` : ""}`,
      );
    ctx.stdout(`${lines.join("\n")}\n`);
  },
});
