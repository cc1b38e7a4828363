/**
 * `bulkOperationRunQuery` takes its query as text and no variables. The bulk queries live as
 * validated, codegen'd documents with variables (bulk.graphql); this prints one with the
 * variables written in as literals and the variable definitions removed. The bulk queries'
 * variables are IDs, strings and booleans, the literals this writes.
 */
import { Kind, print, visit, type DocumentNode, type ValueNode } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

function literal(name: string, value: unknown): ValueNode {
  if (typeof value === "string") return { kind: Kind.STRING, value };
  if (typeof value === "boolean") return { kind: Kind.BOOLEAN, value };
  throw new TypeError(`bulk query variable $${name} must be a string or a boolean`);
}

export function inlineVariables<R, V extends Record<string, unknown>>(
  document: TypedDocumentNode<R, V>,
  variables: V,
): string {
  const inlined: DocumentNode = visit(document, {
    OperationDefinition: (node) => ({ ...node, variableDefinitions: [] }),
    Variable: (node) => literal(node.name.value, variables[node.name.value]),
  });
  return print(inlined);
}
