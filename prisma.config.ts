/**
 * Prisma CLI configuration: the JS (WASM) schema engine through driver adapters, so that
 * generate/migrate work offline (docs/decisions/002-prisma-js-engine-and-adapters.md).
 * DATABASE_URL selects the database: file:… → SQLite (libSQL), postgres(ql):// → PostgreSQL.
 */
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:./data/tovholder.db";
const postgres = /^postgres(ql)?:\/\//i.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  adapter: async () =>
    postgres ? new PrismaPg({ connectionString: url }) : new PrismaLibSQL({ url }),
});
