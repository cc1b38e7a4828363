/**
 * Incremental RFC 4180 tokenizer.
 *
 * Feed it string chunks of any size (a stream cut anywhere, even between the CR and LF of a
 * line break or between the two quotes of an escaped `""`); it returns the records completed so
 * far. It tracks physical line numbers, because a Shopify product body is quoted HTML with
 * newlines and a record can span many lines: errors and records carry the line a spreadsheet
 * shows.
 *
 * Accepted: a UTF-8 BOM at the very start, CRLF, LF or lone CR line breaks, `""` inside quoted
 * fields, a missing final line break. Lines with no characters at all are skipped (some tools
 * append them). Rejected with a `CsvError`: a quote inside an unquoted field, text after a
 * closing quote, a quoted field still open at the end of input, a record whose field count
 * differs from the first record's (the header's), a NUL character in the header (binary data,
 * or UTF-16 text), and a field, record or field count over `CSV_LIMITS`: those are rejected as soon as they are
 * exceeded, so a file without line breaks costs bounded memory, not all of it.
 */
import { CsvError } from "./csv-error";

export interface CsvLimits {
  /** Characters in one field. */
  maxFieldChars: number;
  /** Characters in one record (all its fields, across its physical lines). */
  maxRecordChars: number;
  /** Fields in one record. */
  maxFields: number;
}

/**
 * Far above anything Shopify writes (a product description of several megabytes is already
 * unusual; exports have tens of columns, a few hundred with many metafields and markets), and
 * low enough that rejecting a runaway record costs tens of megabytes, not the machine.
 */
export const CSV_LIMITS: CsvLimits = {
  maxFieldChars: 8 * 1024 * 1024,
  maxRecordChars: 16 * 1024 * 1024,
  maxFields: 10_000,
};

const NUMBER = new Intl.NumberFormat("en-US");

/** "8 MiB (8,388,608 characters)". */
function sizeLabel(chars: number): string {
  const mib = chars / (1024 * 1024);
  return Number.isInteger(mib)
    ? `${mib} MiB (${NUMBER.format(chars)} characters)`
    : `${NUMBER.format(chars)} characters`;
}

export interface CsvRecord {
  fields: string[];
  /** Physical line the record starts on (1-based). */
  line: number;
  /** Physical line the record ends on; greater than `line` when a quoted field holds newlines. */
  endLine: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the first half of `""` or the closing quote. */
  QuoteInQuoted,
  /** A CR ended a record; an LF right after it belongs to the same line break. */
  AfterCr,
}

export class CsvTokenizer {
  private state = State.FieldStart;
  private line = 1;
  private recordLine = 1;
  /** Line a quoted field opened on, for the unterminated-quote error. */
  private quoteLine = 1;
  /** Inside quotes a CR may be followed by an LF in the next chunk: count CRLF once. */
  private quotedPrevCr = false;
  private field = "";
  private fields: string[] = [];
  private recordHasQuotes = false;
  private expectedFields: number | null = null;
  private started = false;
  /** Characters in the current record's fields so far. */
  private recordChars = 0;
  private out: CsvRecord[] = [];
  private readonly limits: CsvLimits;
  /** True while end() flushes the last record: it was ended by the end of input. */
  private ending = false;

  /**
   * `onHeader` receives the first record as soon as it is complete, instead of the output, with
   * whether a line break ended it (false: the input ended inside it). A header that is not
   * acceptable then fails before the rows after it are read.
   */
  constructor(
    limits: Partial<CsvLimits> = {},
    private readonly onHeader?: (header: CsvRecord, endedByLineBreak: boolean) => void,
  ) {
    this.limits = { ...CSV_LIMITS, ...limits };
  }

  /** Consumes a chunk and returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    // A NUL before the header is complete is binary data (or UTF-16 text, or /dev/zero); in
    // the rows after a real header it is only odd text, passed through like any other.
    const nul = this.expectedFields === null ? text.indexOf("\u0000") : -1;
    if (nul !== -1) {
      this.consume(text.slice(0, nul));
      if (this.expectedFields === null)
        throw new CsvError(
          this.line,
          "binary",
          "the file holds a NUL character: it is binary data or UTF-16 text, not a CSV export (Shopify writes UTF-8 text)",
        );
      this.consume(text.slice(nul));
      return this.drain();
    }
    this.consume(text);
    return this.drain();
  }

  /** Signals the end of input and returns the last record, if any. */
  end(): CsvRecord[] {
    switch (this.state) {
      case State.Quoted:
        throw new CsvError(
          this.quoteLine,
          "unterminated-quote",
          "a quoted field is never closed (missing closing quote at end of file)",
        );
      case State.QuoteInQuoted:
      case State.Unquoted:
        this.ending = true;
        this.endRecord();
        break;
      case State.FieldStart:
        // "a,b," at EOF still has a (empty) last field; a clean EOF after a line break has none.
        this.ending = true;
        if (this.fields.length > 0) this.endRecord();
        break;
      case State.AfterCr:
        break;
    }
    this.state = State.AfterCr;
    return this.drain();
  }

  private drain(): CsvRecord[] {
    const done = this.out;
    this.out = [];
    return done;
  }

