/**
 * GTIN (EAN/UPC) check digits, GS1 mod-10: from the right, digits alternate weights 3 and 1.
 */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** A GTIN-13 from a GS1 company prefix and an item reference (padded to fill 12 digits). */
export function gtin13(companyPrefix: string, item: number): string {
  const width = 12 - companyPrefix.length;
  const reference = String(item).padStart(width, "0");
  if (reference.length > width)
    throw new RangeError(`item ${item} does not fit GS1 prefix ${companyPrefix}`);
  const body = companyPrefix + reference;
  return body + String(gtinCheckDigit(body));
}
