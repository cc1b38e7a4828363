/**
 * Shopify's limits on bulk query operations (shopify.dev/docs/api/usage/bulk-operations/queries):
 * an operation may run up to 10 days; Shopify ends it itself after that.
 */
export const SHOPIFY_BULK_QUERY_LIMIT_MS = 10 * 24 * 3_600_000;
