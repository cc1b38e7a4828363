/**
 * Words of the report's PDF and email in English and Danish (the report's own words are in
 * i18n.ts). Kept apart so the delivery can change without touching the report's texts.
 */
import type { ReportLanguage } from "./types";

const en = {
  page: "Page {page} of {pages}",
  preparedBy: "Prepared by",
  shop: "Shop",
  emailSubject: "{title}: {month} · {shop}",
  emailIntro:
    "Here is the monthly report for {shop}, {month}. The full report is attached as a PDF.",
  emailScore: "Health score: {score} (previous month: {previous}).",
  emailChanges: "What changed:",
  emailFooter: "Sent by {sender} with Tovholder.",
  attachmentName: "report-{shop}-{month}.pdf",
};

export type DeliveryStrings = typeof en;

const da: DeliveryStrings = {
  page: "Side {page} af {pages}",
  preparedBy: "Udarbejdet af",
  shop: "Butik",
  emailSubject: "{title}: {month} · {shop}",
  emailIntro: "Her er månedsrapporten for {shop}, {month}. Hele rapporten er vedhæftet som PDF.",
  emailScore: "Sundhedsscore: {score} (forrige måned: {previous}).",
  emailChanges: "Det vigtigste, der er ændret:",
  emailFooter: "Sendt af {sender} med Tovholder.",
  attachmentName: "rapport-{shop}-{month}.pdf",
};

export function deliveryStrings(language: ReportLanguage): DeliveryStrings {
  return language === "da" ? da : en;
}

/** Fills {name} placeholders (values are inserted as they are; escape for HTML afterwards). */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}
