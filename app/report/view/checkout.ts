/** Checkout: the month's checks and markets, readiness, the funnel by country, alerts. */
import { formatPercent } from "~/format";
import { passFailCell, severityCell, type ViewContext } from "./context";
import type { Block, ReportSection } from "./types";

function checks(c: ViewContext): Block[] {
  const { t } = c;
  const co = c.data.checkout;
  if (!co.measured) return [{ kind: "note", text: t.checkoutNotMeasured }];
  const blocks: Block[] = [
    { kind: "heading", text: t.checkoutRuns },
    {
      kind: "table",
      columns: [
        { label: t.date, width: 28 },
        { label: t.status },
        { label: t.markets, num: true, width: 14 },
      ],
      rows: co.runs.map((r) => [
        c.dateTime(r.at),
        passFailCell(c, r.status, r.reason),
        `${c.n(r.marketsPassed)} / ${c.n(r.marketsPassed + r.marketsFailed)}`,
      ]),
    },
  ];
  if (co.markets.length > 0)
    blocks.push({
      kind: "table",
      htmlHead: false,
      columns: [{ label: t.markets, width: 40 }, { label: t.status }],
      rows: co.markets.map((m) => [
        `${m.name} (${m.countryCode})`,
        passFailCell(c, m.status, m.reason),
      ]),
    });
  blocks.push({ kind: "heading", text: t.readiness });
  blocks.push(
    co.readiness.length === 0
      ? { kind: "paragraph", text: t.noReadiness }
      : {
          kind: "list",
          items: co.readiness.map((r) => [severityCell(c, r.severity), `: ${r.message}`]),
        },
  );
  return [{ kind: "group", keepTogether: false, blocks }];
}

function funnel(c: ViewContext): Block {
  const { t } = c;
  const rows = c.data.checkout.funnel;
  if (rows.length === 0) return { kind: "paragraph", text: t.funnelNone };
  return {
    kind: "table",
    columns: [
      { label: t.country },
      ...[t.started, t.completed, t.conversion].map((label) => ({ label, num: true, width: 18 })),
    ],
    rows: rows.map((x) => [
      x.countryCode,
      c.n(x.started),
      c.n(x.completed),
      x.conversion === null ? "–" : formatPercent(c.f, x.conversion),
    ]),
  };
}

export function checkoutSection(c: ViewContext): ReportSection {
  const { t } = c;
  const alerts = c.data.checkout.alerts;
  return {
    id: "checkout",
    title: t.checkout,
    blocks: [
      ...checks(c),
      { kind: "heading", text: t.funnel },
      funnel(c),
      { kind: "heading", text: t.alerts },
      alerts.length === 0
        ? { kind: "paragraph", text: t.noAlerts }
        : { kind: "list", items: alerts.map((a) => [`${c.dateTime(a.at)}: ${a.key}`]) },
    ],
  };
}
