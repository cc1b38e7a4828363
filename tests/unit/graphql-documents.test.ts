/**
 * Every GraphQL document the app sends is valid against Shopify's official 2026-10 schema.
 *
 * Documents are template literals that start with `#graphql` (Shopify's convention). Files
 * under app/**\/storefront/ hold Storefront API documents; all others are Admin API documents.
 * Documents must be static (no `${…}`), so what is validated is exactly what is sent.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse, validate, type GraphQLSchema } from "graphql";
import { loadAdminSchema, loadStorefrontSchema } from "../../standin/schema";
import { ROOT } from "../helpers/databases";

interface FoundDocument {
  file: string;
  line: number;
  source: string;
  api: "admin" | "storefront";
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

export function findDocuments(root: string): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const file of sourceFiles(join(root, "app"))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/`\s*#graphql\b([\s\S]*?)`/g)) {
      found.push({
        file: relative(root, file),
        line: text.slice(0, match.index).split("\n").length,
        source: match[1] ?? "",
        api: /[/\\]storefront[/\\]/.test(file) ? "storefront" : "admin",
      });
    }
  }
  return found;
}

function errorsOf(source: string, schema: GraphQLSchema): string[] {
  if (source.includes("${")) return ["interpolation (${…}) is not allowed in documents"];
  try {
    return validate(schema, parse(source)).map((e) => e.message);
  } catch (error) {
    return [(error as Error).message];
  }
}

describe("GraphQL documents in app/", () => {
  const documents = findDocuments(ROOT);

  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents.map((d) => [`${d.file}:${d.line}`, d] as const))(
    "%s is valid against the 2026-10 schema",
    (_name, doc) => {
      const schema = doc.api === "storefront" ? loadStorefrontSchema() : loadAdminSchema();
      expect(errorsOf(doc.source, schema)).toEqual([]);
    },
  );

  it("rejects a document naming a field 2026-10 lacks (the check can fail)", () => {
    expect(errorsOf("query { shop { name fooBar } }", loadAdminSchema())).toEqual([
      'Cannot query field "fooBar" on type "Shop".',
    ]);
    expect(errorsOf("query { currentBulkOperation { id } }", loadAdminSchema())).toEqual([]);
  });
});
