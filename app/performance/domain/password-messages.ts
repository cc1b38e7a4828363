/**
 * What the manager reads about the storefront password, in English and Danish. Pure: no I/O.
 * The language follows Shopify admin's `locale` (passed to embedded apps as a query parameter),
 * else the browser's Accept-Language; anything but Danish reads English.
 */
export type PasswordLanguage = "en" | "da";

export function passwordLanguage(
  localeOrAcceptLanguage: string | null | undefined,
): PasswordLanguage {
  const first = (localeOrAcceptLanguage ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first === "da" || first.startsWith("da-") ? "da" : "en";
}

export type PasswordOutcome =
  "empty" | "accepted" | "not-protected" | "rejected" | "unreachable" | "removed";

const MESSAGES: Record<PasswordLanguage, Record<PasswordOutcome, string>> = {
  en: {
    empty: "Enter the storefront password.",
    accepted: "The storefront accepted the password. It is saved (encrypted).",
    "not-protected":
      "Saved (encrypted), though the storefront is not password-protected at the moment, so it is not needed.",
    rejected:
      "The storefront did not accept this password, so it was not saved. Copy it from Online Store → Preferences in Shopify admin and try again.",
    unreachable:
      "Saved (encrypted), but the storefront could not be reached to check the password. The next measurement will tell whether it works.",
    removed: "Storefront password removed.",
  },
  da: {
    empty: "Indtast butikkens adgangskode.",
    accepted: "Butikken godkendte adgangskoden. Den er gemt (krypteret).",
    "not-protected":
      "Gemt (krypteret), men butikken er ikke beskyttet med adgangskode lige nu, så den er ikke nødvendig.",
    rejected:
      "Butikken godkendte ikke adgangskoden, så den blev ikke gemt. Kopiér den fra Onlinebutik → Præferencer i Shopify admin, og prøv igen.",
    unreachable:
      "Gemt (krypteret), men butikken kunne ikke nås, så adgangskoden kunne ikke kontrolleres. Næste måling viser, om den virker.",
    removed: "Butikkens adgangskode er fjernet.",
  },
};

export function passwordMessage(outcome: PasswordOutcome, lang: PasswordLanguage): string {
  return MESSAGES[lang][outcome];
}

/** The demo shop's hint, where the password is entered. */
export function demoPasswordHint(password: string, lang: PasswordLanguage): string {
  return lang === "da"
    ? `Demobutikken er beskyttet med adgangskode. Adgangskoden er ${password} (i en rigtig butik: Onlinebutik → Præferencer).`
    : `The demo storefront is password-protected. Its password is ${password} (in a real shop: Online Store → Preferences).`;
}
