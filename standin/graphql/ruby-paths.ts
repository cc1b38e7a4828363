/**
 * graphql-ruby reports static-validation errors with a `path` through the *document*
 * (`["query GetProducts", "products", "edges", "node", "fooBar"]`), not through the response
 * as execution errors do. graphql-js validation errors carry only AST nodes, so this walks the
 * document once and records, for every node, the path graphql-ruby would report and the
 * argument (with its schema type) and field that enclose it.
 */
import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
} from "graphql";

export interface NodeContext {
  path: string[];
  /** The argument this node is (part of) the value of, if any. */
  argument?: ArgumentNode;
  /** The field or directive that owns `argument`, or the nearest field. */
  owner?: FieldNode | DirectiveNode;
  /** The variable definition this node belongs to, if any. */
  inVariableDefinition?: string;
}

export interface DocumentIndex {
  context(node: ASTNode | undefined): NodeContext;
  argumentType(argument: ArgumentNode): string | undefined;
}

function segmentOf(node: ASTNode): string | undefined {
  switch (node.kind) {
    case Kind.OPERATION_DEFINITION:
      return node.name ? `${node.operation} ${node.name.value}` : node.operation;
    case Kind.FRAGMENT_DEFINITION:
      return `fragment ${node.name.value}`;
    case Kind.FIELD:
      return (node.alias ?? node.name).value;
    case Kind.INLINE_FRAGMENT:
      return node.typeCondition ? `... on ${node.typeCondition.name.value}` : "...";
    case Kind.FRAGMENT_SPREAD:
      return `... ${node.name.value}`;
    case Kind.ARGUMENT:
    case Kind.OBJECT_FIELD:
      return node.name.value;
    default:
      return undefined;
  }
}

export function indexDocument(schema: GraphQLSchema, document: DocumentNode): DocumentIndex {
  const contexts = new Map<ASTNode, NodeContext>();
  const argumentTypes = new Map<ArgumentNode, string>();
  const path: string[] = [];
  const pushed: boolean[] = [];
  const owners: (FieldNode | DirectiveNode)[] = [];
  const argumentsStack: ArgumentNode[] = [];
  let variableDefinition: string | undefined;
  const typeInfo = new TypeInfo(schema);

  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      enter(node) {
        const segment = segmentOf(node);
        if (segment !== undefined) path.push(segment);
        pushed.push(segment !== undefined);
        if (node.kind === Kind.FIELD || node.kind === Kind.DIRECTIVE) owners.push(node);
        if (node.kind === Kind.ARGUMENT) {
          argumentsStack.push(node);
          const type = typeInfo.getArgument()?.type;
          if (type) argumentTypes.set(node, type.toString());
        }
        if (node.kind === Kind.VARIABLE_DEFINITION) variableDefinition = node.variable.name.value;
        contexts.set(node, {
          path: [...path],
          argument: argumentsStack[argumentsStack.length - 1],
          owner: owners[owners.length - 1],
          inVariableDefinition: variableDefinition,
        });
      },
      leave(node) {
        if (pushed.pop()) path.pop();
        if (node.kind === Kind.FIELD || node.kind === Kind.DIRECTIVE) owners.pop();
        if (node.kind === Kind.ARGUMENT) argumentsStack.pop();
        if (node.kind === Kind.VARIABLE_DEFINITION) variableDefinition = undefined;
      },
    }),
  );

  return {
    context: (node) => (node && contexts.get(node)) || { path: [] },
    argumentType: (argument) => argumentTypes.get(argument),
  };
}
