/**
 * Findings as CSV (RFC 4180), safe to open in a spreadsheet: a cell that starts with =, +, -, @
 * (or a tab or carriage return) would be read as a formula, so it gets a leading apostrophe
 * (OWASP's advice against CSV injection: product titles and SKUs are merchant- or
 * importer-controlled text). Cells with quotes, commas or line breaks are quoted, quotes doubled.
 */
import type { FindingView } from "~/product-qa/models/findings.server";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export const FINDINGS_CSV_HEADER = [
  "Severity",
  "Rule",
  "Rule title",
  "Product",
  "Handle",
  "Vendor",
  "Product type",
  "Variant",
  "SKU",
  "Message",
  "Change",
  "Suppressed",
  "First seen",
  "Fix in Shopify",
  "Key",
];

export function findingCsvLine(f: FindingView, ruleTitle: string): string {
  return csvLine([
    f.severity,
    f.ruleId,
    ruleTitle,
    f.productTitle,
    f.productHandle,
    f.vendor,
    f.productType,
    f.resourceType === "variant" ? f.variantTitle : null,
    f.variantSku,
    f.message,
    f.change,
    f.suppressed ? "yes" : "no",
    f.firstSeenAt,
    f.fixUrl,
    f.key,
  ]);
}
