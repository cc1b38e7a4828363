/**
 * Checks a bulk query the way `bulkOperationRunQuery` does before accepting it: it must parse
 * and validate against the schema, be a single query whose top-level field is a connection,
 * contain at most 5 connections nested at most 2 levels below the top-level one, no connection
 * inside a list field (Shopify: "Queries that contain a connection field within a list field are
 * not currently supported", e.g. `orders { … refunds { refundLineItems { … } } }`), and select
 * `id` on every node that has a nested connection (needed for `__parentId`).
 */
import {
  Kind,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isListType,
  type DocumentNode,
  type GraphQLCompositeType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { DocumentChecker } from "../graphql/pipeline";
import {
  collectFields,
  isConnectionType,
  subSelection,
  type CollectedField,
  type WalkScope,
} from "../graphql/walk";
import type { BulkUserError } from "./types";

export const MAX_CONNECTIONS = 5;
export const MAX_NESTING = 2;

export interface ValidBulkQuery {
  document: DocumentNode;
  scope: WalkScope;
  operation: OperationDefinitionNode;
}

function invalid(message: string): BulkUserError {
  return { field: ["query"], message, code: "INVALID" };
}

/** The node selections of a connection field: `edges { node }` and `nodes`. */
export function nodeSelections(
  scope: WalkScope,
  connection: CollectedField,
): { field: CollectedField; type: GraphQLCompositeType; set: SelectionSetNode | undefined }[] {
  const type = getNamedType(connection.def.type) as GraphQLCompositeType;
  const result: {
    field: CollectedField;
    type: GraphQLCompositeType;
    set: SelectionSetNode | undefined;
  }[] = [];
  for (const child of collectFields(scope, subSelection(connection), type)) {
    if (child.def.name === "nodes")
      result.push({
        field: child,
        type: getNamedType(child.def.type) as GraphQLCompositeType,
        set: subSelection(child),
      });
    if (child.def.name !== "edges") continue;
    const edgeType = getNamedType(child.def.type) as GraphQLCompositeType;
    for (const edgeField of collectFields(scope, subSelection(child), edgeType)) {
      if (edgeField.def.name === "node")
        result.push({
          field: edgeField,
          type: getNamedType(edgeField.def.type) as GraphQLCompositeType,
          set: subSelection(edgeField),
        });
    }
  }
  return result;
}

interface Census {
  connections: number;
  deepest: number;
  parentsWithoutId: string[];
  /** Connections selected inside a list field (of the enclosing node). */
  withinList: string[];
}

/** Walks non-connection objects and counts the connections under them. */
function census(
  scope: WalkScope,
  set: SelectionSetNode | undefined,
  type: GraphQLCompositeType,
  depth: number,
  out: Census,
  inList = false,
): boolean {
  let hasNested = false;
  for (const field of collectFields(scope, set, type)) {
    const named = getNamedType(field.def.type);
    if (isConnectionType(named)) {
      hasNested = true;
      out.connections++;
      out.deepest = Math.max(out.deepest, depth);
      if (inList) out.withinList.push(field.def.name);
      for (const node of nodeSelections(scope, field)) {
        const nestedBelow = census(scope, node.set, node.type, depth + 1, out);
        const selectsId = collectFields(scope, node.set, node.type).some(
          (f) => f.responseKey === "id" && f.def.name === "id",
        );
        if (nestedBelow && !selectsId) out.parentsWithoutId.push(field.def.name);
      }
    } else if (isCompositeType(named)) {
      const list = inList || isListType(getNullableType(field.def.type));
      hasNested = census(scope, subSelection(field), named, depth, out, list) || hasNested;
    }
  }
  return hasNested;
}

export function validateBulkQuery(
  checker: DocumentChecker,
  query: string,
): ValidBulkQuery | { errors: BulkUserError[] } {
  const checked = checker.check(query);
  if ("errors" in checked)
    return {
      errors: [invalid(`Invalid bulk query: ${checked.errors.map((e) => e.message).join(", ")}`)],
    };
  const operation = getOperationAST(checked.document);
  if (!operation)
    return {
      errors: [invalid("Invalid bulk query: the document must contain exactly one operation.")],
    };
  if (operation.operation !== "query")
    return { errors: [invalid("Invalid bulk query: bulk queries must be query operations.")] };
  const schema = checker.schema;
  const scope: WalkScope = { schema, fragments: {}, variables: {} };
  for (const definition of checked.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      scope.fragments[definition.name.value] = definition;
  }
  const queryType = schema.getQueryType();
  if (!queryType) return { errors: [invalid("Invalid bulk query: no query type.")] };
  const top = collectFields(scope, operation.selectionSet, queryType);
  const first = top[0];
  if (top.length !== 1 || !first)
    return { errors: [invalid("Bulk queries must contain exactly one top-level field.")] };
  if (!isConnectionType(getNamedType(first.def.type))) {
    return {
      errors: [
        invalid(
          `Bulk queries must have a connection as the top-level field; '${first.def.name}' is not a connection.`,
        ),
      ],
    };
  }
  const out: Census = { connections: 0, deepest: 0, parentsWithoutId: [], withinList: [] };
  census(scope, operation.selectionSet, queryType, 0, out);
  const errors: BulkUserError[] = [];
  if (out.connections > MAX_CONNECTIONS)
    errors.push(invalid(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`));
  if (out.deepest > MAX_NESTING)
    errors.push(
      invalid(
        `Bulk queries cannot contain connections with a nesting depth greater than ${MAX_NESTING}.`,
      ),
    );
  if (out.withinList.length > 0)
    errors.push(
      invalid(
        "Queries that contain a connection field within a list field are not currently supported.",
      ),
    );
  if (out.parentsWithoutId.length > 0) {
    errors.push(
      invalid(
        `The parent 'node' field for a nested connection must select the 'id' field without an alias and must be of 'Node' type. Connection fields without 'id': ${[...new Set(out.parentsWithoutId)].join(", ")}.`,
      ),
    );
  }
  return errors.length > 0 ? { errors } : { document: checked.document, scope, operation };
}
