/**
 * Shopify's official 2026-10 GraphQL schemas, as shipped (gzipped introspection JSON) by
 * `@shopify/dev-mcp`. The stand-in validates and executes against these, and the app's tests and
 * codegen reuse this module so every consumer sees exactly the same schema.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const API_VERSION = "2026-10";

const DATA_DIR = new URL("../node_modules/@shopify/dev-mcp/dist/data/", import.meta.url);

export const ADMIN_SCHEMA_PATH = fileURLToPath(new URL(`admin_${API_VERSION}.json.gz`, DATA_DIR));
export const STOREFRONT_SCHEMA_PATH = fileURLToPath(
  new URL(`storefront-graphql_${API_VERSION}.json.gz`, DATA_DIR),
);

/** Reads one gzipped introspection file; some files wrap the result in `data`, some do not. */
export function readIntrospection(path: string): IntrospectionQuery {
  const json = JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as {
    data?: IntrospectionQuery;
  } & IntrospectionQuery;
  return json.data ?? json;
}

let adminSchema: GraphQLSchema | undefined;
let storefrontSchema: GraphQLSchema | undefined;

/** The Admin GraphQL schema (built once per process: building it takes a few hundred ms). */
export function loadAdminSchema(): GraphQLSchema {
  adminSchema ??= buildClientSchema(readIntrospection(ADMIN_SCHEMA_PATH));
  return adminSchema;
}

/** The Storefront GraphQL schema (built once per process). */
export function loadStorefrontSchema(): GraphQLSchema {
  storefrontSchema ??= buildClientSchema(readIntrospection(STOREFRONT_SCHEMA_PATH));
  return storefrontSchema;
}
