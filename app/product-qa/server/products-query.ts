/**
 * The Products page's view as URL search parameters, so that every filtered, sorted page is a
 * link (and the CSV export takes the same link). Repeated parameters are "any of":
 *
 *   ?severity=critical&severity=warning&rule=variant.zero-price&vendor=Bølge&type=Telt
 *   &change=new&suppressed=show&sort=product&page=3&product=gid://shopify/Product/1
 *
 * Values this code does not know are ignored rather than refused: an old bookmark still opens.
 */
import type { FindingChange } from "~/product-qa/domain/history";
import { SEVERITIES, type Severity } from "~/findings/severity";

export const PAGE_SIZE = 50;

export const SEVERITY_VALUES: readonly Severity[] = SEVERITIES;
export const CHANGE_VALUES: readonly FindingChange[] = ["new", "persisting", "regressed"];
export const SUPPRESSED_VALUES = ["hide", "show", "only"] as const;
export const SORT_VALUES = ["severity", "product", "rule", "newest"] as const;

export type SuppressedView = (typeof SUPPRESSED_VALUES)[number];
export type SortValue = (typeof SORT_VALUES)[number];

export interface ProductsQuery {
  severity: Severity[];
  rule: string[];
  vendor: string[];
  type: string[];
  change: FindingChange[];
  suppressed: SuppressedView;
  sort: SortValue;
  /** 1-based. */
  page: number;
  /** The product whose findings are open in the drawer. */
  product: string | null;
}

/** The parameters that filter (not sort, page or open the drawer). */
export const FILTER_PARAMS = [
  "severity",
  "rule",
  "vendor",
  "type",
  "change",
  "suppressed",
] as const;

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return allowed.find((a) => a === value);
}

function manyOf<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return [...new Set(values.flatMap((v) => allowed.filter((a) => a === v)))];
}

const MAX_VALUES = 100;

function strings(params: URLSearchParams, name: string): string[] {
  return [...new Set(params.getAll(name).map((v) => v.trim()))].slice(0, MAX_VALUES);
}

export function parseProductsQuery(params: URLSearchParams): ProductsQuery {
  const page = Number(params.get("page"));
  const product = params.get("product");
  return {
    severity: manyOf(SEVERITY_VALUES, params.getAll("severity")),
    // Rule ids are kept as given: a rule a later version removed still filters its old findings.
    rule: strings(params, "rule").filter((v) => v !== ""),
    // "" is a real value here: the products without a vendor or product type.
    vendor: strings(params, "vendor"),
    type: strings(params, "type"),
    change: manyOf(CHANGE_VALUES, params.getAll("change")),
    suppressed: oneOf(SUPPRESSED_VALUES, params.get("suppressed")) ?? "hide",
    sort: oneOf(SORT_VALUES, params.get("sort")) ?? "severity",
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    product: product && product.length <= 200 ? product : null,
  };
}

export function hasFilters(query: ProductsQuery): boolean {
  return (
    query.severity.length +
      query.rule.length +
      query.vendor.length +
      query.type.length +
      query.change.length >
      0 || query.suppressed !== "hide"
  );
}
