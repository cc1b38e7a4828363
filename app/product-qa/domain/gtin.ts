/**
 * GTIN checks for variant barcodes (GS1 General Specifications, section 7.9): a GTIN has 8, 12,
 * 13 or 14 digits and its last digit is a mod-10 check digit over the others, weighted 3,1,3,…
 * from the right. An 8-digit code is also accepted as UPC-E (the zero-suppressed UPC-A printed
 * on small US packs) when its check digit is right for the UPC-A it expands to, so a valid UPC-E
 * is not reported as a broken GTIN-8.
 */

export type BarcodeProblem =
  | { kind: "not-digits" }
  | { kind: "length"; length: number }
  | { kind: "check-digit"; expected: number };

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/** The check digit for a GTIN body (all digits but the check digit). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight)
    sum += (body.charCodeAt(i) - 48) * weight;
  return (10 - (sum % 10)) % 10;
}

/** UPC-E (number system 0 or 1) → the 12-digit UPC-A it abbreviates; null if it cannot be one. */
export function expandUpcE(code: string): string | null {
  if (code.length !== 8 || (code[0] !== "0" && code[0] !== "1")) return null;
  const [d1, d2, d3, d4, d5, d6] = code.slice(1, 7);
  const body = (() => {
    switch (d6) {
      case "0":
      case "1":
      case "2":
        return `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
      case "3":
        return `${d1}${d2}${d3}00000${d4}${d5}`;
      case "4":
        return `${d1}${d2}${d3}${d4}00000${d5}`;
      default:
        return `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
    }
  })();
  return `${code[0]}${body}${code[7]}`;
}

function checkDigitOk(code: string): boolean {
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** Why `barcode` (already trimmed, not empty) is not a valid GTIN, or null when it is one. */
export function barcodeProblem(barcode: string): BarcodeProblem | null {
  if (!/^\d+$/.test(barcode)) return { kind: "not-digits" };
  if (!GTIN_LENGTHS.has(barcode.length)) return { kind: "length", length: barcode.length };
  if (checkDigitOk(barcode)) return null;
  const upcA = expandUpcE(barcode);
  if (upcA !== null && checkDigitOk(upcA)) return null;
  return { kind: "check-digit", expected: gtinCheckDigit(barcode.slice(0, -1)) };
}

/**
 * The form two barcodes are compared in for duplicates: digit-only codes compare as numbers,
 * since leading zeros are padding (GTIN-12 `012345678905` and GTIN-13 `0012345678905` are the
 * same product); anything else as written. Most barcodes are their own key: no string is built.
 */
export function barcodeIdentity(barcode: string): string {
  if (barcode.charCodeAt(0) !== 48 /* 0 */ || !/^\d+$/.test(barcode)) return barcode;
  return barcode.replace(/^0+/, "");
}
