/**
 * ONE display formatter: dates, date-times, money, numbers and percentages by language ("da",
 * "en") and the shop's time zone. Pages, the CLI, the CSV and the PDF format through here.
 */
export { formatter, intlLocale, type Formatter, type Language } from "./locale";
export { formatMoney, formatNumber, formatPercent } from "./number";
export {
  formatAdminDate,
  formatAdminTime,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatInZone,
  formatMonthName,
  runAxisLabel,
} from "./date";
export { count, counted } from "./count";
