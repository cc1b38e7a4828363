/**
 * The SQLite (embedded default) and PostgreSQL (scale-out) schemas must hold the same models,
 * and each database's migration history must produce exactly its schema.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { Prisma as SqlitePrisma } from "@tovholder/prisma-sqlite";
import { Prisma as PostgresPrisma } from "@tovholder/prisma-postgres";
import { applyPostgresMigrations } from "../../scripts/lib/pg-migrate";
import {
  ROOT,
  createPostgresDatabase,
  dropPostgresDatabase,
  migrateSqliteFile,
} from "../helpers/databases";

type Model = (typeof SqlitePrisma.dmmf.datamodel.models)[number];

function shape(models: readonly Model[]) {
  return models
    .map((m) => ({
      name: m.name,
      primaryKey: m.primaryKey,
      uniqueFields: m.uniqueFields,
      fields: m.fields.map((f) => ({
        name: f.name,
        kind: f.kind,
        type: f.type,
        isList: f.isList,
        isRequired: f.isRequired,
        isId: f.isId,
        isUnique: f.isUnique,
        isUpdatedAt: f.isUpdatedAt,
        hasDefaultValue: f.hasDefaultValue,
        default: f.default,
        relationName: f.relationName ?? null,
        relationOnDelete: f.relationOnDelete ?? null,
      })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function migrateDiffFromEmpty(schema: string, databaseUrl: string): string {
  const result = spawnSync(
    join(ROOT, "node_modules/.bin/prisma"),
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" },
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

describe("database schemas", () => {
  it("SQLite and PostgreSQL schemas define the same models", () => {
    expect(shape(PostgresPrisma.dmmf.datamodel.models)).toEqual(
      shape(SqlitePrisma.dmmf.datamodel.models),
    );
    expect(SqlitePrisma.dmmf.datamodel.enums).toEqual(PostgresPrisma.dmmf.datamodel.enums);
  });

  it("the SQLite migration history produces exactly prisma/schema.prisma", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tovholder-drift-"));
    try {
      const migrated = join(dir, "migrated.db");
      migrateSqliteFile(migrated);
      const fromSchema = createClient({ url: `file:${join(dir, "schema.db")}` });
      await fromSchema.executeMultiple(
        migrateDiffFromEmpty("prisma/schema.prisma", `file:${join(dir, "x.db")}`),
      );
      const describe = async (url: string) => {
        const c = createClient({ url });
        const rows = await c.execute(
          "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_migrations%' ORDER BY name",
        );
        c.close();
        return rows.rows.map((r) => ({
          ...r,
          sql: String(r.sql ?? "")
            .replace(/\s+/g, " ")
            // ALTER TABLE … ADD COLUMN leaves its own spacing around the list's commas and parens.
            .replace(/\s*([(),])\s*/g, "$1"),
        }));
      };
      fromSchema.close();
      expect(await describe(`file:${migrated}`)).toEqual(
        await describe(`file:${join(dir, "schema.db")}`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.env.TOVHOLDER_TEST_PG_URL)(
    "the PostgreSQL migration history produces exactly prisma/postgres/schema.prisma",
    async () => {
      const a = `tovholder_drift_a_${process.pid}`;
      const b = `tovholder_drift_b_${process.pid}`;
      try {
        const migratedUrl = await createPostgresDatabase(a);
        await applyPostgresMigrations(migratedUrl, join(ROOT, "prisma/postgres/migrations"));
        const schemaUrl = await createPostgresDatabase(b);
        const client = new pg.Client({ connectionString: schemaUrl });
        await client.connect();
        await client.query(migrateDiffFromEmpty("prisma/postgres/schema.prisma", schemaUrl));
        await client.end();
        const describe = async (url: string) => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          const columns = await c.query(
            `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
          );
          const indexes = await c.query(
            `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
          );
          const constraints = await c.query(
            `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
          );
          await c.end();
          return {
            columns: columns.rows,
            indexes: indexes.rows,
            constraints: constraints.rows.filter((r) => !String(r.conname).startsWith("_prisma")),
          };
        };
        expect(await describe(migratedUrl)).toEqual(await describe(schemaUrl));
      } finally {
        await dropPostgresDatabase(a);
        await dropPostgresDatabase(b);
      }
    },
  );
});
