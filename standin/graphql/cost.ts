/**
 * Shopify's calculated query cost (documented in docs/standin.md, "Cost model"):
 *
 * - scalar and enum fields cost 0; an object field costs 1 plus its selection;
 * - a connection costs 2 + (first | last) × (cost of one node's selection, the node itself
 *   counting 1); `edges`, `cursor` and `pageInfo` are free;
 * - an interface or union costs the maximum over its possible types;
 * - a list of objects that is not a connection costs like one object;
 * - each top-level mutation field costs 10.
 *
 * The requested cost is computed from the document before execution; the actual cost walks the
 * same document over the response data, counting the nodes that came back.
 */
import {
  getArgumentValues,
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import {
  collectFields,
  concreteTypes,
  isConnectionType,
  subSelection,
  type CollectedField,
  type WalkScope,
} from "./walk";

export const MUTATION_COST = 10;

type Mode = { kind: "requested" } | { kind: "actual" };

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

class CostWalker {
  constructor(private readonly scope: WalkScope) {}

  operation(operation: OperationDefinitionNode, mode: Mode, data: unknown): number {
    const rootType = this.scope.schema.getRootType(operation.operation);
    if (!rootType) return 0;
    if (operation.operation === "mutation") {
      return MUTATION_COST * collectFields(this.scope, operation.selectionSet, rootType).length;
    }
    return this.object(operation.selectionSet, rootType, mode, data);
  }

  private selection(
    set: SelectionSetNode | undefined,
    type: GraphQLCompositeType,
    mode: Mode,
    data: unknown,
  ): number {
    if (mode.kind === "actual") return this.object(set, type, mode, data);
    let max = 0;
    for (const concrete of concreteTypes(this.scope.schema, type))
      max = Math.max(max, this.object(set, concrete, mode, data));
    return max;
  }

  private object(
    set: SelectionSetNode | undefined,
    type: GraphQLCompositeType,
    mode: Mode,
    data: unknown,
  ): number {
    const record = asRecord(data);
    let total = 0;
    for (const field of collectFields(this.scope, set, type)) {
      if (mode.kind === "actual" && !(record && field.responseKey in record)) continue;
      total += this.field(field, mode, record?.[field.responseKey]);
    }
    return total;
  }

  private field(field: CollectedField, mode: Mode, value: unknown): number {
    const named = getNamedType(field.def.type);
    if (isLeafType(named)) return 0;
    if (mode.kind === "actual" && (value === null || value === undefined)) return 0;
    const set = subSelection(field);
    const composite = named as GraphQLCompositeType;
    if (isConnectionType(named)) return 2 + this.connection(field, named, set, mode, value);
    const unwrapped = isNonNullType(field.def.type) ? field.def.type.ofType : field.def.type;
    if (isListType(unwrapped) && mode.kind === "actual") {
      const items = Array.isArray(value) ? value : [];
      return (
        1 +
        items.reduce<number>(
          (max, item) => Math.max(max, this.selection(set, composite, mode, item)),
          0,
        )
      );
    }
    return 1 + this.selection(set, composite, mode, value);
  }

  /** Cost of a connection's selection without its base 2. */
  private connection(
    field: CollectedField,
    type: GraphQLObjectType,
    set: SelectionSetNode | undefined,
    mode: Mode,
    value: unknown,
  ): number {
    const record = asRecord(value);
    let total = 0;
    for (const child of collectFields(this.scope, set, type)) {
      if (mode.kind === "actual" && !(record && child.responseKey in record)) continue;
      const childValue = record?.[child.responseKey];
      if (child.def.name === "nodes") total += this.nodes(field, child, mode, childValue, (n) => n);
      else if (child.def.name === "edges") total += this.edges(field, child, mode, childValue);
      else if (child.def.name !== "pageInfo") total += this.field(child, mode, childValue);
    }
    return total;
  }

  private edges(
    connectionField: CollectedField,
    edges: CollectedField,
    mode: Mode,
    value: unknown,
  ): number {
    const edgeType = getNamedType(edges.def.type);
    if (!isObjectType(edgeType)) return 0;
    let total = 0;
    for (const child of collectFields(this.scope, subSelection(edges), edgeType)) {
      if (child.def.name !== "node") continue;
      total += this.nodes(
        connectionField,
        child,
        mode,
        value,
        (edge) => asRecord(edge)?.[child.responseKey],
      );
    }
    return total;
  }

  private nodes(
    connectionField: CollectedField,
    nodeField: CollectedField,
    mode: Mode,
    value: unknown,
    pick: (item: unknown) => unknown,
  ): number {
    const nodeType = getNamedType(nodeField.def.type) as GraphQLCompositeType;
    const set = subSelection(nodeField);
    if (mode.kind === "requested")
      return this.pageSize(connectionField) * (1 + this.selection(set, nodeType, mode, undefined));
    const items = Array.isArray(value) ? value : [];
    return items.reduce<number>((sum, item) => {
      const node = pick(item);
      return node === null || node === undefined
        ? sum
        : sum + 1 + this.selection(set, nodeType, mode, node);
    }, 0);
  }

  private pageSize(field: CollectedField): number {
    const [node] = field.nodes;
    if (!node) return 0;
    try {
      const args = getArgumentValues(field.def, node, this.scope.variables);
      const size =
        typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : 0;
      return Math.max(0, size);
    } catch {
      return 0;
    }
  }
}

export function requestedQueryCost(scope: WalkScope, operation: OperationDefinitionNode): number {
  return new CostWalker(scope).operation(operation, { kind: "requested" }, undefined);
}

export function actualQueryCost(
  scope: WalkScope,
  operation: OperationDefinitionNode,
  data: unknown,
): number {
  return new CostWalker(scope).operation(operation, { kind: "actual" }, data);
}
