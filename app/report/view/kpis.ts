/** Shop KPIs: this month against the previous month and a year before, what access is missing, top products. */
import { PROTECTED_CUSTOMER_DATA_URL } from "~/report/domain/i18n";
import { accessReasonsIn } from "~/report/domain/types";
import { formatMoney } from "~/format";
import { figureCell, type ViewContext } from "./context";
import type { Block, ReportSection } from "./types";

function topProducts(c: ViewContext): Block[] {
  const { t } = c;
  const products = c.data.kpis.topProducts;
  if (!products || products.length === 0) return [];
  return [
    {
      // At most ten rows: kept on one page with its heading.
      kind: "group",
      keepTogether: true,
      blocks: [
        { kind: "heading", text: t.topProducts },
        {
          kind: "table",
          columns: [
            { label: t.products },
            { label: t.quantity, num: true, width: 14 },
            { label: t.netSalesColumn, num: true, width: 24 },
          ],
          rows: products.map((p) => [p.title, c.n(p.quantity), formatMoney(c.f, p.netSales)]),
        },
      ],
    },
  ];
}

export function kpiSection(c: ViewContext): ReportSection {
  const { t } = c;
  const rows = c.data.kpis.rows;
  return {
    id: "kpis",
    title: t.kpis,
    blocks: [
      {
        kind: "table",
        testId: "kpis",
        columns: [
          { label: t.metric },
          ...[t.thisMonth, t.previousMonth, t.sameMonthLastYear].map((label) => ({
            label,
            num: true,
            width: 22,
          })),
        ],
        rows: rows.map((row) => [
          t.metrics[row.metric] ?? row.metric,
          figureCell(c, row, row.current),
          figureCell(c, row, row.previous),
          figureCell(c, row, row.lastYear),
        ]),
      },
      ...accessReasonsIn(rows).map((reason): Block => ({
        kind: "note",
        testId: "kpi-access",
        text: t.accessActions[reason],
        ...(reason === "protected_data_not_approved" && {
          link: { href: PROTECTED_CUSTOMER_DATA_URL, label: t.accessLink },
        }),
      })),
      ...topProducts(c),
    ],
  };
}
