/**
 * product-qa — public surface safe for client and server: types and pure functions.
 * Code outside app/product-qa/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { exemptionCaveats } from "./domain/context";
export { amount } from "./domain/rule-model";
export { availableTotal } from "./domain/rules/inventory";
export { computeHealthScore, explainCategoryScore, type HealthScore } from "./domain/score";
export { type AuditSettings, DEFAULT_AUDIT_SETTINGS } from "./domain/settings";
export { type Suppression } from "./domain/suppressions";
export { productQaAudit, ruleDefinition } from "./server/audits";
export { csvLine, findingCsvLine, FINDINGS_CSV_HEADER } from "./server/findings-csv";
export { hasFilters, parseProductsQuery } from "./server/products-query";
export { CollectionPercent, collectionPhase } from "./server/progress";
export { parseStoredFindings, parseSummary } from "./server/summary";
