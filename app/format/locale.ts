/**
 * Who the text is for: a language ("da" / "en"), the Intl locale it becomes with the shop's
 * country (da + DK → "da-DK", en + DK → "en-DK"), the shop's currency and its time zone. Every
 * formatter in app/format takes one.
 */
export type Language = "en" | "da";

export interface Formatter {
  language: Language;
  /** BCP 47 tag used with Intl. */
  locale: string;
  currencyCode: string | null;
  timeZone: string;
}

export function intlLocale(language: Language, countryCode: string | null): string {
  const tag =
    countryCode && /^[A-Z]{2}$/.test(countryCode) ? `${language}-${countryCode}` : language;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? language;
  } catch {
    return language;
  }
}

export function formatter(
  language: Language,
  shop: { currencyCode: string | null; countryCode: string | null },
  timeZone: string,
): Formatter {
  return {
    language,
    locale: intlLocale(language, shop.countryCode),
    currencyCode: shop.currencyCode,
    timeZone,
  };
}
