/**
 * A report as an A4 PDF (@react-pdf/renderer), from the same ReportData the HTML shows: a cover
 * band in the manager's colours with their logo, every section, page numbers in the report's
 * language. Store texts are plain <Text> (react-pdf interprets no markup); long unbroken words
 * are split so they wrap instead of running off the page. Fonts: Liberation Sans from Debian's
 * fonts-liberation (æ, ø, å, most Latin, Greek, Cyrillic, Hebrew), else the built-in Helvetica.
 */
import { existsSync } from "node:fs";
import type { ReactNode } from "react";
import {
  Document,
  Font,
  Image,
  Link,
  Page,
  renderToBuffer,
  StyleSheet,
  Text,
  View,
} from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import type { Severity } from "~/findings/types";
import {
  DEFAULT_BRANDING,
  readableOnWhite,
  textOn,
  type ReportBranding,
} from "~/report/domain/branding";
import { deliveryStrings, fill } from "~/report/domain/delivery-strings";
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
  changeText,
  PROTECTED_CUSTOMER_DATA_URL,
  reportStrings,
  type ReportStrings,
} from "~/report/domain/i18n";
import {
  accessReasonsIn,
  type Figure,
  type KpiRow,
  type ReportData,
  type ReportLanguage,
} from "~/report/domain/types";

export interface ReportPdfProps {
  data: ReportData;
  language: ReportLanguage;
  status: "draft" | "issued";
  version: number;
  issuedAt: string | null;
  branding?: ReportBranding;
}

const FONT_DIR = "/usr/share/fonts/truetype/liberation";
let fontFamily: string | undefined;

function registerFonts(): string {
  if (fontFamily !== undefined) return fontFamily;
  const file = (name: string) => `${FONT_DIR}/${name}`;
  const regular = file("LiberationSans-Regular.ttf");
  const bold = file("LiberationSans-Bold.ttf");
  const italic = file("LiberationSans-Italic.ttf");
  const boldItalic = file("LiberationSans-BoldItalic.ttf");
  if ([regular, bold, italic, boldItalic].every((f) => existsSync(f))) {
    Font.register({
      family: "Liberation Sans",
      fonts: [
        { src: regular, fontWeight: 400 },
        { src: bold, fontWeight: 700 },
        { src: italic, fontWeight: 400, fontStyle: "italic" },
        { src: boldItalic, fontWeight: 700, fontStyle: "italic" },
      ],
    });
    fontFamily = "Liberation Sans";
  } else {
    fontFamily = "Helvetica";
  }
  // No dictionary hyphenation; words too long for a table cell are cut into pieces that wrap.
  Font.registerHyphenationCallback((word) => {
    if (word.length <= 24) return [word];
    const parts: string[] = [];
    for (let i = 0; i < word.length; i += 16) parts.push(word.slice(i, i + 16));
    return parts;
  });
  return fontFamily;
}

const GREY = "#616161";
/** A4 in points. */
const A4_HEIGHT = 841.89;
const LINE = "#e3e3e3";
const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: "#8e0b21",
  warning: "#8a6100",
  info: GREY,
};

