/** The report's title block: shop, who prepared it, month, status, period, when it was built. */
import { formatMonthName } from "~/format";
import type { ViewContext } from "./context";
import type { ReportHeader } from "./types";

export function buildHeader(c: ViewContext): ReportHeader {
  const { data, t } = c;
  const shopName = data.shop.name ?? data.shop.domain;
  const lastDay = new Date(Date.parse(data.period.end) - 1).toISOString();
  const issuedDate = c.issuedAt ? c.date(c.issuedAt) : null;
  return {
    documentTitle: `${t.title} ${data.month} · ${shopName}`,
    title: `${t.title}: ${formatMonthName(c.f, data.month)}`,
    shopName,
    shopDomain: data.shop.domain,
    preparedFor: `${t.preparedFor} ${shopName}`,
    preparedBy: c.branding?.preparedBy ? `${c.d.preparedBy} ${c.branding.preparedBy}` : null,
    status: c.status,
    badge: `${c.status === "issued" ? t.issued : t.draft} · ${t.version} ${c.version}`,
    period: `${t.period}: ${c.date(data.period.start)} – ${c.date(lastDay)} (${data.period.timeZone})`,
    issuedDate,
    issuedLabel: issuedDate ? `${t.issued} ${issuedDate}` : null,
    builtAt: `${t.builtAt} ${c.dateTime(data.builtAt)}`,
  };
}
