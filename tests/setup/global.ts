/**
 * Once per test run: a migrated SQLite template and, when PostgreSQL is reachable (always in CI),
 * a migrated PostgreSQL database. Workers inherit the locations through the environment.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyPostgresMigrations } from "../../scripts/lib/pg-migrate";
import {
  ROOT,
  createPostgresDatabase,
  dropPostgresDatabase,
  migrateSqliteFile,
  postgresReachable,
} from "../helpers/databases";

/**
 * Every project of vitest.config.ts lists this setup; the first to run it does the work and the
 * others share the result (one template, one PostgreSQL database per `vitest run`).
 */
export default async function setup() {
  const shared = globalThis as { __tovholderTestDatabases?: Promise<() => Promise<void>> };
  if (shared.__tovholderTestDatabases) {
    await shared.__tovholderTestDatabases;
    return async () => {};
  }
  shared.__tovholderTestDatabases = prepare();
  return shared.__tovholderTestDatabases;
}

async function prepare(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "tovholder-template-"));
  const template = join(dir, "template.db");
  migrateSqliteFile(template);
  process.env.TOVHOLDER_TEST_SQLITE_TEMPLATE = template;

  let pgName: string | undefined;
  if (await postgresReachable()) {
    pgName = `tovholder_test_${process.pid}`;
    const url = await createPostgresDatabase(pgName);
    await applyPostgresMigrations(url, join(ROOT, "prisma/postgres/migrations"));
    process.env.TOVHOLDER_TEST_PG_URL = url;
  } else if (process.env.CI) {
    throw new Error(
      "CI must run the PostgreSQL tests, but PostgreSQL at 127.0.0.1:5432 is not reachable.",
    );
  } else {
    console.warn(
      "PostgreSQL is not reachable: the PostgreSQL-backed tests will be skipped (they always run in CI).",
    );
  }

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (pgName) await dropPostgresDatabase(pgName);
  };
}
