/**
 * Shopify's GraphQL server is graphql-ruby; the stand-in validates with graphql-js. This module
 * rewrites graphql-js's parse, validation and variable-coercion errors into graphql-ruby's
 * wording and `extensions.code`s, so the app's error handling sees what Shopify would send.
 * The mapping (and what falls through unmapped) is documented in docs/standin.md.
 */
import {
  Kind,
  print,
  type ASTNode,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type SourceLocation,
  type VariableDefinitionNode,
} from "graphql";
import { indexDocument, type DocumentIndex } from "./ruby-paths";

export interface RubyError {
  message: string;
  locations?: SourceLocation[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
  Kind.OBJECT_FIELD,
  Kind.VARIABLE,
]);

const PUNCTUATORS: Record<string, string> = {
  "{": "LCURLY",
  "}": "RCURLY",
  "(": "LPAREN",
  ")": "RPAREN",
  "[": "LBRACKET",
  "]": "RBRACKET",
  ":": "COLON",
  $: "VAR_SIGN",
  "!": "BANG",
  "=": "EQUALS",
  "@": "DIR_SIGN",
  "...": "ELLIPSIS",
  "|": "PIPE",
  "&": "AMP",
};

const TOKEN_KINDS: Record<string, string> = {
  Name: "IDENTIFIER",
  Int: "INT",
  Float: "FLOAT",
  String: "STRING",
  BlockString: "STRING",
};

/** `syntax error, unexpected RCURLY ("}") at [1, 20]`, the wording of graphql-ruby's parser. */
export function rubyParseError(error: GraphQLError): RubyError {
  const location = error.locations?.[0];
  const at = location ? ` at [${location.line}, ${location.column}]` : "";
  const found = /(?:found|Unexpected) (<EOF>|"[^"]*"|\w+ "[^"]*")\.?$/.exec(error.message)?.[1];
  let description: string;
  if (found === "<EOF>") description = "unexpected end of file";
  else if (found?.startsWith('"')) {
    const punct = found.slice(1, -1);
    description = `unexpected ${PUNCTUATORS[punct] ?? "CHAR"} (${found})`;
  } else if (found) {
    const [kind = "", literal = ""] = found.split(/ (.*)/s);
    description = `unexpected ${TOKEN_KINDS[kind] ?? kind.toUpperCase()} (${literal})`;
  } else {
    description = error.message
      .replace(/^Syntax Error: /, "")
      .replace(/\.$/, "")
      .toLowerCase();
  }
  return {
    message: `syntax error, ${description}${at}`,
    locations: location ? [location] : undefined,
  };
}

function anonymousName(name: string | undefined): string {
  return name ?? "anonymous query";
}

function locationsOf(node: ASTNode | undefined): SourceLocation[] | undefined {
  const loc = node?.loc;
  if (!loc) return undefined;
  return [{ line: loc.startToken.line, column: loc.startToken.column }];
}

function rubyError(
  index: DocumentIndex,
  node: ASTNode | undefined,
  message: string,
  extensions: Record<string, unknown>,
): RubyError {
  return { message, locations: locationsOf(node), path: index.context(node).path, extensions };
}

