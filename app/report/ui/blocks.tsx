/**
 * The HTML renderer of the report's blocks (app/report/view/types.ts): plain elements styled by
 * REPORT_CSS. One small component per block kind.
 */
import type { ReactNode } from "react";
import type { Block, Cell, Column, Inline, ReportSection, Tone } from "~/report/view";

const toneClass = (tone: Tone) => (tone === "pass" || tone === "fail" ? tone : `sev-${tone}`);

function InlineText({ value }: { value: Inline }) {
  return typeof value === "string" ? (
    value
  ) : (
    <span className={toneClass(value.tone)}>{value.text}</span>
  );
}

function TableCell({ cell, column }: { cell: Cell; column: Column | undefined }) {
  const num = column?.num ? "num" : undefined;
  if (typeof cell === "string") return <td className={num}>{cell}</td>;
  if ("tone" in cell) return <td className={toneClass(cell.tone)}>{cell.text}</td>;
  return (
    <td className={num}>
      <span className="tv-na" title={cell.reason}>
        {cell.unavailable}
        {`: ${cell.reason}`}
      </span>
    </td>
  );
}

function Table({ block }: { block: Extract<Block, { kind: "table" }> }) {
  return (
    <table data-testid={block.testId}>
      {block.htmlHead === false ? null : (
        <thead>
          <tr>
            {block.columns.map((c, i) => (
              <th key={i} className={c.num ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {block.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) => (
              <TableCell key={i} cell={cell} column={block.columns[i]} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Findings({ block }: { block: Extract<Block, { kind: "findings" }> }) {
  return (
    <table data-testid={block.testId}>
      <tbody>
        {block.items.map((x) => (
          <tr key={x.key}>
            <TableCell cell={x.severity} column={undefined} />
            <td>
              <strong>{x.subject}</strong>
              <br />
              {x.message}
            </td>
            <td>
              {x.fix ? (
                <a href={x.fix.href} target="_blank" rel="noreferrer noopener">
                  {x.fix.label}
                </a>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Health score per run: a small bar chart, drawn as SVG so it prints and works without JS. */
function Bars({ block }: { block: Extract<Block, { kind: "bars" }> }) {
  const points = block.points;
  if (points.length === 0) return null;
  const w = 560;
  const h = 150;
  const bw = Math.min(80, (w - 40) / points.length - 12);
  const y = (v: number) => h - (v / 100) * (h - 10);
  return (
    <svg
      viewBox={`0 0 ${w} ${h + 30}`}
      width="100%"
      style={{ maxWidth: w }}
      role="img"
      aria-label={block.label}
    >
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={30} x2={w} y1={y(v)} y2={y(v)} stroke="#e3e3e3" />
          <text x={24} y={y(v) + 4} fontSize={10} textAnchor="end" fill="#616161">
            {v}
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const x = 40 + i * (bw + 12);
        const bh = (p.value / 100) * (h - 10);
        return (
          <g key={p.key}>
            <rect x={x} y={h - bh} width={bw} height={bh} rx={3} fill="var(--tv-accent,#1b6b50)" />
            <text x={x + bw / 2} y={h - bh - 4} fontSize={11} textAnchor="middle" fill="#1f2124">
              {p.valueText}
            </text>
            <text x={x + bw / 2} y={h + 16} fontSize={10} textAnchor="middle" fill="#616161">
              {p.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Scores({ block }: { block: Extract<Block, { kind: "scores" }> }) {
  return (
    <div className="tv-scores">
      {block.items.map((s) => (
        <div key={s.testId} className="tv-score" data-testid={s.testId}>
          <span>{s.label}</span>
          <b>{s.value}</b>
        </div>
      ))}
    </div>
  );
}

export function HtmlBlock({ block }: { block: Block }): ReactNode {
  switch (block.kind) {
    case "heading":
      return <h3>{block.text}</h3>;
    case "paragraph":
      return (
        <p className={block.preWrap ? "tv-text" : undefined} data-testid={block.testId}>
          {block.text}
        </p>
      );
    case "note":
      return (
        <p className="tv-note" data-testid={block.testId}>
          {block.text}
          {block.link ? (
            <>
              {" "}
              <a href={block.link.href} target="_blank" rel="noreferrer">
                {block.link.label}
              </a>
            </>
          ) : null}
        </p>
      );
    case "table":
      return <Table block={block} />;
    case "list":
      return (
        <ul className={block.spaced ? "tv-changes" : undefined}>
          {block.items.map((item, i) => (
            <li key={i}>
              {item.map((part, j) => (
                <InlineText key={j} value={part} />
              ))}
            </li>
          ))}
        </ul>
      );
    case "scores":
      return <Scores block={block} />;
    case "bars":
      return <Bars block={block} />;
    case "findings":
      return <Findings block={block} />;
    case "group":
      return <HtmlBlocks blocks={block.blocks} />;
  }
}

export function HtmlBlocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((b, i) => (
        <HtmlBlock key={i} block={b} />
      ))}
    </>
  );
}

export function HtmlSection({ section }: { section: ReportSection }) {
  return (
    <section>
      <h2>{section.title}</h2>
      <HtmlBlocks blocks={section.blocks} />
    </section>
  );
}
