/**
 * Field collection over an operation's selection sets (fragments, inline fragments, @skip and
 * @include resolved), shared by the cost calculator and the bulk-result writer, which both walk
 * the document alongside the response data.
 */
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";

export interface CollectedField {
  responseKey: string;
  def: GraphQLField<unknown, unknown>;
  /** All nodes selecting this response key (their sub-selections are merged). */
  nodes: FieldNode[];
}

export interface WalkScope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function included(
  scope: WalkScope,
  node: FieldNode | { directives?: FieldNode["directives"] },
): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, scope.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, scope.variables);
  return include?.if !== false;
}

/**
 * Collects the fields selected on a value of `type`. With an object type, fragments apply only
 * when their type condition matches it; with an abstract type (runtime type unknown), every
 * fragment is included and the response data decides which keys are present.
 */
export function collectFields(
  scope: WalkScope,
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLCompositeType,
): CollectedField[] {
  const byKey = new Map<string, CollectedField>();
  const visit = (set: SelectionSetNode | undefined, within: GraphQLCompositeType): void => {
    for (const selection of set?.selections ?? []) {
      if (!included(scope, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (isObjectType(within) || isInterfaceType(within)) {
          const def = within.getFields()[selection.name.value];
          if (!def) continue; // __typename and other meta fields
          const responseKey = (selection.alias ?? selection.name).value;
          const existing = byKey.get(responseKey);
          if (existing) existing.nodes.push(selection);
          else byKey.set(responseKey, { responseKey, def, nodes: [selection] });
        }
        continue;
      }
      const condition =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.typeCondition
          : scope.fragments[selection.name.value]?.typeCondition;
      const body =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : scope.fragments[selection.name.value]?.selectionSet;
      const conditionType = condition
        ? (scope.schema.getType(condition.name.value) as GraphQLCompositeType | undefined)
        : within;
      if (!conditionType || !applies(scope.schema, conditionType, type)) continue;
      visit(body, conditionType);
    }
  };
  visit(selectionSet, type);
  return [...byKey.values()];
}

function applies(
  schema: GraphQLSchema,
  condition: GraphQLCompositeType,
  type: GraphQLCompositeType,
): boolean {
  if (condition === type || isAbstractType(type)) return true;
  return isAbstractType(condition) && isObjectType(type) && schema.isSubType(condition, type);
}

/** The sub-selection of a collected field: the selections of all its nodes, merged. */
export function subSelection(field: CollectedField): SelectionSetNode | undefined {
  const sets = field.nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  if (sets.length <= 1) return sets[0];
  return { kind: Kind.SELECTION_SET, selections: sets.flatMap((s) => s.selections) };
}

/** Shopify's Relay connections: `…Connection` object types with `pageInfo` and `edges`/`nodes`. */
export function isConnectionType(type: GraphQLNamedType): type is GraphQLObjectType {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return false;
  const fields = type.getFields();
  return "pageInfo" in fields && ("edges" in fields || "nodes" in fields);
}

export function concreteTypes(
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
): readonly GraphQLObjectType[] {
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
}
