/** Small helpers shared by the Admin resolver modules. */
import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from "graphql";
import { compileSearch, type SearchSpec } from "../graphql/search";
import type { View } from "../graphql/view";
import type { AdminContext } from "./context";

/** The number at the end of a GID (`gid://shopify/Product/1001` → 1001), 0 if there is none. */
export function legacyId(gid: string): number {
  const m = /\/(\d+)(?:\?.*)?$/.exec(gid);
  return m ? Number(m[1]) : 0;
}

export function gidType(gid: string): string | undefined {
  return /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(gid)?.[1];
}

export function money(amount: string | number, currencyCode: string): View {
  const value = typeof amount === "number" ? amount.toFixed(2) : amount;
  return { amount: value, currencyCode };
}

export function moneyBag(amount: string | number, currencyCode: string): View {
  const m = money(amount, currencyCode);
  return { shopMoney: m, presentmentMoney: m };
}

export function timestamp(iso: string): number {
  return Date.parse(iso);
}

/** Shopify's `Count` object; `limit` caps the count (default per field) and sets the precision. */
export function countView(total: number, limit: unknown): View {
  const cap = typeof limit === "number" ? limit : null;
  const capped = cap !== null && total > cap;
  return { count: capped ? cap : total, precision: capped ? "AT_LEAST" : "EXACT" };
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** `read_x` is granted by `read_x` or `write_x`. */
export function hasScope(context: AdminContext, scope: string): boolean {
  return context.scopes.has(scope) || context.scopes.has(scope.replace(/^read_/, "write_"));
}

export function requireScope(context: AdminContext, info: GraphQLResolveInfo, scope: string): void {
  if (hasScope(context, scope)) return;
  const requiredAccess = `\`${scope}\` access scope.`;
  throw new GraphQLError(
    `Access denied for ${info.fieldName} field. Required access: ${requiredAccess}`,
    {
      extensions: {
        code: "ACCESS_DENIED",
        documentation: "https://shopify.dev/api/usage/access-scopes",
        requiredAccess,
      },
    },
  );
}

/** Filters with Shopify's search syntax and records unknown-field warnings for the response. */
export function search<T>(
  items: readonly T[],
  query: unknown,
  spec: SearchSpec<T>,
  context: AdminContext,
  info: GraphQLResolveInfo,
): T[] {
  const text = typeof query === "string" ? query : null;
  const compiled = compileSearch(text, spec);
  if (compiled.warnings.length > 0 && text !== null) {
    context.searchReports.push({
      path: responsePathAsArray(info.path),
      query: text,
      warnings: compiled.warnings,
    });
  }
  return items.filter(compiled.matches);
}

export function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function truncate(text: string, at: unknown): string {
  return typeof at === "number" && text.length > at ? `${text.slice(0, at)}…` : text;
}
