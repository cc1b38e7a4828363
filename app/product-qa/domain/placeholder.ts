/**
 * Placeholder copy: text that was never meant for shoppers. Lorem ipsum, and the boilerplate of
 * demo stores and theme presets ("This is a demonstration store…"), in English and Danish.
 * Phrases are matched case-insensitively with any whitespace between their words, so line
 * breaks and non-breaking spaces do not hide them. The list is kept short and specific: a
 * phrase that also occurs in honest copy would flag real products: "demo store" alone can be a
 * showroom, "demo bike" an ex-demo bike for sale.
 */

export const PLACEHOLDER_PHRASES: readonly string[] = [
  "lorem ipsum",
  "dolor sit amet",
  "consectetur adipiscing",
  "this is a demonstration store",
  "this is a demo store",
  "this is a test store",
  "dette er en demobutik",
  "dette er en testbutik",
  "placeholder text",
  "pladsholdertekst",
];

// One case-insensitive alternation of literal words joined by \s+: linear, no backtracking
// blow-up, and no lower-cased or whitespace-collapsed copy of a long description.
const PATTERN = new RegExp(
  PLACEHOLDER_PHRASES.map((phrase) => phrase.split(" ").join("\\s+")).join("|"),
  "iu",
);

/** The placeholder phrase found in `text` (as listed above), or null. */
export function findPlaceholder(text: string): string | null {
  const match = PATTERN.exec(text);
  return match === null ? null : match[0].replace(/\s+/g, " ").toLowerCase();
}
