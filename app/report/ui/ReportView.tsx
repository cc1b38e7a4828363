/**
 * A monthly report as a document: the same markup in admin, behind a share link and in the
 * CLI's HTML file. Plain HTML and a scoped style sheet (no Polaris, so it renders standalone
 * and prints well). Every store text goes through React, which escapes it.
 */
import type { ReactNode } from "react";
import { changeText, PROTECTED_CUSTOMER_DATA_URL, reportStrings } from "~/report/domain/i18n";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatMonthName,
  formatNumber,
  formatPercent,
  reportFormat,
  type ReportFormat,
} from "~/report/domain/format";
import {
  accessReasonsIn,
  type Figure,
  type KpiRow,
  type ReportData,
  type ReportLanguage,
} from "~/report/domain/types";
import type { Severity } from "~/findings/types";
import { readableOnWhite, type ReportBranding } from "~/report/domain/branding";
import { deliveryStrings } from "~/report/domain/delivery-strings";

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

function na(f: ReportFormat, figure: Figure): ReactNode {
  const t = reportStrings(f.language);
  return (
    <span className="tv-na" title={figure.reason ? t.unavailable[figure.reason] : undefined}>
      {t.notAvailable}
      {figure.reason ? `: ${t.unavailable[figure.reason]}` : ""}
    </span>
  );
}

function figureText(f: ReportFormat, row: KpiRow, figure: Figure): ReactNode {
  if (figure.value === null) return na(f, figure);
  switch (row.unit) {
    case "money":
      return formatMoney(f, figure.value);
    case "ratio":
      return formatPercent(f, figure.value);
    default:
      return formatNumber(f, figure.value);
  }
}

function severityText(language: ReportLanguage, s: Severity): string {
  return reportStrings(language)[s];
}

