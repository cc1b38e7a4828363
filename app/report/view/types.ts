/**
 * The report as a view model: a header and a list of sections, each a list of blocks whose every
 * text is already formatted and translated. Two renderers draw it: the HTML document
 * (ReportView) and the PDF (pdf.server). A block kind is the renderers' whole vocabulary; a new
 * section built from existing kinds needs no renderer change.
 */
import type { Severity } from "~/findings/types";

/** A colour role; each renderer maps it to its own style (HTML classes, PDF colours). */
export type Tone = Severity | "pass" | "fail";

/** Text, optionally in a tone (a severity, pass/fail). */
export type Inline = string | { text: string; tone: Tone };

/** A figure that could not be had: HTML shows the reason inline, the PDF as a numbered note. */
export type Unavailable = { unavailable: string; reason: string };

export type Cell = Inline | Unavailable;

export interface Column {
  label: string;
  /** Right-aligned figures. */
  num?: boolean;
  /** The PDF column's share of the width in percent; absent: takes the rest. */
  width?: number;
}

export interface Link {
  href: string;
  label: string;
}

export type Block =
  /** A sub-heading (h3). */
  | { kind: "heading"; text: string }
  /** A paragraph; `text` keeps its line breaks (the manager's texts). */
  | { kind: "paragraph"; text: string; testId?: string; preWrap?: boolean }
  /** A grey callout ("not measured", access needed), optionally with a link after the text. */
  | { kind: "note"; text: string; link?: Link; testId?: string }
  | {
      kind: "table";
      columns: Column[];
      rows: Cell[][];
      /** false: the HTML leaves the head out (the PDF always prints it). */
      htmlHead?: boolean;
      testId?: string;
    }
  /** Bullets; `inlineInPdf` prints them on one line joined by " · " in the PDF (timestamps). */
  | { kind: "list"; items: Inline[][]; spaced?: boolean; inlineInPdf?: boolean }
  /** The big numbers at the top. */
  | {
      kind: "scores";
      items: { label: string; value: string; none: boolean; testId: string; accent: boolean }[];
    }
  /** Bars of 0–100 with a value and a label under each. */
  | {
      kind: "bars";
      label: string;
      points: { key: string; value: number; valueText: string; label: string }[];
    }
  /** Problems with their subject, message, rule and a link to fix them. */
  | {
      kind: "findings";
      testId?: string;
      items: {
        key: string;
        severity: Inline;
        subject: string;
        message: string;
        rule: string;
        fix: Link | null;
      }[];
    }
  /**
   * Blocks that belong together: in the PDF one View (a heading keeps its following lines within
   * it), with keepTogether on one page (a short table with its heading). HTML: just the blocks.
   */
  | { kind: "group"; blocks: Block[]; keepTogether: boolean };

export interface ReportSection {
  /** Stable id (also the HTML section's data-section). */
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportHeader {
  /** The document's title: "Monthly report 2026-10 · Shop". */
  documentTitle: string;
  /** "Monthly report: October 2026". */
  title: string;
  shopName: string;
  shopDomain: string;
  /** "Prepared for Shop". */
  preparedFor: string;
  /** "Prepared by Agency", when the manager set a name. */
  preparedBy: string | null;
  status: "draft" | "issued";
  /** "Issued · Version 2". */
  badge: string;
  /** "Period: 1 Oct 2026 – 31 Oct 2026 (Europe/Copenhagen)". */
  period: string;
  /** The issue date alone, when issued. */
  issuedDate: string | null;
  /** "Issued 2 Nov 2026", when issued. */
  issuedLabel: string | null;
  /** "Built 2 Nov 2026, 09.00". */
  builtAt: string;
}

export interface ReportView {
  language: "da" | "en";
  header: ReportHeader;
  sections: ReportSection[];
  /** "Page 1 of 5" in the report's language and digits. */
  pageLabel: (page: number, pages: number) => string;
  /** "Not available" (the PDF's KPI notes). */
  notAvailable: string;
}
