/**
 * Every GraphQL document the app sends is valid against Shopify's official 2026-10 schema.
 *
 * Documents live in `.graphql` files (app/shopify/documents/, compiled by scripts/codegen.ts) or
 * as template literals that start with `#graphql` (Shopify's convention). Files under a
 * `storefront/` folder hold Storefront API documents; all others are Admin API documents.
 * Template-literal documents must be static (no `${…}`), so what is validated is exactly what is
 * sent. A `.graphql` file may use fragments defined in another file of the same API; it is
 * validated together with the fragments it uses.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import {
  Kind,
  parse,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from "graphql";
import { loadAdminSchema, loadStorefrontSchema } from "../../standin/schema";
import { ROOT } from "../helpers/databases";

type Api = "admin" | "storefront";

interface FoundDocument {
  file: string;
  line: number;
  source: string;
  api: Api;
}

function filesUnder(dir: string, extension: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === "generated" ? [] : filesUnder(path, extension);
    return extension.test(name) ? [path] : [];
  });
}

const apiOf = (file: string): Api => (/[/\\]storefront[/\\]/.test(file) ? "storefront" : "admin");
const schemaOf = (api: Api) => (api === "storefront" ? loadStorefrontSchema() : loadAdminSchema());

export function findDocuments(root: string): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const file of filesUnder(join(root, "app"), /\.(ts|tsx)$/)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/`\s*#graphql\b([\s\S]*?)`/g)) {
      found.push({
        file: relative(root, file),
        line: text.slice(0, match.index).split("\n").length,
        source: match[1] ?? "",
        api: apiOf(file),
      });
    }
  }
  return found;
}

export function findGraphqlFiles(root: string): FoundDocument[] {
  return filesUnder(join(root, "app"), /\.graphql$/).map((file) => ({
    file: relative(root, file),
    line: 1,
    source: readFileSync(file, "utf8"),
    api: apiOf(file),
  }));
}

function errorsOf(source: string, schema: GraphQLSchema): string[] {
  if (source.includes("${")) return ["interpolation (${…}) is not allowed in documents"];
  try {
    return validate(schema, parse(source)).map((e) => e.message);
  } catch (error) {
    return [(error as Error).message];
  }
}

function fragmentsUsed(node: DefinitionNode | DocumentNode): string[] {
  const names: string[] = [];
  visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
  return names;
}

/** A file's definitions plus the fragments (from any file of its API) they use, transitively. */
function withFragments(
  document: DocumentNode,
  fragments: Map<string, FragmentDefinitionNode>,
): DocumentNode {
  const own = new Set(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [],
    ),
  );
  const added: FragmentDefinitionNode[] = [];
  const pending = fragmentsUsed(document);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const fragment = fragments.get(name);
    if (own.has(name) || !fragment) continue;
    own.add(name);
    added.push(fragment);
    pending.push(...fragmentsUsed(fragment));
  }
  return { ...document, definitions: [...document.definitions, ...added] };
}

/** Validates each `.graphql` file of one API with the fragments it borrows from the others. */
function graphqlFileErrors(files: FoundDocument[], api: Api): Map<string, string[]> {
  const parsed = new Map<string, DocumentNode>();
  const errors = new Map<string, string[]>();
  for (const f of files.filter((x) => x.api === api)) {
    try {
      parsed.set(f.file, parse(f.source));
    } catch (error) {
      errors.set(f.file, [(error as Error).message]);
    }
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations = new Map<string, string>();
  for (const [file, document] of parsed) {
    for (const d of document.definitions) {
      if (d.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(d.name.value))
          errors.set(file, [`fragment ${d.name.value} is defined twice`]);
        fragments.set(d.name.value, d);
      }
      if (d.kind === Kind.OPERATION_DEFINITION && d.name) {
        // Codegen names its exports after operations: a name used twice would collide.
        if (operations.has(d.name.value))
          errors.set(file, [`operation ${d.name.value} is defined twice`]);
        operations.set(d.name.value, file);
      }
    }
  }
  const used = new Set([...parsed.values()].flatMap((d) => fragmentsUsed(d)));
  const schema = schemaOf(api);
  for (const [file, document] of parsed) {
    const hasOperations = document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);
    // A fragment-only file is validated through the operations that use its fragments.
    const problems = hasOperations
      ? validate(schema, withFragments(document, fragments)).map((e) => e.message)
      : document.definitions.flatMap((d) =>
          d.kind === Kind.FRAGMENT_DEFINITION && !used.has(d.name.value)
            ? [`Fragment "${d.name.value}" is never used.`]
            : [],
        );
    errors.set(file, [...(errors.get(file) ?? []), ...problems]);
  }
  return errors;
}

describe("GraphQL documents in app/", () => {
  const documents = findDocuments(ROOT);
  const files = findGraphqlFiles(ROOT);

  it("finds the app's documents", () => {
    expect(documents.length + files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.file)).toContain("app/shopify/documents/products.graphql");
  });

  it.each(documents.map((d) => [`${d.file}:${d.line}`, d] as const))(
    "%s is valid against the 2026-10 schema",
    (_name, doc) => {
      expect(errorsOf(doc.source, schemaOf(doc.api))).toEqual([]);
    },
  );

  const fileErrors = new Map([
    ...graphqlFileErrors(files, "admin"),
    ...graphqlFileErrors(files, "storefront"),
  ]);
  it.each(files.map((f) => [f.file, f] as const))(
    "%s is valid against the 2026-10 schema",
    (_name, file) => {
      expect(fileErrors.get(file.file)).toEqual([]);
    },
  );

  it("rejects a document naming a field 2026-10 lacks (the check can fail)", () => {
    expect(errorsOf("query { shop { name fooBar } }", loadAdminSchema())).toEqual([
      'Cannot query field "fooBar" on type "Shop".',
    ]);
    expect(errorsOf("query { currentBulkOperation { id } }", loadAdminSchema())).toEqual([]);
  });

  it("validates .graphql files with borrowed fragments, and notices unused or missing ones", () => {
    const file = (name: string, source: string): FoundDocument => ({
      file: name,
      line: 1,
      source,
      api: "admin",
    });
    const errors = graphqlFileErrors(
      [
        file("a.graphql", "fragment ShopName on Shop { name }\nfragment Unused on Shop { id }"),
        file("b.graphql", "query A { shop { ...ShopName } }"),
        file("c.graphql", "query C { shop { ...Missing } }"),
        file("d.graphql", "query D { shop { fooBar } }"),
      ],
      "admin",
    );
    expect(errors.get("a.graphql")).toEqual(['Fragment "Unused" is never used.']);
    expect(errors.get("b.graphql")).toEqual([]);
    expect(errors.get("c.graphql")).toEqual(['Unknown fragment "Missing".']);
    expect(errors.get("d.graphql")).toEqual(['Cannot query field "fooBar" on type "Shop".']);
  });

  it("checks files under storefront/ against the Storefront schema", () => {
    const errors = graphqlFileErrors(
      [
        {
          file: "app/storefront/cart.graphql",
          line: 1,
          source: 'query { cart(id: "x") { id } }',
          api: "storefront",
        },
      ],
      "storefront",
    );
    expect(errors.get("app/storefront/cart.graphql")).toEqual([]);
    expect(errorsOf('query { cart(id: "x") { id } }', loadAdminSchema())).not.toEqual([]);
  });
});
