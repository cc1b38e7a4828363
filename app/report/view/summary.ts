/** Executive summary: this month's and last month's health score, and what changed. */
import { changeText } from "~/report/domain/i18n";
import type { ViewContext } from "./context";
import type { ReportSection } from "./types";

export function summarySection(c: ViewContext): ReportSection {
  const { t, data } = c;
  const score = (x: number | null) => (x === null ? t.noScore : c.n(x, 1));
  return {
    id: "summary",
    title: t.executiveSummary,
    blocks: [
      {
        kind: "scores",
        items: [
          {
            label: `${t.healthScore} · ${t.thisMonth}`,
            value: score(data.summary.score),
            none: data.summary.score === null,
            testId: "score-now",
            accent: true,
          },
          {
            label: `${t.healthScore} · ${t.previousMonth}`,
            value: score(data.summary.previousScore),
            none: data.summary.previousScore === null,
            testId: "score-previous",
            accent: false,
          },
        ],
      },
      { kind: "heading", text: t.changesThatMatter },
      { kind: "list", spaced: true, items: data.summary.changes.map((x) => [changeText(c.f, x)]) },
    ],
  };
}
