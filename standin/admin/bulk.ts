/** Bulk operations as seen through the Admin API: queries and the run/cancel mutations. */
import { connection, type PageArgs, type SortValue } from "../graphql/connection";
import type { SearchSpec } from "../graphql/search";
import type { FieldFn, View } from "../graphql/view";
import type { BulkOperationRecord } from "../bulk/types";
import { legacyId, search } from "./common";
import type { AdminContext } from "./context";

/** Shopify's DateTime format: second precision, `Z`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function bulkOperationView(op: BulkOperationRecord): View {
  return {
    __typename: "BulkOperation",
    id: op.id,
    status: op.status,
    errorCode: op.errorCode,
    createdAt: isoSeconds(op.createdAt),
    completedAt: op.completedAt === null ? null : isoSeconds(op.completedAt),
    objectCount: String(op.objectCount),
    rootObjectCount: String(op.rootObjectCount),
    fileSize: op.fileSize === null ? null : String(op.fileSize),
    url: op.url,
    partialDataUrl: op.partialDataUrl,
    type: "QUERY",
    query: op.query,
  };
}

const BULK_SEARCH: SearchSpec<BulkOperationRecord> = {
  fields: {
    id: { type: "number", get: (op) => legacyId(op.id) },
    status: { type: "enum", get: (op) => op.status },
    operation_type: { type: "enum", get: () => "QUERY" },
    created_at: { type: "date", get: (op) => isoSeconds(op.createdAt) },
  },
  text: () => [],
};

export const bulkRoot: Record<string, FieldFn<AdminContext>> = {
  bulkOperation: ({ id }, ctx) => {
    const op = ctx.bulk.get(String(id));
    return op ? bulkOperationView(op) : null;
  },
  bulkOperations: (args, ctx, info) => {
    const a = args as PageArgs & { query?: string; sortKey?: string };
    const ops = search(ctx.bulk.list(), a.query, BULK_SEARCH, ctx, info);
    const sortValue =
      a.sortKey === "COMPLETED_AT"
        ? (op: BulkOperationRecord): SortValue => op.completedAt
        : (op: BulkOperationRecord): SortValue => op.createdAt;
    return connection(
      ops,
      { id: (op) => legacyId(op.id), sortValue, node: bulkOperationView },
      a,
      ctx,
      info,
    );
  },
  currentBulkOperation: ({ type }, ctx) => {
    if (type === "MUTATION") return null;
    const latest = ctx.bulk.list().at(-1);
    return latest ? bulkOperationView(latest) : null;
  },
};

export const bulkMutations: Record<string, FieldFn<AdminContext>> = {
  bulkOperationRunQuery: ({ query, groupObjects }, ctx) => {
    const result = ctx.bulk.runQuery(String(query), groupObjects === true);
    return {
      bulkOperation: result.operation ? bulkOperationView(result.operation) : null,
      userErrors: result.userErrors,
    };
  },
  bulkOperationCancel: ({ id }, ctx) => {
    const result = ctx.bulk.cancel(String(id));
    return {
      bulkOperation: result.operation ? bulkOperationView(result.operation) : null,
      userErrors: result.userErrors,
    };
  },
};