const s = StyleSheet.create({
  page: {
    paddingTop: 48,
    paddingBottom: 56,
    paddingHorizontal: 44,
    fontSize: 9.5,
    color: "#1f2124",
    lineHeight: 1.4,
  },
  running: {
    position: "absolute",
    top: 20,
    left: 44,
    right: 44,
    fontSize: 8,
    color: GREY,
    flexDirection: "row",
    justifyContent: "space-between",
  },
  // Placed from the top: react-pdf loses `bottom`-anchored elements that render totalPages.
  footer: {
    position: "absolute",
    top: A4_HEIGHT - 40,
    left: 44,
    right: 44,
    fontSize: 8,
    color: GREY,
    flexDirection: "row",
    justifyContent: "space-between",
    borderTopWidth: 0.5,
    borderTopColor: LINE,
    paddingTop: 6,
  },
  cover: {
    marginTop: -48,
    marginHorizontal: -44,
    paddingHorizontal: 44,
    paddingTop: 36,
    paddingBottom: 24,
    marginBottom: 16,
  },
  coverRow: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start" },
  logo: { maxHeight: 56, maxWidth: 170, objectFit: "contain" },
  logoBox: { backgroundColor: "#ffffff", padding: 6, borderRadius: 4 },
  title: { fontSize: 22, lineHeight: 1.25, fontWeight: 700, marginTop: 14 },
  coverMeta: { fontSize: 10, marginTop: 3 },
  h2: {
    fontSize: 14,
    lineHeight: 1.3,
    fontWeight: 700,
    marginTop: 16,
    marginBottom: 6,
    paddingBottom: 3,
    borderBottomWidth: 1.5,
  },
  h3: { fontSize: 10.5, lineHeight: 1.3, fontWeight: 700, marginTop: 10, marginBottom: 4 },
  p: { marginBottom: 4 },
  note: {
    backgroundColor: "#f7f7f7",
    borderLeftWidth: 2,
    borderLeftColor: "#b5b5b5",
    padding: 6,
    marginVertical: 4,
  },
  scores: { flexDirection: "row", gap: 12, marginVertical: 6 },
  score: {
    borderWidth: 0.75,
    borderColor: LINE,
    borderRadius: 6,
    paddingVertical: 8,
    paddingHorizontal: 12,
    width: 160,
  },
  scoreLabel: { fontSize: 8, color: GREY },
  /** "not measured" instead of a number: smaller, so it stays on one line. */
  scoreNone: { fontSize: 14, paddingVertical: 5, color: GREY },
  scoreValue: { fontSize: 24, lineHeight: 1.2, fontWeight: 700 },
  table: { marginVertical: 4 },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: LINE, paddingVertical: 3 },
  th: { fontSize: 7.5, fontWeight: 700, color: GREY, textTransform: "uppercase" },
  cell: { paddingHorizontal: 3 },
  num: { textAlign: "right" },
  na: {
    paddingTop: 1.5,
    fontSize: 7.5,
    fontStyle: "italic",
    color: "#8a6100",
    textAlign: "right",
  },
  naNote: { fontSize: 8, color: "#8a6100", marginBottom: 1 },
  li: { flexDirection: "row", marginBottom: 2 },
  bullet: { width: 10 },
  liText: { flex: 1 },
  badge: { fontSize: 9, fontWeight: 700 },
});

type Col = { width: number | string; num?: boolean };

function Table({ cols, head, rows }: { cols: Col[]; head?: ReactNode[]; rows: ReactNode[][] }) {
  const cellStyle = (c: Col = { width: "flex" }): Style[] => [
    s.cell,
    typeof c.width === "number" ? { width: `${c.width}%` } : { flex: 1 },
    ...(c.num ? [s.num] : []),
  ];
  const row = (r: ReactNode[], key: number) => (
    <View key={key} style={s.tr} wrap={false}>
      {r.map((c, i) =>
        typeof c === "string" || typeof c === "number" ? (
          <Text key={i} style={cellStyle(cols[i])}>
            {c}
          </Text>
        ) : (
          <View key={i} style={cellStyle(cols[i])}>
            {c}
          </View>
        ),
      )}
    </View>
  );
  return (
    <View style={s.table}>
      {/* The header and the first row stay together: a header is never a page's last line. */}
      <View wrap={false}>
        {head ? (
          <View style={s.tr}>
            {head.map((h, i) => (
              <Text key={i} style={[...cellStyle(cols[i]), s.th]}>
                {h}
              </Text>
            ))}
          </View>
        ) : null}
        {rows.slice(0, 1).map((r) => row(r, 0))}
      </View>
      {rows.slice(1).map((r, i) => row(r, i + 1))}
    </View>
  );
}

function H2({ children, colour, rule }: { children: ReactNode; colour: string; rule: string }) {
  return (
    <Text style={[s.h2, { color: colour, borderBottomColor: rule }]} minPresenceAhead={60}>
      {children}
    </Text>
  );
}

function H3({ children }: { children: ReactNode }) {
  return (
    <Text style={s.h3} minPresenceAhead={80}>
      {children}
    </Text>
  );
}

