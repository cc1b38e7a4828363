/**
 * What each job is called where a merchant reads it (run history, run cards), in English and
 * Danish: one entry per job id of definitions.ts, and nothing else names a job. A test fails when
 * a defined job has no label here (tests/jobs/labels.test.ts). Safe for client and server: it
 * imports nothing, so the UI can use it without the job definitions and their handlers.
 */
export type LabelLanguage = "en" | "da";

export const JOB_LABELS: Readonly<Record<string, Record<LabelLanguage, string>>> = {
  "audit.run-shop": { en: "Full audit", da: "Fuld gennemgang" },
  "audit.product": { en: "Product re-check", da: "Gentjek af produkt" },
  "maintenance.cleanup": { en: "Maintenance", da: "Vedligeholdelse" },
  "maintenance.compact": { en: "Database compaction", da: "Komprimering af databasen" },
  "alerts.deliver": { en: "Alerts", da: "Advarsler" },
  "checkout.synthetic": { en: "Checkout checks", da: "Checkout-tjek" },
  "perf.http": { en: "Storefront measurement", da: "Måling af butikken" },
  "perf.lighthouse": { en: "Lighthouse", da: "Lighthouse" },
  "report.monthly": { en: "Monthly report", da: "Månedsrapport" },
};

/** The job's label, or its id when it has none (a run of a job that no longer exists). */
export function jobLabel(jobId: string, language: LabelLanguage = "en"): string {
  return JOB_LABELS[jobId]?.[language] ?? jobId;
}
