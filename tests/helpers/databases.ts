/**
 * Test databases: a migrated SQLite template (copied per test file) and one PostgreSQL
 * database per test run on the service at 127.0.0.1:5432 (always in CI).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export const ROOT = new URL("../..", import.meta.url).pathname;
export const POSTGRES_ADMIN_URL =
  process.env.TOVHOLDER_TEST_POSTGRES ?? "postgresql://postgres@127.0.0.1:5432/test";

/** Applies the SQLite migrations with the real `npm run setup` path (scripts/db.ts migrate). */
export function migrateSqliteFile(file: string): void {
  const result = spawnSync(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "scripts/db.ts"), "migrate"],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      encoding: "utf8",
    },
  );
  if (result.status !== 0)
    throw new Error(`SQLite migration failed:\n${result.stdout}\n${result.stderr}`);
}

export function copySqliteTemplate(template: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tovholder-test-"));
  const file = join(dir, "test.db");
  copyFileSync(template, file);
  return `file:${file}`;
}

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function createPostgresDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
