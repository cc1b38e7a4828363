/**
 * The one error type the CSV tokenizer and the Shopify product-CSV reader throw.
 *
 * Every problem with the input (bad quoting, wrong column count, a value Shopify would reject)
 * becomes a `CsvError` that names the physical line, so the UI can say "line 17: …" and the
 * merchant can find the row in a spreadsheet. Anything else escaping the parser is a bug.
 */
export type CsvErrorCode =
  | "unterminated-quote"
  | "stray-quote"
  | "column-count"
  | "missing-header"
  | "missing-column"
  | "duplicate-column"
  | "invalid-value"
  | "missing-value"
  | "handle-not-contiguous"
  | "duplicate-variant"
  | "too-long"
  | "too-many-columns"
  | "binary"
  | "truncated-header";

export class CsvError extends Error {
  override readonly name = "CsvError";

  constructor(
    /** 1-based physical line in the file (a quoted field with newlines spans several). */
    readonly line: number,
    readonly code: CsvErrorCode,
    /** The message without the line prefix. */
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}
