#!/usr/bin/env node
// Prints the fields of GraphQL types from Shopify's official schema shipped by @shopify/dev-mcp.
// Usage: node scripts/schema-info.mjs [--api admin|storefront] [--version 2026-10] Type [Type...]
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  isObjectType,
  isInterfaceType,
  isInputObjectType,
  isEnumType,
  isUnionType,
} from "graphql";

const args = process.argv.slice(2);
let api = "admin";
let version = "2026-10";
const types = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--api") api = args[++i];
  else if (args[i] === "--version") version = args[++i];
  else types.push(args[i]);
}
const dir = new URL("../node_modules/@shopify/dev-mcp/dist/data/", import.meta.url).pathname;
const file = `${dir}${api === "admin" ? "admin" : "storefront-graphql"}_${version}.json.gz`;
const json = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"));
const schema = buildClientSchema(json.data ?? json);
for (const name of types) {
  const t = schema.getType(name);
  if (!t) {
    console.log(`${name}: not in ${api} ${version}`);
    continue;
  }
  console.log(`== ${name} (${t.constructor.name})`);
  if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
    for (const f of Object.values(t.getFields())) {
      const a =
        "args" in f && f.args.length
          ? `(${f.args.map((x) => `${x.name}: ${x.type}`).join(", ")})`
          : "";
      const d = f.deprecationReason ? `  [DEPRECATED: ${f.deprecationReason.split("\n")[0]}]` : "";
      console.log(`  ${f.name}${a}: ${f.type}${d}`);
    }
  } else if (isEnumType(t))
    console.log(
      "  " +
        t
          .getValues()
          .map((v) => v.name + (v.deprecationReason ? "(dep)" : ""))
          .join(" "),
    );
  else if (isUnionType(t))
    console.log(
      "  " +
        t
          .getTypes()
          .map((x) => x.name)
          .join(" | "),
    );
}