/** Health score per run: a small bar chart, drawn as SVG so it prints and works without JS. */
function ScoreChart({
  f,
  points,
}: {
  f: ReportFormat;
  points: { at: string; score: number | null }[];
}) {
  if (points.length === 0) return null;
  const w = 560;
  const h = 150;
  const bw = Math.min(80, (w - 40) / points.length - 12);
  return (
    <svg
      viewBox={`0 0 ${w} ${h + 30}`}
      width="100%"
      style={{ maxWidth: w }}
      role="img"
      aria-label={reportStrings(f.language).scoreTrend}
    >
      {[0, 50, 100].map((y) => (
        <g key={y}>
          <line
            x1={30}
            x2={w}
            y1={h - (y / 100) * (h - 10)}
            y2={h - (y / 100) * (h - 10)}
            stroke="#e3e3e3"
          />
          <text
            x={24}
            y={h - (y / 100) * (h - 10) + 4}
            fontSize={10}
            textAnchor="end"
            fill="#616161"
          >
            {y}
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const x = 40 + i * (bw + 12);
        const v = p.score ?? 0;
        const bh = (v / 100) * (h - 10);
        return (
          <g key={p.at}>
            <rect x={x} y={h - bh} width={bw} height={bh} rx={3} fill="var(--tv-accent,#1b6b50)" />
            <text x={x + bw / 2} y={h - bh - 4} fontSize={11} textAnchor="middle" fill="#1f2124">
              {p.score === null ? "–" : formatNumber(f, p.score, 1)}
            </text>
            <text x={x + bw / 2} y={h + 16} fontSize={10} textAnchor="middle" fill="#616161">
              {new Intl.DateTimeFormat(f.locale, {
                timeZone: f.timeZone,
                day: "numeric",
                month: "short",
              }).format(new Date(p.at))}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

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

export function ReportView({
  data,
  language,
  status,
  version,
  issuedAt,
  accent,
  branding,
}: ReportViewProps) {
  const t = reportStrings(language);
  const f = reportFormat(language, data.shop, data.period.timeZone);
  const qa = data.productQa;
  const co = data.checkout;
  const perf = data.performance;
  const lastDay = new Date(Date.parse(data.period.end) - 1).toISOString();
  const colour = accent ?? branding?.accentColor;
  const style = {
    ...(colour && { "--tv-accent": colour }),
    ...(branding && { "--tv-heading": readableOnWhite(branding.primaryColor) }),
  } as React.CSSProperties;
  return (
    <article className="tv-report" lang={language} style={style}>
      {/* Our own constant CSS, no store text: React would escape its quotes as text. */}
      <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
      <header>
        {branding?.logo ? (
          <img className="tv-logo" src={branding.logo} alt={branding.preparedBy || "Logo"} />
        ) : null}
        <p className="tv-meta">
          {t.preparedFor} {data.shop.name ?? data.shop.domain}
          {branding?.preparedBy
            ? ` · ${deliveryStrings(language).preparedBy} ${branding.preparedBy}`
            : ""}
        </p>
        <h1>
          {t.title}: {formatMonthName(f, data.month)}
          <span className={`tv-badge ${status}`}>
            {status === "issued" ? t.issued : t.draft} · {t.version} {version}
          </span>
        </h1>
        <p className="tv-meta">
          {t.period}: {formatDate(f, data.period.start)} – {formatDate(f, lastDay)} (
          {data.period.timeZone}){issuedAt ? ` · ${t.issued} ${formatDate(f, issuedAt)}` : ""}
        </p>
      </header>

      <section>
        <h2>{t.executiveSummary}</h2>
        <div className="tv-scores">
          <div className="tv-score" data-testid="score-now">
            <span>
              {t.healthScore} · {t.thisMonth}
            </span>
            <b>
              {data.summary.score === null ? t.noScore : formatNumber(f, data.summary.score, 1)}
            </b>
          </div>
          <div className="tv-score" data-testid="score-previous">
            <span>
              {t.healthScore} · {t.previousMonth}
            </span>
            <b>
              {data.summary.previousScore === null
                ? t.noScore
                : formatNumber(f, data.summary.previousScore, 1)}
            </b>
          </div>
        </div>
        <h3>{t.changesThatMatter}</h3>
        <ul className="tv-changes">
          {data.summary.changes.map((c, i) => (
            <li key={i}>{changeText(f, c)}</li>
          ))}
        </ul>
      </section>

      <section>
        <h2>{t.productQa}</h2>
        {!qa.measured ? (
          <p className="tv-note">{t.productQaNotMeasured}</p>
        ) : (
          <>
            <table>
              <thead>
                <tr>
                  <th className="num">{t.openProblems}</th>
                  <th className="num">{t.new}</th>
                  <th className="num">{t.fixed}</th>
                  <th className="num">{t.persisting}</th>
                  <th className="num">{t.regressed}</th>
                  <th className="num">{t.suppressed}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td className="num">{formatNumber(f, qa.open)}</td>
                  <td className="num">{formatNumber(f, qa.totals.new)}</td>
                  <td className="num">{formatNumber(f, qa.totals.fixed)}</td>
                  <td className="num">{formatNumber(f, qa.totals.persisting)}</td>
                  <td className="num">{formatNumber(f, qa.totals.regressed)}</td>
                  <td className="num">{formatNumber(f, qa.totals.suppressed)}</td>
                </tr>
              </tbody>
            </table>
            <h3>{t.scoreTrend}</h3>
            <ScoreChart f={f} points={qa.scoreTrend} />
            <h3>{t.byRule}</h3>
            <table>
              <thead>
                <tr>
                  <th>{t.rule}</th>
                  <th>{t.severity}</th>
                  <th className="num">{t.openProblems}</th>
                  <th className="num">{t.new}</th>
                  <th className="num">{t.fixed}</th>
                  <th className="num">{t.persisting}</th>
                  <th className="num">{t.regressed}</th>
                </tr>
              </thead>
              <tbody>
                {qa.byRule.map((r) => (
                  <tr key={r.ruleId}>
                    <td>{r.title}</td>
                    <td className={`sev-${r.severity}`}>{severityText(language, r.severity)}</td>
                    <td className="num">{formatNumber(f, r.open)}</td>
                    <td className="num">{formatNumber(f, r.new)}</td>
                    <td className="num">{formatNumber(f, r.fixed)}</td>
                    <td className="num">{formatNumber(f, r.persisting)}</td>
                    <td className="num">{formatNumber(f, r.regressed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t.topFindings}</h3>
            {qa.topFindings.length === 0 ? (
              <p>{t.noOpenFindings}</p>
            ) : (
              <table data-testid="top-findings">
                <tbody>
                  {qa.topFindings.map((x) => (
                    <tr key={x.key}>
                      <td className={`sev-${x.severity}`}>{severityText(language, x.severity)}</td>
                      <td>
                        <strong>{x.subject}</strong>
                        <br />
                        {x.message}
                      </td>
                      <td>
                        {x.fixUrl ? (
                          <a href={x.fixUrl} target="_blank" rel="noreferrer noopener">
                            {t.fixLink}
                          </a>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h3>{t.suppressionsTaken}</h3>
            {qa.suppressions.length === 0 ? (
              <p>{t.noSuppressions}</p>
            ) : (
              <ul>
                {qa.suppressions.map((s) => (
                  <li key={s.key}>
                    {s.subject ?? s.key} ({s.ruleTitle}): “{s.reason}”, {t.acceptedBy} {s.by},{" "}
                    {formatDate(f, s.at)}
                  </li>
                ))}
                {qa.suppressionsTaken > qa.suppressions.length ? (
                  <li>
                    {t.andMore.replace(
                      "{count}",
                      formatNumber(f, qa.suppressionsTaken - qa.suppressions.length),
                    )}
                  </li>
                ) : null}
              </ul>
            )}
          </>
        )}
      </section>

      <section>
        <h2>{t.checkout}</h2>
        {!co.measured ? (
          <p className="tv-note">{t.checkoutNotMeasured}</p>
        ) : (
          <>
            <h3>{t.checkoutRuns}</h3>
            <table>
              <thead>
                <tr>
                  <th>{t.date}</th>
                  <th>{t.status}</th>
                  <th className="num">{t.markets}</th>
                </tr>
              </thead>
              <tbody>
                {co.runs.map((r) => (
                  <tr key={r.at}>
                    <td>{formatDateTime(f, r.at)}</td>
                    <td className={r.status}>
                      {r.status === "pass" ? t.pass : t.fail}
                      {r.reason ? ` – ${r.reason}` : ""}
                    </td>
                    <td className="num">
                      {formatNumber(f, r.marketsPassed)} /{" "}
                      {formatNumber(f, r.marketsPassed + r.marketsFailed)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {co.markets.length > 0 ? (
              <table>
                <tbody>
                  {co.markets.map((m) => (
                    <tr key={`${m.name}-${m.countryCode}`}>
                      <td>
                        {m.name} ({m.countryCode})
                      </td>
                      <td className={m.status}>
                        {m.status === "pass" ? t.pass : t.fail}
                        {m.reason ? ` – ${m.reason}` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <h3>{t.readiness}</h3>
            {co.readiness.length === 0 ? (
              <p>{t.noReadiness}</p>
            ) : (
              <ul>
                {co.readiness.map((r, i) => (
                  <li key={i}>
                    <span className={`sev-${r.severity}`}>
                      {severityText(language, r.severity)}
                    </span>
                    : {r.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <h3>{t.funnel}</h3>
        {co.funnel.length === 0 ? (
          <p>{t.funnelNone}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t.country}</th>
                <th className="num">{t.started}</th>
                <th className="num">{t.completed}</th>
                <th className="num">{t.conversion}</th>
              </tr>
            </thead>
            <tbody>
              {co.funnel.map((c) => (
                <tr key={c.countryCode}>
                  <td>{c.countryCode}</td>
                  <td className="num">{formatNumber(f, c.started)}</td>
                  <td className="num">{formatNumber(f, c.completed)}</td>
                  <td className="num">
                    {c.conversion === null ? "–" : formatPercent(f, c.conversion)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t.alerts}</h3>
        {co.alerts.length === 0 ? (
          <p>{t.noAlerts}</p>
        ) : (
          <ul>
            {co.alerts.map((a) => (
              <li key={`${a.at}-${a.key}`}>
                {formatDateTime(f, a.at)}: {a.key}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h2>{t.performance}</h2>
        {!perf.measured ? (
          <p className="tv-note">{t.performanceNotMeasured}</p>
        ) : (
          <>
            <table>
              <thead>
                <tr>
                  <th>{t.pageType}</th>
                  <th className="num">
                    {t.pageWeight} · {t.firstRunOfMonth}
                  </th>
                  <th className="num">
                    {t.pageWeight} · {t.lastRunOfMonth}
                  </th>
                  <th className="num">{t.requests}</th>
                </tr>
              </thead>
              <tbody>
                {perf.pages.map((p) => (
                  <tr key={p.pageType}>
                    <td>{p.pageType}</td>
                    <td className="num">{formatNumber(f, p.firstKb)} KB</td>
                    <td className="num">{formatNumber(f, p.lastKb)} KB</td>
                    <td className="num">{formatNumber(f, p.requests)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t.perfChanges}</h3>
            {perf.changes.length === 0 ? (
              <p>{t.noPerfChanges}</p>
            ) : (
              <ul>
                {perf.changes.map((c, i) => (
                  <li key={i}>
                    {formatDate(f, c.at)}: {c.message}
                  </li>
                ))}
              </ul>
            )}
            {perf.lighthouseMeasured ? null : <p className="tv-note">{t.lighthouseNotMeasured}</p>}
          </>
        )}
      </section>

      <section>
        <h2>{t.kpis}</h2>
        <table data-testid="kpis">
          <thead>
            <tr>
              <th>{t.metric}</th>
              <th className="num">{t.thisMonth}</th>
              <th className="num">{t.previousMonth}</th>
              <th className="num">{t.sameMonthLastYear}</th>
            </tr>
          </thead>
          <tbody>
            {data.kpis.rows.map((row) => (
              <tr key={row.metric}>
                <td>{t.metrics[row.metric]}</td>
                <td className="num">{figureText(f, row, row.current)}</td>
                <td className="num">{figureText(f, row, row.previous)}</td>
                <td className="num">{figureText(f, row, row.lastYear)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {accessReasonsIn(data.kpis.rows).map((reason) => (
          <p key={reason} className="tv-note" data-testid="kpi-access">
            {t.accessActions[reason]}
            {reason === "protected_data_not_approved" ? (
              <>
                {" "}
                <a href={PROTECTED_CUSTOMER_DATA_URL} target="_blank" rel="noreferrer">
                  {t.accessLink}
                </a>
              </>
            ) : null}
          </p>
        ))}
        {data.kpis.topProducts && data.kpis.topProducts.length > 0 ? (
          <>
            <h3>{t.topProducts}</h3>
            <table>
              <thead>
                <tr>
                  <th>{t.products}</th>
                  <th className="num">{t.quantity}</th>
                  <th className="num">{t.netSalesColumn}</th>
                </tr>
              </thead>
              <tbody>
                {data.kpis.topProducts.map((p, i) => (
                  <tr key={i}>
                    <td>{p.title}</td>
                    <td className="num">{formatNumber(f, p.quantity)}</td>
                    <td className="num">{formatMoney(f, p.netSales)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </section>

      <section>
        <h2>{t.commentary}</h2>
        <p className="tv-text" data-testid="commentary">
          {data.commentary.trim() === "" ? t.noCommentary : data.commentary}
        </p>
        <h2>{t.priorities}</h2>
        <p className="tv-text" data-testid="priorities">
          {data.priorities.trim() === "" ? t.noPriorities : data.priorities}
        </p>
      </section>

      <section>
        <h2>{t.appendix}</h2>
        <ul>
          {t.method.map((m, i) => (
            <li key={i}>{m.replace("{timeZone}", data.period.timeZone)}</li>
          ))}
        </ul>
        <h3>{t.auditRuns}</h3>
        {data.appendix.auditRuns.length === 0 ? (
          <p>–</p>
        ) : (
          <ul>
            {data.appendix.auditRuns.map((r) => (
              <li key={r.at}>
                {formatDateTime(f, r.at)}
                {r.productsChecked === null
                  ? ""
                  : ` · ${formatNumber(f, r.productsChecked)} ${t.products}`}
                {r.score === null ? "" : ` · ${t.healthScore} ${formatNumber(f, r.score, 1)}`}
              </li>
            ))}
          </ul>
        )}
        {perf.runs.length > 0 ? (
          <>
            <h3>{t.perfRuns}</h3>
            <ul>
              {perf.runs.map((at) => (
                <li key={at}>{formatDateTime(f, at)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {data.appendix.checkoutRuns.length > 0 ? (
          <>
            <h3>{t.checkoutRuns}</h3>
            <ul>
              {data.appendix.checkoutRuns.map((at) => (
                <li key={at}>{formatDateTime(f, at)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {data.appendix.gaps.length > 0 ? (
          <>
            <h3>{t.gaps}</h3>
            <ul>
              {data.appendix.gaps.map((g) => (
                <li key={g.section}>
                  {g.section}: {g.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="tv-meta">
          {t.builtAt} {formatDateTime(f, data.builtAt)}
        </p>
      </section>
    </article>
  );
}
