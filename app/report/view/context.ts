/** What every section builder gets: the report, its words and its formatter. */
import type { Severity } from "~/findings/types";
import { type ReportBranding } from "~/report/domain/branding";
import { deliveryStrings, type DeliveryStrings } from "~/report/domain/delivery-strings";
import { reportStrings, type ReportStrings } from "~/report/domain/i18n";
import type { Figure, KpiRow, ReportData, ReportLanguage } from "~/report/domain/types";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatter,
  type Formatter,
} from "~/format";
import type { Cell, Inline } from "./types";

export interface ReportViewInput {
  data: ReportData;
  language: ReportLanguage;
  status: "draft" | "issued";
  version: number;
  issuedAt: string | null;
  branding?: ReportBranding;
}

export interface ViewContext extends ReportViewInput {
  t: ReportStrings;
  d: DeliveryStrings;
  f: Formatter;
  /** A count or score in the report's language. */
  n: (x: number, digits?: number) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

export function viewContext(input: ReportViewInput): ViewContext {
  const f = formatter(input.language, input.data.shop, input.data.period.timeZone);
  return {
    ...input,
    t: reportStrings(input.language),
    d: deliveryStrings(input.language),
    f,
    n: (x, digits = 0) => formatNumber(f, x, digits),
    date: (iso) => formatDate(f, iso),
    dateTime: (iso) => formatDateTime(f, iso),
  };
}

export function severityCell(c: ViewContext, severity: Severity): Inline {
  return { text: c.t[severity], tone: severity };
}

/** "Passed" / "Failed – reason" in its tone. */
export function passFailCell(
  c: ViewContext,
  status: "pass" | "fail",
  reason: string | null,
): Inline {
  return {
    text: `${status === "pass" ? c.t.pass : c.t.fail}${reason ? ` – ${reason}` : ""}`,
    tone: status,
  };
}

/** A KPI figure in its unit, or why it is missing. */
export function figureCell(c: ViewContext, row: KpiRow, figure: Figure): Cell {
  if (figure.value === null)
    return {
      unavailable: c.t.notAvailable,
      reason: c.t.unavailable[figure.reason] ?? figure.reason,
    };
  if (row.unit === "money") return formatMoney(c.f, figure.value);
  if (row.unit === "ratio") return formatPercent(c.f, figure.value);
  return c.n(figure.value);
}
