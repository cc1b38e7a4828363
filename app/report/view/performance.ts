/** Performance: page weight at the month's first and last run, and what changed. */
import type { ViewContext } from "./context";
import type { Block, ReportSection } from "./types";

function measured(c: ViewContext): Block[] {
  const { t } = c;
  const perf = c.data.performance;
  const blocks: Block[] = [
    {
      kind: "table",
      columns: [
        { label: t.pageType },
        { label: `${t.pageWeight} · ${t.firstRunOfMonth}`, num: true, width: 22 },
        { label: `${t.pageWeight} · ${t.lastRunOfMonth}`, num: true, width: 22 },
        { label: t.requests, num: true, width: 14 },
      ],
      rows: perf.pages.map((p) => [
        p.pageType,
        `${c.n(p.firstKb)} KB`,
        `${c.n(p.lastKb)} KB`,
        c.n(p.requests),
      ]),
    },
    { kind: "heading", text: t.perfChanges },
    perf.changes.length === 0
      ? { kind: "paragraph", text: t.noPerfChanges }
      : { kind: "list", items: perf.changes.map((x) => [`${c.date(x.at)}: ${x.message}`]) },
  ];
  if (!perf.lighthouseMeasured) blocks.push({ kind: "note", text: t.lighthouseNotMeasured });
  return blocks;
}

export function performanceSection(c: ViewContext): ReportSection {
  const { t } = c;
  return {
    id: "performance",
    title: t.performance,
    blocks: c.data.performance.measured
      ? [{ kind: "group", keepTogether: false, blocks: measured(c) }]
      : [{ kind: "note", text: t.performanceNotMeasured }],
  };
}
