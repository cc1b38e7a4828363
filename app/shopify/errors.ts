/** Typed errors of the Shopify client layer. Callers branch on `code`, never on message text. */

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export class ShopifyApiError extends Error {
  override name = "ShopifyApiError";
  constructor(
    message: string,
    readonly code:
      | "HTTP"
      | "GRAPHQL"
      | "USER_ERRORS"
      | "THROTTLED"
      | "MAX_COST_EXCEEDED"
      | "NETWORK"
      | "BAD_RESPONSE"
      | "BULK",
    readonly details: {
      status?: number;
      errors?: GraphQLErrorEntry[];
      userErrors?: unknown[];
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }
}
