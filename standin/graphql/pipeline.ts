/**
 * The request pipeline shared by the Admin and Storefront endpoints: parse, validate against
 * the official schema, pick the operation, coerce variables, execute. Everything that fails
 * before execution comes back in graphql-ruby's error shape (see ./errors).
 */
import {
  GraphQLError,
  Kind,
  execute,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { rubyParseError, rubyValidationErrors, rubyVariableErrors, type RubyError } from "./errors";
import { strictFieldResolver, typenameResolver } from "./view";

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface PreparedRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced per the schema (used by the cost calculator). */
  variables: Record<string, unknown>;
  /** As sent; graphql-js's execute coerces them again itself. */
  rawVariables: Record<string, unknown>;
}

export type Preparation =
  { ok: true; request: PreparedRequest } | { ok: false; errors: RubyError[] };

type Checked = { document: DocumentNode } | { errors: RubyError[] };

const CACHE_LIMIT = 500;

/** Parses and validates documents against one schema, remembering recent query strings. */
export class DocumentChecker {
  private readonly cache = new Map<string, Checked>();

  constructor(readonly schema: GraphQLSchema) {}

  check(query: string): Checked {
    const cached = this.cache.get(query);
    if (cached) return cached;
    const checked = this.checkUncached(query);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(query, checked);
    return checked;
  }

  private checkUncached(query: string): Checked {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [rubyParseError(error)] };
      throw error;
    }
    const errors = validate(this.schema, document);
    if (errors.length > 0) return { errors: rubyValidationErrors(this.schema, document, errors) };
    return { document };
  }
}

export function prepareRequest(checker: DocumentChecker, body: GraphQLRequestBody): Preparation {
  if (typeof body.query !== "string" || body.query.trim() === "") {
    return { ok: false, errors: [{ message: "No query string was present" }] };
  }
  const checked = checker.check(body.query);
  if ("errors" in checked) return { ok: false, errors: checked.errors };
  const { document } = checked;
  const operationName =
    typeof body.operationName === "string" && body.operationName !== ""
      ? body.operationName
      : undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const message = operationName
      ? `No operation named "${operationName}"`
      : "An operation name is required";
    return { ok: false, errors: [{ message }] };
  }
  if (operation.operation === "subscription") {
    return { ok: false, errors: [{ message: "Subscriptions are not supported" }] };
  }
  const inputs =
    body.variables && typeof body.variables === "object"
      ? (body.variables as Record<string, unknown>)
      : {};
  const definitions = operation.variableDefinitions ?? [];
  const coerced = getVariableValues(checker.schema, definitions, inputs);
  if (coerced.errors)
    return { ok: false, errors: rubyVariableErrors(coerced.errors, definitions, inputs) };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return {
    ok: true,
    request: { document, operation, fragments, variables: coerced.coerced, rawVariables: inputs },
  };
}

export async function executeRequest(
  schema: GraphQLSchema,
  request: PreparedRequest,
  rootValue: unknown,
  contextValue: unknown,
): Promise<ExecutionResult> {
  return execute({
    schema,
    document: request.document,
    operationName: request.operation.name?.value,
    variableValues: request.rawVariables,
    rootValue,
    contextValue,
    fieldResolver: strictFieldResolver,
    typeResolver: typenameResolver,
  });
}
