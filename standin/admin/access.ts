/**
 * Protected customer data, as Shopify enforces it on the Admin API (ledger:
 * docs/fidelity/access.md).
 *
 * - A field whose `requiredAccess` (2026-10 schema) names a protected customer data level besides
 *   a scope is refused with Shopify's ACCESS_DENIED error when either is missing, worded with the
 *   field's whole requirement (`shopifyqlQuery`: `read_reports` and level 2).
 * - A protected type or field the app is not approved for answers `null` with an error in the
 *   `errors` list, HTTP 200, worded as shopify.dev's example
 *   (shopify.dev/docs/apps/launch/protected-customer-data#using-protected-customer-data): "This app
 *   is not approved to access the Customer object. See https://partners.shopify.com/…/customer_data
 *   for more details." — with `path` and `locations`, and no `extensions` (the example has none).
 *
 * The approved level is per store (`StandinStore.protectedCustomerData`, default 2); tests and the
 * demo change it with `Standin.setProtectedCustomerData`.
 */
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { ProtectedCustomerDataLevel } from "../store/types";
import { hasScope } from "./common";
import type { AdminContext } from "./context";

export const DEFAULT_PROTECTED_CUSTOMER_DATA: ProtectedCustomerDataLevel = 2;

/** `requiredAccess` of QueryRoot.shopifyqlQuery in the official 2026-10 Admin schema, verbatim. */
export const SHOPIFYQL_REQUIRED_ACCESS =
  "`read_reports` access scope. Also: Level 2 access to Customer data including name, address, phone, and email fields. Please refer to protected customer data [requirements](https://shopify.dev/docs/apps/launch/protected-customer-data).";

export function protectedLevel(context: AdminContext): ProtectedCustomerDataLevel {
  return context.store.protectedCustomerData ?? DEFAULT_PROTECTED_CUSTOMER_DATA;
}

/** Shopify's ACCESS_DENIED for a field that needs a scope and a protected customer data level. */
export function requireScopeAndLevel(
  context: AdminContext,
  info: GraphQLResolveInfo,
  access: { scope: string; level: ProtectedCustomerDataLevel; requiredAccess: string },
): void {
  if (hasScope(context, access.scope) && protectedLevel(context) >= access.level) return;
  throw new GraphQLError(
    `Access denied for ${info.fieldName} field. Required access: ${access.requiredAccess}`,
    {
      extensions: {
        code: "ACCESS_DENIED",
        documentation: "https://shopify.dev/api/usage/access-scopes",
        requiredAccess: access.requiredAccess,
      },
    },
  );
}

/** Shopify's refusal of a protected type the app is not approved for (null plus this error). */
export function notApproved(context: AdminContext, typeName: string): GraphQLError {
  return new GraphQLError(
    `This app is not approved to access the ${typeName} object. See https://partners.shopify.com/1/apps/${context.appApiKey}/customer_data for more details.`,
  );
}

/** Level 1 or more: the Customer object (without its name, address, phone and email fields). */
export function requireCustomerData(context: AdminContext): void {
  if (protectedLevel(context) < 1) throw notApproved(context, "Customer");
}

/** Level 2: a customer's name, address, phone or email field. */
export function requireCustomerFields(context: AdminContext): void {
  if (protectedLevel(context) < 2) throw notApproved(context, "Customer");
}