function List({ items }: { items: ReactNode[] }) {
  return (
    <View>
      {items.map((item, i) => (
        <View key={i} style={s.li} wrap={false}>
          <Text style={s.bullet}>•</Text>
          <Text style={s.liText}>{item}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * A KPI cell; a missing figure shows "not available" with a note number, and its reason is
 * printed once under the table (`notes` collects the reasons in order).
 */
function figure(
  f: ReportFormat,
  t: ReportStrings,
  row: KpiRow,
  x: Figure,
  notes: string[],
): ReactNode {
  if (x.value === null) {
    const reason = t.unavailable[x.reason] ?? x.reason;
    let i = notes.indexOf(reason);
    if (i < 0) i = notes.push(reason) - 1;
    return (
      <Text style={s.na}>
        {t.notAvailable} ({i + 1})
      </Text>
    );
  }
  const text =
    row.unit === "money"
      ? formatMoney(f, x.value)
      : row.unit === "ratio"
        ? formatPercent(f, x.value)
        : formatNumber(f, x.value);
  return <Text style={s.num}>{text}</Text>;
}

function Severity({ t, severity }: { t: ReportStrings; severity: Severity }) {
  return (
    <Text style={{ color: SEVERITY_COLOUR[severity], fontWeight: severity === "info" ? 400 : 700 }}>
      {t[severity]}
    </Text>
  );
}

function ScoreBars({
  f,
  points,
  colour,
}: {
  f: ReportFormat;
  points: { at: string; score: number | null }[];
  colour: string;
}) {
  if (points.length === 0) return null;
  const height = 80;
  return (
    <View
      style={{ flexDirection: "row", alignItems: "flex-end", gap: 10, marginVertical: 4 }}
      wrap={false}
    >
      {points.map((p) => (
        <View key={p.at} style={{ width: 54, alignItems: "center" }}>
          <Text style={{ fontSize: 8 }}>
            {p.score === null ? "–" : formatNumber(f, p.score, 1)}
          </Text>
          <View
            style={{
              width: 34,
              height: Math.max(1, ((p.score ?? 0) / 100) * height),
              backgroundColor: colour,
              borderRadius: 2,
            }}
          />
          <Text style={{ fontSize: 7, color: GREY, marginTop: 2 }}>
            {new Intl.DateTimeFormat(f.locale, {
              timeZone: f.timeZone,
              day: "numeric",
              month: "short",
            }).format(new Date(p.at))}
          </Text>
        </View>
      ))}
    </View>
  );
}

export function ReportPdfDocument({
  data,
  language,
  status,
  version,
  issuedAt,
  branding,
}: ReportPdfProps) {
  const family = registerFonts();
  const b = branding ?? DEFAULT_BRANDING;
  const t = reportStrings(language);
  const d = deliveryStrings(language);
  const f = reportFormat(language, data.shop, data.period.timeZone);
  const heading = readableOnWhite(b.primaryColor);
  const onPrimary = textOn(b.primaryColor);
  const shopName = data.shop.name ?? data.shop.domain;
  const monthName = formatMonthName(f, data.month);
  const lastDay = new Date(Date.parse(data.period.end) - 1).toISOString();
  const qa = data.productQa;
  const co = data.checkout;
  const perf = data.performance;
  const n = (x: number, digits = 0) => formatNumber(f, x, digits);
  const kpiNotes: string[] = [];
  const score = (x: number | null) => (x === null ? t.noScore : n(x, 1));

  return (
    <Document
      title={`${t.title} ${data.month} · ${shopName}`}
      author={b.preparedBy || "Tovholder"}
      creator="Tovholder"
      producer="Tovholder"
      language={language}
    >
      <Page size="A4" style={[s.page, { fontFamily: family }]}>
        <View
          style={s.running}
          fixed
          render={({ pageNumber }) =>
            pageNumber > 1 ? (
              <>
                <Text>{`${t.title}: ${monthName}`}</Text>
                <Text style={{ maxWidth: 260, textAlign: "right" }}>{shopName}</Text>
              </>
            ) : null
          }
        />
        <View
          style={s.footer}
          fixed
          // react-pdf passes totalPages to View render props too; its types only declare it for Text.
          render={(props) => {
            const { pageNumber, totalPages } = props as { pageNumber: number; totalPages?: number };
            return (
              <>
                <Text style={{ maxWidth: 300 }}>
                  {b.preparedBy ? `${d.preparedBy} ${b.preparedBy}` : data.shop.domain}
                </Text>
                <Text>
                  {fill(d.page, { page: n(pageNumber), pages: n(totalPages ?? pageNumber) })}
                </Text>
              </>
            );
          }}
        />

        <View style={[s.cover, { backgroundColor: b.primaryColor, color: onPrimary }]}>
          <View style={s.coverRow}>
            <View style={{ flex: 1, paddingRight: 12 }}>
              <Text style={{ fontSize: 10 }}>
                {t.preparedFor} {shopName}
              </Text>
              {b.preparedBy ? (
                <Text style={{ fontSize: 10, marginTop: 2 }}>
                  {d.preparedBy} {b.preparedBy}
                </Text>
              ) : null}
            </View>
            {b.logo ? (
              <View style={s.logoBox}>
                <Image src={b.logo} style={s.logo} />
              </View>
            ) : null}
          </View>
          <Text style={s.title}>
            {t.title}: {monthName}
          </Text>
          <Text style={s.coverMeta}>
            {t.period}: {formatDate(f, data.period.start)} – {formatDate(f, lastDay)} (
            {data.period.timeZone})
          </Text>
          <Text style={[s.coverMeta, s.badge]}>
            {status === "issued" ? t.issued : t.draft} · {t.version} {version}
            {issuedAt ? ` · ${formatDate(f, issuedAt)}` : ""}
          </Text>
          <Text style={[s.coverMeta, { fontSize: 8 }]}>
            {t.builtAt} {formatDateTime(f, data.builtAt)}
          </Text>
        </View>

        <H2 colour={heading} rule={b.accentColor}>
          {t.executiveSummary}
        </H2>
        <View style={s.scores} wrap={false}>
          <View style={s.score}>
            <Text style={s.scoreLabel}>
              {t.healthScore} · {t.thisMonth}
            </Text>
            <Text
              style={[
                s.scoreValue,
                { color: heading },
                ...(data.summary.score === null ? [s.scoreNone] : []),
              ]}
            >
              {score(data.summary.score)}
            </Text>
          </View>
          <View style={s.score}>
            <Text style={s.scoreLabel}>
              {t.healthScore} · {t.previousMonth}
            </Text>
            <Text
              style={[s.scoreValue, ...(data.summary.previousScore === null ? [s.scoreNone] : [])]}
            >
              {score(data.summary.previousScore)}
            </Text>
          </View>
        </View>
        <H3>{t.changesThatMatter}</H3>
        <List items={data.summary.changes.map((c) => changeText(f, c))} />

        <H2 colour={heading} rule={b.accentColor}>
          {t.productQa}
        </H2>
        {!qa.measured ? (
          <Text style={s.note}>{t.productQaNotMeasured}</Text>
        ) : (
          <View>
            <Table
              cols={Array.from({ length: 6 }, () => ({ width: 100 / 6, num: true }))}
              head={[t.openProblems, t.new, t.fixed, t.persisting, t.regressed, t.suppressed]}
              rows={[
                [
                  qa.open,
                  qa.totals.new,
                  qa.totals.fixed,
                  qa.totals.persisting,
                  qa.totals.regressed,
                  qa.totals.suppressed,
                ].map((x) => n(x)),
              ]}
            />
            <H3>{t.scoreTrend}</H3>
            <ScoreBars f={f} points={qa.scoreTrend} colour={b.accentColor} />
            <H3>{t.byRule}</H3>
            <Table
              cols={[
                { width: "flex" },
                { width: 12 },
                ...Array.from({ length: 5 }, () => ({ width: 9, num: true })),
              ]}
              head={[t.rule, t.severity, t.openProblems, t.new, t.fixed, t.persisting, t.regressed]}
              rows={qa.byRule.map((r) => [
                r.title,
                <Severity key="s" t={t} severity={r.severity} />,
                n(r.open),
                n(r.new),
                n(r.fixed),
                n(r.persisting),
                n(r.regressed),
              ])}
            />
            <H3>{t.topFindings}</H3>
            {qa.topFindings.length === 0 ? (
              <Text style={s.p}>{t.noOpenFindings}</Text>
            ) : (
              <Table
                cols={[{ width: 12 }, { width: "flex" }]}
                rows={qa.topFindings.map((x) => [
                  <Severity key="s" t={t} severity={x.severity} />,
                  <View key="m">
                    <Text style={{ fontWeight: 700 }}>{x.subject}</Text>
                    <Text>{x.message}</Text>
                    <Text style={{ fontSize: 7.5, color: GREY }}>{x.ruleTitle}</Text>
                  </View>,
                ])}
              />
            )}
            <H3>{t.suppressionsTaken}</H3>
            {qa.suppressions.length === 0 ? (
              <Text style={s.p}>{t.noSuppressions}</Text>
            ) : (
              <List
                items={[
                  ...qa.suppressions.map(
                    (x) =>
                      `${x.subject ?? x.key} (${x.ruleTitle}): “${x.reason}”, ${t.acceptedBy} ${x.by}, ${formatDate(f, x.at)}`,
                  ),
                  ...(qa.suppressionsTaken > qa.suppressions.length
                    ? [
                        t.andMore.replace(
                          "{count}",
                          n(qa.suppressionsTaken - qa.suppressions.length),
                        ),
                      ]
                    : []),
                ]}
              />
            )}
          </View>
        )}

        <H2 colour={heading} rule={b.accentColor}>
          {t.checkout}
        </H2>
        {!co.measured ? (
          <Text style={s.note}>{t.checkoutNotMeasured}</Text>
        ) : (
          <View>
            <H3>{t.checkoutRuns}</H3>
            <Table
              cols={[{ width: 28 }, { width: "flex" }, { width: 14, num: true }]}
              head={[t.date, t.status, t.markets]}
              rows={co.runs.map((r) => [
                formatDateTime(f, r.at),
                `${r.status === "pass" ? t.pass : t.fail}${r.reason ? ` – ${r.reason}` : ""}`,
                `${n(r.marketsPassed)} / ${n(r.marketsPassed + r.marketsFailed)}`,
              ])}
            />
            {co.markets.length > 0 ? (
              <Table
                cols={[{ width: 40 }, { width: "flex" }]}
                head={[t.markets, t.status]}
                rows={co.markets.map((m) => [
                  `${m.name} (${m.countryCode})`,
                  `${m.status === "pass" ? t.pass : t.fail}${m.reason ? ` – ${m.reason}` : ""}`,
                ])}
              />
            ) : null}
            <H3>{t.readiness}</H3>
            {co.readiness.length === 0 ? (
              <Text style={s.p}>{t.noReadiness}</Text>
            ) : (
              <List items={co.readiness.map((r) => `${t[r.severity]}: ${r.message}`)} />
            )}
          </View>
        )}
        <H3>{t.funnel}</H3>
        {co.funnel.length === 0 ? (
          <Text style={s.p}>{t.funnelNone}</Text>
        ) : (
          <Table
            cols={[
              { width: "flex" },
              { width: 18, num: true },
              { width: 18, num: true },
              { width: 18, num: true },
            ]}
            head={[t.country, t.started, t.completed, t.conversion]}
            rows={co.funnel.map((c) => [
              c.countryCode,
              n(c.started),
              n(c.completed),
              c.conversion === null ? "–" : formatPercent(f, c.conversion),
            ])}
          />
        )}
        <H3>{t.alerts}</H3>
        {co.alerts.length === 0 ? (
          <Text style={s.p}>{t.noAlerts}</Text>
        ) : (
          <List items={co.alerts.map((a) => `${formatDateTime(f, a.at)}: ${a.key}`)} />
        )}

        <H2 colour={heading} rule={b.accentColor}>
          {t.performance}
        </H2>
        {!perf.measured ? (
          <Text style={s.note}>{t.performanceNotMeasured}</Text>
        ) : (
          <View>
            <Table
              cols={[
                { width: "flex" },
                { width: 22, num: true },
                { width: 22, num: true },
                { width: 14, num: true },
              ]}
              head={[
                t.pageType,
                `${t.pageWeight} · ${t.firstRunOfMonth}`,
                `${t.pageWeight} · ${t.lastRunOfMonth}`,
                t.requests,
              ]}
              rows={perf.pages.map((p) => [
                p.pageType,
                `${n(p.firstKb)} KB`,
                `${n(p.lastKb)} KB`,
                n(p.requests),
              ])}
            />
            <H3>{t.perfChanges}</H3>
            {perf.changes.length === 0 ? (
              <Text style={s.p}>{t.noPerfChanges}</Text>
            ) : (
              <List items={perf.changes.map((c) => `${formatDate(f, c.at)}: ${c.message}`)} />
            )}
            {perf.lighthouseMeasured ? null : <Text style={s.note}>{t.lighthouseNotMeasured}</Text>}
          </View>
        )}

        <H2 colour={heading} rule={b.accentColor}>
          {t.kpis}
        </H2>
        <Table
          cols={[
            { width: "flex" },
            { width: 22, num: true },
            { width: 22, num: true },
            { width: 22, num: true },
          ]}
          head={[t.metric, t.thisMonth, t.previousMonth, t.sameMonthLastYear]}
          rows={data.kpis.rows.map((row) => [
            t.metrics[row.metric] ?? row.metric,
            figure(f, t, row, row.current, kpiNotes),
            figure(f, t, row, row.previous, kpiNotes),
            figure(f, t, row, row.lastYear, kpiNotes),
          ])}
        />
        {kpiNotes.map((note, i) => (
          <Text key={i} style={s.naNote}>
            ({i + 1}) {t.notAvailable}: {note}
          </Text>
        ))}
        {accessReasonsIn(data.kpis.rows).map((reason) => (
          <Text key={reason} style={s.note}>
            {t.accessActions[reason]}
            {reason === "protected_data_not_approved" ? (
              <>
                {" "}
                <Link src={PROTECTED_CUSTOMER_DATA_URL}>{t.accessLink}</Link>
              </>
            ) : null}
          </Text>
        ))}
        {data.kpis.topProducts && data.kpis.topProducts.length > 0 ? (
          // At most ten rows: kept on one page with its heading.
          <View wrap={false}>
            <H3>{t.topProducts}</H3>
            <Table
              cols={[{ width: "flex" }, { width: 14, num: true }, { width: 24, num: true }]}
              head={[t.products, t.quantity, t.netSalesColumn]}
              rows={data.kpis.topProducts.map((p) => [
                p.title,
                n(p.quantity),
                formatMoney(f, p.netSales),
              ])}
            />
          </View>
        ) : null}

        <H2 colour={heading} rule={b.accentColor}>
          {t.commentary}
        </H2>
        <Text style={s.p}>{data.commentary.trim() === "" ? t.noCommentary : data.commentary}</Text>
        <H2 colour={heading} rule={b.accentColor}>
          {t.priorities}
        </H2>
        <Text style={s.p}>{data.priorities.trim() === "" ? t.noPriorities : data.priorities}</Text>

        <H2 colour={heading} rule={b.accentColor}>
          {t.appendix}
        </H2>
        <List items={t.method.map((m) => m.replace("{timeZone}", data.period.timeZone))} />
        <H3>{t.auditRuns}</H3>
        {data.appendix.auditRuns.length === 0 ? (
          <Text style={s.p}>–</Text>
        ) : (
          <List
            items={data.appendix.auditRuns.map(
              (r) =>
                `${formatDateTime(f, r.at)}${r.productsChecked === null ? "" : ` · ${n(r.productsChecked)} ${t.products}`}${r.score === null ? "" : ` · ${t.healthScore} ${n(r.score, 1)}`}`,
            )}
          />
        )}
        {perf.runs.length > 0 ? (
          <View>
            <H3>{t.perfRuns}</H3>
            <Text style={s.p}>{perf.runs.map((at) => formatDateTime(f, at)).join("  ·  ")}</Text>
          </View>
        ) : null}
        {data.appendix.checkoutRuns.length > 0 ? (
          <View>
            <H3>{t.checkoutRuns}</H3>
            <Text style={s.p}>
              {data.appendix.checkoutRuns.map((at) => formatDateTime(f, at)).join("  ·  ")}
            </Text>
          </View>
        ) : null}
        {data.appendix.gaps.length > 0 ? (
          <View>
            <H3>{t.gaps}</H3>
            <List items={data.appendix.gaps.map((g) => `${g.section}: ${g.message}`)} />
          </View>
        ) : null}
      </Page>
    </Document>
  );
}

/**
 * Characters the report's fonts draw: Latin (with Vietnamese), Greek, Cyrillic, punctuation,
 * currency and a few symbols. Anything else (emoji, right-to-left and CJK scripts, control
 * characters) has no glyph and would be drawn as overlapping garbage without bidi and shaping;
 * each run of it is printed as one "?" instead. The HTML report shows such texts as they are.
 */
const PRINTABLE =
  /[^\n\t\u0020-\u007e\u00a0-\u024f\u0259\u02c6-\u02dd\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2100-\u2122\u2190-\u2195\u2212]+/gu;

export function pdfText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(PRINTABLE, "?");
}

/** The report's data with every text made printable (see pdfText). */
function printable<T>(value: T): T {
  if (typeof value === "string") return pdfText(value) as T;
  if (Array.isArray(value)) return value.map(printable) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)])) as T;
  return value;
}

/** The report as PDF bytes. */
export async function renderReportPdf(props: ReportPdfProps): Promise<Buffer> {
  const branding = props.branding && {
    ...props.branding,
    preparedBy: pdfText(props.branding.preparedBy),
  };
  return renderToBuffer(
    <ReportPdfDocument {...props} data={printable(props.data)} {...(branding && { branding })} />,
  );
}

/** A file name safe in Content-Disposition and on every file system. */
export function reportPdfFileName(data: ReportData, version: number): string {
  const shop = data.shop.domain.replace(/\.myshopify\.com$/, "").replace(/[^a-z0-9-]+/gi, "-");
  return `report-${shop}-${data.month}-v${version}.pdf`;
}
