/**
 * product-qa — public UI: React components other code (routes) may render.
 * Code outside app/product-qa/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { AuditRunCard } from "./AuditRunCard";
export { FindingsFilters } from "./findings-filters";
export { FindingsTable, type Selection } from "./findings-table";
export { FixLink } from "./fix-link";
export { ProductDrawer } from "./product-drawer";
export { RuleGroups } from "./rule-groups";
export { RuleSettingsModal } from "./rule-settings-modal";
export { ScoreCard } from "./score-card";
export { SuppressModal } from "./suppress-modal";
export {
  ActionBanner,
  FindingsCard,
  NeverRunCard,
  NothingToFixCard,
  RunBanners,
  downloadCsv,
  useSelectionActions,
  withParams,
} from "./products-page";
