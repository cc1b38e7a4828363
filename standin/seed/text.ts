/** Small text helpers shared by the seeders. */

const DANISH: Record<string, string> = {
  æ: "ae",
  ø: "oe",
  å: "aa",
  ä: "ae",
  ö: "oe",
  ü: "ue",
  é: "e",
  è: "e",
};

/** Shopify-style handle: lower-case ASCII words joined by hyphens (æ → ae, ø → oe, å → aa). */
export function handleize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æøåäöüéè]/g, (c) => DANISH[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Words in the visible text of an HTML fragment (what a shopper reads). */
export function wordCount(html: string): number {
  const text = html.replace(/<[^>]*>/g, " ").replace(/&[a-z#0-9]+;/gi, " ");
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Cuts at a word boundary so the result is at most `max` characters. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return (space > 0 ? cut.slice(0, space) : text.slice(0, max))
    .replace(/[,;:–-]\s*$/, "")
    .trimEnd();
}
