/**
 * The report as a few lines of plain text (the CLI's `report` command): the scores, what changed,
 * one line per section and the key figures, a missing one with a note number and its reason once
 * below, as in the PDF.
 */
import { changeText, PROTECTED_CUSTOMER_DATA_URL } from "../domain/i18n";
import { accessReasonsIn, type ReportData, type ReportLanguage } from "../domain/types";
import { formatMonthName } from "~/format";
import { figureCell, viewContext, type ViewContext } from "./context";

function headLines(c: ViewContext, version: { status: string; version: number }): string[] {
  const { t, data } = c;
  const qa = data.productQa;
  const score = (n: number | null) => (n === null ? t.noScore : c.n(n, 1));
  return [
    `${t.title}: ${formatMonthName(c.f, data.month)} · ${data.shop.name ?? data.shop.domain}`,
    `${version.status === "issued" ? t.issued : t.draft} · ${t.version} ${version.version}`,
    "",
    `${t.healthScore}: ${score(data.summary.score)} (${t.previousMonth}: ${score(data.summary.previousScore)})`,
    ...data.summary.changes.map((x) => `  - ${changeText(c.f, x)}`),
    "",
    `${t.productQa}: ${
      qa.measured
        ? `${t.openProblems} ${qa.open}, ${t.new} ${qa.totals.new}, ${t.fixed} ${qa.totals.fixed}`
        : t.productQaNotMeasured
    }`,
    `${t.checkout}: ${data.checkout.measured ? `${data.checkout.runs.length} × ${t.checkoutRuns}` : t.checkoutNotMeasured}`,
    `${t.performance}: ${data.performance.measured ? "" : t.performanceNotMeasured}`,
    "",
    `${t.kpis} (${t.thisMonth} · ${t.previousMonth} · ${t.sameMonthLastYear}):`,
  ];
}

function kpiLines(c: ViewContext): string[] {
  const { t, data } = c;
  const lines: string[] = [];
  const notes: string[] = [];
  for (const row of data.kpis.rows) {
    const cells = [row.current, row.previous, row.lastYear].map((x) => {
      const cell = figureCell(c, row, x);
      if (typeof cell === "string") return cell;
      if (!("reason" in cell)) return cell.text;
      const reason = cell.reason;
      const i = notes.includes(reason) ? notes.indexOf(reason) : notes.push(reason) - 1;
      return `${t.notAvailable} (${i + 1})`;
    });
    lines.push(`  ${t.metrics[row.metric]}: ${cells.join(" · ")}`);
  }
  notes.forEach((note, i) => lines.push(`  (${i + 1}) ${t.notAvailable}: ${note}`));
  for (const reason of accessReasonsIn(data.kpis.rows))
    lines.push(
      `  ${t.accessActions[reason]}${reason === "protected_data_not_approved" ? ` ${PROTECTED_CUSTOMER_DATA_URL}` : ""}`,
    );
  return lines;
}

export function reportTextSummary(
  data: ReportData,
  language: ReportLanguage,
  version: { status: "draft" | "issued"; version: number },
): string {
  const c = viewContext({
    data,
    language,
    status: version.status,
    version: version.version,
    issuedAt: null,
  });
  return `${[...headLines(c, version), ...kpiLines(c)].join("\n")}\n`;
}