  private consume(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.AfterCr:
          if (text.charCodeAt(i) === LF) i++;
          this.state = State.FieldStart;
          break;
        case State.FieldStart:
          i = this.startField(text, i);
          break;
        case State.Unquoted:
          i = this.scanUnquoted(text, i);
          break;
        case State.Quoted:
          i = this.scanQuoted(text, i);
          break;
        case State.QuoteInQuoted:
          this.afterQuoteInQuoted(text.charCodeAt(i));
          i++;
          break;
      }
    }
  }

  /** At the start of a field: opens quotes or begins an unquoted field. Returns the next index. */
  private startField(text: string, i: number): number {
    if (text.charCodeAt(i) === QUOTE) {
      this.state = State.Quoted;
      this.recordHasQuotes = true;
      this.quoteLine = this.line;
      this.quotedPrevCr = false;
      return i + 1;
    }
    this.state = State.Unquoted;
    return i;
  }

  /**
   * Reads unquoted field text up to a comma or line break (and handles that delimiter).
   * Returns the next index, `text.length` when the chunk ends inside the field.
   */
  private scanUnquoted(text: string, i: number): number {
    const n = text.length;
    let j = i;
    let c = 0;
    while (j < n) {
      c = text.charCodeAt(j);
      if (c === COMMA || c === CR || c === LF || c === QUOTE) break;
      j++;
    }
    if (j > i) this.append(text.slice(i, j));
    if (j === n) return n;
    if (c === QUOTE) {
      throw new CsvError(
        this.line,
        "stray-quote",
        `unexpected quote in unquoted field ${this.fields.length + 1} (a field containing quotes must be enclosed in quotes)`,
      );
    }
    if (c === COMMA) {
      this.nextField();
      this.state = State.FieldStart;
    } else {
      this.endRecord();
      this.lineBreak(c);
    }
    return j + 1;
  }

  /**
   * Reads quoted field text up to the next quote, counting the line breaks inside it.
   * Returns the index after that quote, `text.length` when the chunk ends before it.
   */
  private scanQuoted(text: string, i: number): number {
    const n = text.length;
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === QUOTE) break;
      if (c === CR) {
        this.line++;
        this.quotedPrevCr = true;
      } else {
        if (c === LF && !this.quotedPrevCr) this.line++;
        this.quotedPrevCr = false;
      }
      j++;
    }
    if (j > i) this.append(text.slice(i, j));
    if (j === n) return n;
    this.quotedPrevCr = false;
    this.state = State.QuoteInQuoted;
    return j + 1;
  }

  /** The character after a quote in a quoted field: `""`, or the delimiter after a closing quote. */
  private afterQuoteInQuoted(c: number): void {
    if (c === QUOTE) {
      this.append('"');
      this.state = State.Quoted;
    } else if (c === COMMA) {
      this.nextField();
      this.state = State.FieldStart;
    } else if (c === CR || c === LF) {
      this.endRecord();
      this.lineBreak(c);
    } else {
      throw new CsvError(
        this.line,
        "stray-quote",
        `unexpected text after the closing quote of field ${this.fields.length + 1}`,
      );
    }
  }

  private lineBreak(c: number): void {
    this.line++;
    this.recordLine = this.line;
    this.state = c === CR ? State.AfterCr : State.FieldStart;
  }

  /** Adds text to the current field, within the field and record limits. */
  private append(text: string): void {
    this.field += text;
    this.recordChars += text.length;
    const { maxFieldChars, maxRecordChars } = this.limits;
    if (this.field.length > maxFieldChars) {
      const quoted = this.state === State.Quoted || this.state === State.QuoteInQuoted;
      throw new CsvError(
        quoted ? this.quoteLine : this.recordLine,
        "too-long",
        quoted
          ? `the quoted field ${this.fields.length + 1} is longer than ${sizeLabel(maxFieldChars)}: is its closing quote missing?`
          : `field ${this.fields.length + 1} is longer than ${sizeLabel(maxFieldChars)}; a product CSV has no such field (is this a CSV file?)`,
      );
    }
    if (this.recordChars > maxRecordChars)
      throw new CsvError(
        this.recordLine,
        "too-long",
        `the row is longer than ${sizeLabel(maxRecordChars)}; a product CSV has no such row (is this a CSV file?)`,
      );
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
  }

  /** A comma ended a field: the record goes on. */
  private nextField(): void {
    this.endField();
    const count = this.fields.length;
    // A row that already has more fields than the header can only fail: say so now, before
    // a file of commas without line breaks fills the memory.
    if (this.expectedFields !== null && count >= this.expectedFields)
      throw new CsvError(
        this.recordLine,
        "column-count",
        `expected ${this.expectedFields} fields like the header, found more`,
      );
    if (count >= this.limits.maxFields)
      throw new CsvError(
        this.recordLine,
        "too-many-columns",
        `more than ${NUMBER.format(this.limits.maxFields)} fields in one row; a product CSV has far fewer columns (is this a CSV file?)`,
      );
  }

  private endRecord(): void {
    this.endField();
    const fields = this.fields;
    const hadQuotes = this.recordHasQuotes;
    this.fields = [];
    this.recordHasQuotes = false;
    this.recordChars = 0;
    // A physically empty line: nothing to report (and no column count to enforce).
    if (fields.length === 1 && fields[0] === "" && !hadQuotes) return;
    if (this.expectedFields === null) {
      this.expectedFields = fields.length;
      if (this.onHeader) {
        this.onHeader({ fields, line: this.recordLine, endLine: this.line }, !this.ending);
        return;
      }
    } else if (fields.length !== this.expectedFields) {
      throw new CsvError(
        this.recordLine,
        "column-count",
        `expected ${this.expectedFields} fields like the header, found ${fields.length}`,
      );
    }
    this.out.push({ fields, line: this.recordLine, endLine: this.line });
  }
}

/** Tokenizes a whole string; convenient for small inputs and tests. */
export function tokenizeCsv(text: string, limits: Partial<CsvLimits> = {}): CsvRecord[] {
  const tokenizer = new CsvTokenizer(limits);
  return [...tokenizer.push(text), ...tokenizer.end()];
}
