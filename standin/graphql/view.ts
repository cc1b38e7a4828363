/**
 * Views: the objects the stand-in's resolvers hand to graphql-js.
 *
 * A view is a plain object keyed by GraphQL field name. A value is returned as is; a function
 * is called with `(args, context, info)` (graphql-js's own convention for function-valued
 * properties). A field that a view does not define is a field the stand-in does not emulate:
 * `strictFieldResolver` turns it into a loud GraphQL error instead of the silent `null` the
 * default resolver would give, so a test never passes because data was quietly missing.
 */
import {
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLTypeResolver,
} from "graphql";

export type FieldFn<C> = (
  args: Record<string, unknown>,
  context: C,
  info: GraphQLResolveInfo,
) => unknown;

export interface View {
  /** Concrete GraphQL type name; required wherever the field's type is an interface or union. */
  readonly __typename?: string;
  readonly [field: string]: unknown;
}

export function notEmulated(typeName: string, fieldName: string): GraphQLError {
  return new GraphQLError(`not emulated by the stand-in: ${typeName}.${fieldName}`, {
    extensions: { code: "NOT_EMULATED_BY_STANDIN" },
  });
}

export const strictFieldResolver: GraphQLFieldResolver<unknown, unknown> = (
  source,
  args,
  context,
  info,
) => {
  if (
    source !== null &&
    typeof source === "object" &&
    Object.prototype.hasOwnProperty.call(source, info.fieldName)
  ) {
    const value = (source as Record<string, unknown>)[info.fieldName];
    return typeof value === "function" ? (value as FieldFn<unknown>)(args, context, info) : value;
  }
  throw notEmulated(info.parentType.name, info.fieldName);
};

export const typenameResolver: GraphQLTypeResolver<unknown, unknown> = (value, _context, info) => {
  const name = value !== null && typeof value === "object" ? (value as View).__typename : undefined;
  if (!name)
    throw new GraphQLError(
      `not emulated by the stand-in: a concrete type for ${info.returnType.toString()}`,
    );
  return name;
};
