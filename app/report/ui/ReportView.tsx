/**
 * A monthly report as a document: the same markup in admin, behind a share link and in the
 * CLI's HTML file. Plain HTML and a scoped style sheet (no Polaris, so it renders standalone
 * and prints well). Every store text goes through React, which escapes it. It draws the report's
 * view model (app/report/view), which the PDF draws too.
 */
import { readableOnWhite, type ReportBranding } from "~/report/domain/branding";
import type { ReportData, ReportLanguage } from "~/report/domain/types";
import { HtmlSection } from "~/report/ui/blocks";
import { buildReportView, type ReportHeader } from "~/report/view";

export const REPORT_CSS = `
.tv-report{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2124;line-height:1.45;max-width:960px;margin:0 auto;font-size:14px}
.tv-report h1{font-size:26px;margin:0 0 4px}
.tv-report .tv-logo{float:right;max-height:56px;max-width:180px;object-fit:contain;margin:0 0 8px 16px}
.tv-report h1,.tv-report h2{color:var(--tv-heading,inherit)}
.tv-report h2{font-size:18px;margin:28px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--tv-accent,#1b6b50)}
.tv-report h3{font-size:15px;margin:18px 0 8px}
.tv-report .tv-meta{color:#616161;margin:0}
.tv-report .tv-badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;background:#e3e3e3;vertical-align:middle;margin-left:8px}
.tv-report .tv-badge.issued{background:#cdfee1;color:#0c5132}
.tv-report .tv-badge.draft{background:#fff1c2;color:#5e4200}
.tv-report table{border-collapse:collapse;width:100%;margin:6px 0 10px}
.tv-report th,.tv-report td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e3e3;vertical-align:top}
.tv-report th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#616161;font-weight:600}
.tv-report td.num,.tv-report th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
/* Narrow columns of figures: their headings wrap, so the first column keeps room for its text. */
.tv-report th.num{white-space:normal;width:1%;min-width:3.5em;font-size:11px;letter-spacing:0}
.tv-report td:first-child{min-width:11em}
.tv-report .tv-na{color:#8a6100;font-style:italic;font-size:12px;white-space:normal;display:inline-block;min-width:9em;max-width:210px;text-align:right;line-height:1.3}
.tv-report .tv-scores{display:flex;gap:16px;flex-wrap:wrap;margin:8px 0 12px}
.tv-report .tv-score{border:1px solid #e3e3e3;border-radius:10px;padding:10px 16px;min-width:150px}
.tv-report .tv-score b{display:block;font-size:30px;line-height:1.1}
.tv-report .tv-score span{color:#616161;font-size:12px}
.tv-report .sev-critical{color:#8e0b21;font-weight:600}
.tv-report .sev-warning{color:#8a6100;font-weight:600}
.tv-report .sev-info{color:#616161}
.tv-report .pass{color:#0c5132;font-weight:600}
.tv-report .fail{color:#8e0b21;font-weight:600}
.tv-report .tv-note{background:#f7f7f7;border-left:3px solid #b5b5b5;padding:8px 12px;margin:8px 0}
.tv-report .tv-text{white-space:pre-wrap}
.tv-report ul.tv-changes li{margin-bottom:4px}
.tv-report a{color:#005bd3}
`;

export interface ReportViewProps {
  data: ReportData;
  language: ReportLanguage;
  status: "draft" | "issued";
  version: number;
  issuedAt: string | null;
  /** Brand colour (CSS colour) for headings and charts. */
  accent?: string;
  /** The manager's white-label settings: logo, colours, "prepared by". */
  branding?: ReportBranding;
}

function Header({ header, branding }: { header: ReportHeader; branding?: ReportBranding }) {
  return (
    <header>
      {branding?.logo ? (
        <img className="tv-logo" src={branding.logo} alt={branding.preparedBy || "Logo"} />
      ) : null}
      <p className="tv-meta">
        {header.preparedFor}
        {header.preparedBy ? ` · ${header.preparedBy}` : ""}
      </p>
      <h1>
        {header.title}
        <span className={`tv-badge ${header.status}`}>{header.badge}</span>
      </h1>
      <p className="tv-meta">
        {header.period}
        {header.issuedLabel ? ` · ${header.issuedLabel}` : ""}
      </p>
    </header>
  );
}

export function ReportView({ accent, ...props }: ReportViewProps) {
  const view = buildReportView(props);
  const { branding } = props;
  const colour = accent ?? branding?.accentColor;
  const style = {
    ...(colour && { "--tv-accent": colour }),
    ...(branding && { "--tv-heading": readableOnWhite(branding.primaryColor) }),
  } as React.CSSProperties;
  return (
    <article className="tv-report" lang={props.language} style={style}>
      {/* Our own constant CSS, no store text: React would escape its quotes as text. */}
      <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
      <Header header={view.header} {...(branding && { branding })} />
      {view.sections.map((section) => (
        <HtmlSection key={section.id} section={section} />
      ))}
      <p className="tv-meta">{view.header.builtAt}</p>
    </article>
  );
}