/** Maps one graphql-js validation error; returns undefined for errors folded into another one. */
function mapValidationError(
  error: GraphQLError,
  index: DocumentIndex,
  missingArgs: Map<ASTNode, string[]>,
): RubyError | undefined {
  const node = error.nodes?.[0];
  const msg = error.message;
  let m: RegExpExecArray | null;

  if ((m = /^Cannot query field "(.+?)" on type "(.+?)"\./.exec(msg))) {
    return rubyError(index, node, `Field '${m[1]}' doesn't exist on type '${m[2]}'`, {
      code: "undefinedField",
      typeName: m[2],
      fieldName: m[1],
    });
  }
  if ((m = /^Unknown argument "(.+?)" on field "(?:.+?)\.(.+?)"\./.exec(msg))) {
    return rubyError(index, node, `Field '${m[2]}' doesn't accept argument '${m[1]}'`, {
      code: "argumentNotAccepted",
      name: m[2],
      typeName: "Field",
      argumentName: m[1],
    });
  }
  if ((m = /^Unknown argument "(.+?)" on directive "@(.+?)"\./.exec(msg))) {
    return rubyError(index, node, `Directive '${m[2]}' doesn't accept argument '${m[1]}'`, {
      code: "argumentNotAccepted",
      name: m[2],
      typeName: "Directive",
      argumentName: m[1],
    });
  }
  if (
    (m =
      /^(Field|Directive) "@?(.+?)" argument "(.+?)" of type ".+?" is required, but it was not provided\./.exec(
        msg,
      ))
  ) {
    // graphql-js reports each missing argument separately; graphql-ruby lists them in one error,
    // so the first error for a node carries them all and the others are dropped.
    const names = node ? missingArgs.get(node) : undefined;
    if (!node || !names) return undefined;
    missingArgs.delete(node);
    const args = names.join(", ");
    return rubyError(index, node, `${m[1]} '${m[2]}' is missing required arguments: ${args}`, {
      code: "missingRequiredArguments",
      className: m[1],
      name: m[2],
      arguments: args,
    });
  }
  if (
    (m = /^Variable "\$(.+?)" of type "(.+?)" used in position expecting type "(.+?)"\./.exec(msg))
  ) {
    const usage = error.nodes?.[1] ?? node;
    const argument = index.context(usage).argument?.name.value ?? "";
    return rubyError(
      index,
      usage,
      `Type mismatch on variable $${m[1]} and argument ${argument} (${m[2]} / ${m[3]})`,
      {
        code: "variableMismatch",
        variableName: m[1],
        typeName: m[2],
        argumentName: argument,
        errorMessage: "Type mismatch",
      },
    );
  }
  if (
    (m = /^Field "(.+?)" must not have a selection since type "(.+?)" has no subfields\./.exec(msg))
  ) {
    const typeName = (m[2] ?? "").replace(/[[\]!]/g, "");
    const selections =
      node?.kind === Kind.FIELD
        ? (node.selectionSet?.selections ?? []).map((s) =>
            JSON.stringify(s.kind === Kind.FIELD ? s.name.value : print(s)),
          )
        : [];
    return rubyError(
      index,
      node,
      `Selections can't be made on scalars (field '${m[1]}' returns ${typeName} but has selections [${selections.join(", ")}])`,
      {
        code: "selectionMismatch",
        nodeName: `field '${m[1]}'`,
        typeName,
      },
    );
  }
  if ((m = /^Field "(.+?)" of type "(.+?)" must have a selection of subfields\./.exec(msg))) {
    const typeName = (m[2] ?? "").replace(/[[\]!]/g, "");
    return rubyError(
      index,
      node,
      `Field must have selections (field '${m[1]}' returns ${typeName} but has no selections. Did you mean '${m[1]} { ... }'?)`,
      {
        code: "selectionMismatch",
        nodeName: `field '${m[1]}'`,
        typeName,
      },
    );
  }
  if ((m = /^Unknown type "(.+?)"\./.exec(msg))) {
    const variable = index.context(node).inVariableDefinition;
    if (variable !== undefined) {
      return rubyError(index, node, `${m[1]} isn't a defined input type (on $${variable})`, {
        code: "variableRequiresValidType",
        typeName: m[1],
        variableName: variable,
      });
    }
    return rubyError(index, node, `No such type ${m[1]}, so it can't be a fragment condition`, {
      code: "undefinedType",
      typeName: m[1],
    });
  }
  if ((m = /^Variable "\$(.+?)" is not defined(?: by operation "(.+?)")?\./.exec(msg))) {
    return rubyError(
      index,
      node,
      `Variable $${m[1]} is used by ${anonymousName(m[2])} but not declared`,
      {
        code: "variableNotDefined",
        variableName: m[1],
      },
    );
  }
  if ((m = /^Variable "\$(.+?)" is never used(?: in operation "(.+?)")?\./.exec(msg))) {
    return rubyError(
      index,
      node,
      `Variable $${m[1]} is declared by ${anonymousName(m[2])} but not used`,
      {
        code: "variableNotUsed",
        variableName: m[1],
      },
    );
  }
  if ((m = /^Unknown fragment "(.+?)"\./.exec(msg))) {
    return rubyError(index, node, `Fragment ${m[1]} was used, but not defined`, {
      code: "useAndDefineFragment",
      fragmentName: m[1],
    });
  }
  if ((m = /^Fragment "(.+?)" is never used\./.exec(msg))) {
    return rubyError(index, node, `Fragment ${m[1]} was defined, but not used`, {
      code: "useAndDefineFragment",
      fragmentName: m[1],
    });
  }
  if (
    (m =
      /^Fragment (?:"(.+?)" )?cannot be spread here as objects of type "(.+?)" can never be of type "(.+?)"\./.exec(
        msg,
      ))
  ) {
    const name = m[1] ? ` ${m[1]}` : "";
    return rubyError(index, node, `Fragment${name} on ${m[3]} can't be spread inside ${m[2]}`, {
      code: "cannotSpreadFragment",
      typeName: m[3],
      fragmentName: m[1] ?? "unknown",
      parentName: m[2],
    });
  }
  if ((m = /^Variable "\$(.+?)" cannot be non-input type "(.+?)"\./.exec(msg))) {
    return rubyError(index, node, `${m[2]} isn't a valid input type (on $${m[1]})`, {
      code: "variableRequiresValidType",
      typeName: m[2],
      variableName: m[1],
    });
  }
  if ((m = /^Unknown directive "@(.+?)"\./.exec(msg))) {
    return rubyError(index, node, `Directive @${m[1]} is not defined`, {
      code: "undefinedDirective",
      directiveName: m[1],
    });
  }
  if (node && VALUE_KINDS.has(node.kind)) {
    const { argument, owner } = index.context(node);
    if (argument) {
      const ownerKind = owner?.kind === Kind.DIRECTIVE ? "Directive" : "Field";
      const ownerName = owner?.name.value ?? "";
      const expected = (index.argumentType(argument) ?? "").replace(/!$/, "");
      return rubyError(
        index,
        argument,
        `Argument '${argument.name.value}' on ${ownerKind} '${ownerName}' has an invalid value (${print(argument.value)}). Expected type '${expected}'.`,
        {
          code: "argumentLiteralsIncompatible",
          typeName: ownerKind,
          argumentName: argument.name.value,
        },
      );
    }
  }
  // Unmapped rules (e.g. overlapping fields) keep graphql-js's wording but still carry a path.
  return rubyError(index, node, msg, { code: "validationError" });
}

