/** Typed errors of the Shopify client layer. Callers branch on `code`, never on message text. */

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface UserErrorEntry {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

export type ShopifyApiErrorCode =
  /** An HTTP failure that is not one of the cases below (4xx other than 401/403/429, or 5xx after retries). */
  | "HTTP"
  /** 401/403: the access token is missing, wrong, expired or revoked. */
  | "UNAUTHORIZED"
  /** A GraphQL `ACCESS_DENIED` error: the app lacks the access scope for a field. */
  | "ACCESS_DENIED"
  /** Any other GraphQL error (validation, resolver errors, partial data). */
  | "GRAPHQL"
  /** Mutation `userErrors`. */
  | "USER_ERRORS"
  /** Still throttled after the bounded number of waits for the bucket to refill. */
  | "THROTTLED"
  /** The document's requested cost is above Shopify's single-query ceiling. */
  | "MAX_COST_EXCEEDED"
  /** Network failure (after retries). */
  | "NETWORK"
  /** A response that is not a GraphQL answer (no data, not JSON). */
  | "BAD_RESPONSE"
  /** A bulk operation that failed, was canceled, or could not be started or read. */
  | "BULK"
  /** A bulk result file that could not be downloaded (expired URL, HTTP error, timeout). */
  | "DOWNLOAD";

export interface BulkOperationReport {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: number;
  /** Objects in the partial result file of a failed operation, when Shopify provides one. */
  partialObjectCount?: number;
}

export class ShopifyApiError extends Error {
  override name = "ShopifyApiError";
  constructor(
    message: string,
    readonly code: ShopifyApiErrorCode,
    readonly details: {
      status?: number;
      errors?: GraphQLErrorEntry[];
      userErrors?: UserErrorEntry[];
      bulkOperation?: BulkOperationReport;
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }
}

export function isShopifyApiError(
  error: unknown,
  code?: ShopifyApiErrorCode,
): error is ShopifyApiError {
  return error instanceof ShopifyApiError && (code === undefined || error.code === code);
}
