/** Appendix: how the report is made, the month's runs, what is missing. */
import type { ViewContext } from "./context";
import type { Block, ReportSection } from "./types";

function auditRuns(c: ViewContext): Block {
  const { t } = c;
  const runs = c.data.appendix.auditRuns;
  if (runs.length === 0) return { kind: "paragraph", text: "–" };
  return {
    kind: "list",
    items: runs.map((r) => [
      `${c.dateTime(r.at)}${r.productsChecked === null ? "" : ` · ${c.n(r.productsChecked)} ${t.products}`}${r.score === null ? "" : ` · ${t.healthScore} ${c.n(r.score, 1)}`}`,
    ]),
  };
}

/** A heading and the run times, when there are any. */
function runTimes(c: ViewContext, title: string, times: string[]): Block[] {
  if (times.length === 0) return [];
  const blocks: Block[] = [
    { kind: "heading", text: title },
    { kind: "list", inlineInPdf: true, items: times.map((at) => [c.dateTime(at)]) },
  ];
  return [{ kind: "group", keepTogether: false, blocks }];
}

export function appendixSection(c: ViewContext): ReportSection {
  const { t, data } = c;
  const gaps = data.appendix.gaps;
  return {
    id: "appendix",
    title: t.appendix,
    blocks: [
      { kind: "list", items: t.method.map((m) => [m.replace("{timeZone}", data.period.timeZone)]) },
      { kind: "heading", text: t.auditRuns },
      auditRuns(c),
      ...runTimes(c, t.perfRuns, data.performance.runs),
      ...runTimes(c, t.checkoutRuns, data.appendix.checkoutRuns),
      ...(gaps.length === 0
        ? []
        : [
            {
              kind: "group" as const,
              keepTogether: false,
              blocks: [
                { kind: "heading" as const, text: t.gaps },
                { kind: "list" as const, items: gaps.map((g) => [`${g.section}: ${g.message}`]) },
              ],
            },
          ]),
    ],
  };
}