export function rubyValidationErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  errors: readonly GraphQLError[],
): RubyError[] {
  const index = indexDocument(schema, document);
  const missingArgs = new Map<ASTNode, string[]>();
  for (const error of errors) {
    const m = /^(?:Field|Directive) "@?.+?" argument "(.+?)" of type ".+?" is required/.exec(
      error.message,
    );
    const node = error.nodes?.[0];
    if (m && node) missingArgs.set(node, [...(missingArgs.get(node) ?? []), m[1] ?? ""]);
  }
  return errors.flatMap((error) => mapValidationError(error, index, missingArgs) ?? []);
}

/** Splits graphql-js's `at "value.lines[0].quantity"` into `["lines", 0, "quantity"]`. */
function inputPath(text: string | undefined): (string | number)[] {
  if (!text) return [];
  return text
    .replace(/^value\.?/, "")
    .split(/\.|\[(\d+)\]/)
    .filter((s): s is string => s !== undefined && s !== "")
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** graphql-js `getVariableValues` errors → graphql-ruby's "was provided invalid value". */
export function rubyVariableErrors(
  errors: readonly GraphQLError[],
  definitions: readonly VariableDefinitionNode[],
  inputs: Record<string, unknown>,
): RubyError[] {
  return errors.map((error) => {
    const name = /^Variable "\$(.+?)"/.exec(error.message)?.[1] ?? "";
    const definition = definitions.find((d) => d.variable.name.value === name);
    const type = definition ? print(definition.type) : "";
    let problem: { path: (string | number)[]; explanation: string };
    const invalid = /got invalid value .*?(?: at "(.+?)")?; (.*)$/s.exec(error.message);
    if (invalid) {
      const explanation = (invalid[2] ?? "").replace(
        /^(\w+) cannot represent (?:a )?(?:non-[\w ]+ )?value: (.*)$/,
        "Could not coerce value $2 to $1",
      );
      problem = { path: inputPath(invalid[1]), explanation };
    } else {
      problem = { path: [], explanation: "Expected value to not be null" };
    }
    return {
      message: `Variable $${name} of type ${type} was provided invalid value`,
      locations: locationsOf(definition),
      extensions: { value: inputs[name] ?? null, problems: [problem] },
    };
  });
}
