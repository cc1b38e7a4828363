/** The report's formatting is app/format's; these names remain for the report's callers. */
export {
  formatter as reportFormat,
  intlLocale,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMonthName,
  formatNumber,
  formatPercent,
  type Formatter as ReportFormat,
} from "~/format";
