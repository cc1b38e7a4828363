/** Product data: the month's problem counts, the score per audit, by rule, the top problems, what was accepted. */
import { formatDayMonth } from "~/format";
import { severityCell, type ViewContext } from "./context";
import type { Block, ReportSection } from "./types";

const counts = (w: number) => ({ num: true, width: w });

function totals(c: ViewContext): Block {
  const { t, data } = c;
  const qa = data.productQa;
  const labels = [t.openProblems, t.new, t.fixed, t.persisting, t.regressed, t.suppressed];
  const values = [qa.open, qa.totals.new, qa.totals.fixed, qa.totals.persisting];
  values.push(qa.totals.regressed, qa.totals.suppressed);
  return {
    kind: "table",
    columns: labels.map((label) => ({ label, ...counts(100 / 6) })),
    rows: [values.map((x) => c.n(x))],
  };
}

function byRule(c: ViewContext): Block {
  const { t } = c;
  return {
    kind: "table",
    columns: [
      { label: t.rule },
      { label: t.severity, width: 12 },
      ...[t.openProblems, t.new, t.fixed, t.persisting, t.regressed].map((label) => ({
        label,
        ...counts(9),
      })),
    ],
    rows: c.data.productQa.byRule.map((r) => [
      r.title,
      severityCell(c, r.severity),
      ...[r.open, r.new, r.fixed, r.persisting, r.regressed].map((x) => c.n(x)),
    ]),
  };
}

function topFindings(c: ViewContext): Block {
  const { t } = c;
  const findings = c.data.productQa.topFindings;
  if (findings.length === 0) return { kind: "paragraph", text: t.noOpenFindings };
  return {
    kind: "findings",
    testId: "top-findings",
    items: findings.map((x) => ({
      key: x.key,
      severity: severityCell(c, x.severity),
      subject: x.subject,
      message: x.message,
      rule: x.ruleTitle,
      fix: x.fixUrl ? { href: x.fixUrl, label: t.fixLink } : null,
    })),
  };
}

function suppressions(c: ViewContext): Block {
  const { t } = c;
  const qa = c.data.productQa;
  if (qa.suppressions.length === 0) return { kind: "paragraph", text: t.noSuppressions };
  const items = qa.suppressions.map(
    (x) =>
      `${x.subject ?? x.key} (${x.ruleTitle}): “${x.reason}”, ${t.acceptedBy} ${x.by}, ${c.date(x.at)}`,
  );
  const more = qa.suppressionsTaken - qa.suppressions.length;
  if (more > 0) items.push(t.andMore.replace("{count}", c.n(more)));
  return { kind: "list", items: items.map((x) => [x]) };
}

export function productQaSection(c: ViewContext): ReportSection {
  const { t } = c;
  const qa = c.data.productQa;
  if (!qa.measured)
    return {
      id: "product-qa",
      title: t.productQa,
      blocks: [{ kind: "note", text: t.productQaNotMeasured }],
    };
  return {
    id: "product-qa",
    title: t.productQa,
    // One group: the PDF keeps a heading with what follows it within the section's measured part.
    blocks: [
      {
        kind: "group",
        keepTogether: false,
        blocks: [
          totals(c),
          { kind: "heading", text: t.scoreTrend },
          {
            kind: "bars",
            label: t.scoreTrend,
            points: qa.scoreTrend.map((p) => ({
              key: p.at,
              value: p.score ?? 0,
              valueText: p.score === null ? "–" : c.n(p.score, 1),
              label: formatDayMonth(c.f, p.at),
            })),
          },
          { kind: "heading", text: t.byRule },
          byRule(c),
          { kind: "heading", text: t.topFindings },
          topFindings(c),
          { kind: "heading", text: t.suppressionsTaken },
          suppressions(c),
        ],
      },
    ],
  };
}
