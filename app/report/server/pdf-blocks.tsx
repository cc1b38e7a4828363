/**
 * The PDF renderer of the report's blocks (app/report/view/types.ts), in @react-pdf/renderer:
 * the styles and one small component per block kind.
 */
import type { ReactNode } from "react";
import { Link, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import type { Severity } from "~/findings/types";
import type { Block, Cell, Inline, ReportSection } from "~/report/view";

export const GREY = "#616161";
/** A4 in points. */
export const A4_HEIGHT = 841.89;
const LINE = "#e3e3e3";
const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: "#8e0b21",
  warning: "#8a6100",
  info: GREY,
};

export const s = StyleSheet.create({
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

export function H2({
  children,
  colour,
  rule,
}: {
  children: ReactNode;
  colour: string;
  rule: string;
}) {
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

const plain = (item: Inline[]) => item.map((x) => (typeof x === "string" ? x : x.text)).join("");

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

function SeverityText({ severity, text }: { severity: Severity; text: string }) {
  return (
    <Text style={{ color: SEVERITY_COLOUR[severity], fontWeight: severity === "info" ? 400 : 700 }}>
      {text}
    </Text>
  );
}

/** A table cell: severities in their colour, pass/fail as text, a missing figure as "n/a (k)". */
function cell(c: Cell, notes: string[]): ReactNode {
  if (typeof c === "string") return c;
  if ("tone" in c)
    return c.tone === "pass" || c.tone === "fail" ? (
      c.text
    ) : (
      <SeverityText severity={c.tone} text={c.text} />
    );
  let i = notes.indexOf(c.reason);
  if (i < 0) i = notes.push(c.reason) - 1;
  return (
    <Text style={s.na}>
      {c.unavailable} ({i + 1})
    </Text>
  );
}

/** A table; the reasons of its missing figures are printed once under it, numbered. */
function TableBlock({
  block,
  notAvailable,
}: {
  block: Extract<Block, { kind: "table" }>;
  notAvailable: string;
}) {
  const notes: string[] = [];
  const cols = block.columns.map((c) => ({ width: c.width ?? "flex", num: c.num ?? false }));
  const rows = block.rows.map((r) => r.map((c) => cell(c, notes)));
  return (
    <>
      <Table cols={cols} head={block.columns.map((c) => c.label)} rows={rows} />
      {notes.map((note, i) => (
        <Text key={i} style={s.naNote}>
          ({i + 1}) {notAvailable}: {note}
        </Text>
      ))}
    </>
  );
}

function Findings({ block }: { block: Extract<Block, { kind: "findings" }> }) {
  return (
    <Table
      cols={[{ width: 12 }, { width: "flex" }]}
      rows={block.items.map((x) => [
        cell(x.severity, []),
        <View key="m">
          <Text style={{ fontWeight: 700 }}>{x.subject}</Text>
          <Text>{x.message}</Text>
          <Text style={{ fontSize: 7.5, color: GREY }}>{x.rule}</Text>
        </View>,
      ])}
    />
  );
}

function Bars({ block, colour }: { block: Extract<Block, { kind: "bars" }>; colour: string }) {
  if (block.points.length === 0) return null;
  const height = 80;
  return (
    <View
      style={{ flexDirection: "row", alignItems: "flex-end", gap: 10, marginVertical: 4 }}
      wrap={false}
    >
      {block.points.map((p) => (
        <View key={p.key} style={{ width: 54, alignItems: "center" }}>
          <Text style={{ fontSize: 8 }}>{p.valueText}</Text>
          <View
            style={{
              width: 34,
              height: Math.max(1, (p.value / 100) * height),
              backgroundColor: colour,
              borderRadius: 2,
            }}
          />
          <Text style={{ fontSize: 7, color: GREY, marginTop: 2 }}>{p.label}</Text>
        </View>
      ))}
    </View>
  );
}

function Scores({
  block,
  heading,
}: {
  block: Extract<Block, { kind: "scores" }>;
  heading: string;
}) {
  return (
    <View style={s.scores} wrap={false}>
      {block.items.map((x) => (
        <View key={x.testId} style={s.score}>
          <Text style={s.scoreLabel}>{x.label}</Text>
          <Text
            style={[
              s.scoreValue,
              ...(x.accent ? [{ color: heading }] : []),
              ...(x.none ? [s.scoreNone] : []),
            ]}
          >
            {x.value}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** The brand's colours and the words the blocks need. */
export interface PdfTheme {
  heading: string;
  accent: string;
  notAvailable: string;
}

function PdfBlock({ block, theme }: { block: Block; theme: PdfTheme }): ReactNode {
  switch (block.kind) {
    case "heading":
      return <H3>{block.text}</H3>;
    case "paragraph":
      return <Text style={s.p}>{block.text}</Text>;
    case "note":
      return (
        <Text style={s.note}>
          {block.text}
          {block.link ? (
            <>
              {" "}
              <Link src={block.link.href}>{block.link.label}</Link>
            </>
          ) : null}
        </Text>
      );
    case "table":
      return <TableBlock block={block} notAvailable={theme.notAvailable} />;
    case "list":
      return block.inlineInPdf ? (
        <Text style={s.p}>{block.items.map(plain).join("  ·  ")}</Text>
      ) : (
        <List items={block.items.map(plain)} />
      );
    case "scores":
      return <Scores block={block} heading={theme.heading} />;
    case "bars":
      return <Bars block={block} colour={theme.accent} />;
    case "findings":
      return <Findings block={block} />;
    case "group":
      return (
        <View wrap={!block.keepTogether}>
          <PdfBlocks blocks={block.blocks} theme={theme} />
        </View>
      );
  }
}

function PdfBlocks({ blocks, theme }: { blocks: Block[]; theme: PdfTheme }) {
  return (
    <>
      {blocks.map((b, i) => (
        <PdfBlock key={i} block={b} theme={theme} />
      ))}
    </>
  );
}

export function PdfSection({ section, theme }: { section: ReportSection; theme: PdfTheme }) {
  return (
    <>
      <H2 colour={theme.heading} rule={theme.accent}>
        {section.title}
      </H2>
      <PdfBlocks blocks={section.blocks} theme={theme} />
    </>
  );
}
