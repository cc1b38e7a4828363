/**
 * The one Prisma client of the app, chosen by DATABASE_URL:
 * - `file:…` (default) → SQLite through the libSQL driver adapter (embedded default);
 * - `postgres://…` / `postgresql://…` → PostgreSQL through @prisma/adapter-pg (scale-out).
 *
 * Both generated clients come from schemas with identical models (checked by
 * tests/unit/prisma-schemas.test.ts), so the PostgreSQL client is typed as the SQLite one.
 * Only app/db/** should import this module.
 */
import { PrismaClient as SqliteClient } from "@tovholder/prisma-sqlite";
import { PrismaClient as PostgresClient } from "@tovholder/prisma-postgres";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "~/env.server";

export type Db = SqliteClient;
export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:") || url.startsWith("libsql:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with file:, libsql:, postgres:// or postgresql:// (got "${url.split(":")[0]}:")`,
  );
}

/** How long a SQLite statement waits for another connection's lock before it fails. */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export function createDb(url: string): Db {
  if (databaseKind(url) === "postgres") {
    return new PostgresClient({
      adapter: new PrismaPg({ connectionString: url }),
    }) as unknown as Db;
  }
  // Writers in other processes (a worker, the CLI, a test) hold the file's lock for a moment:
  // wait for it instead of failing at once with SQLITE_BUSY ("Operation has timed out").
  return new SqliteClient({ adapter: new PrismaLibSQL({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }) });
}

const globalForDb = globalThis as typeof globalThis & { __tovholderDb?: Db };

/** The process-wide client (cached on globalThis so dev reloads don't open new connections). */
export const prisma: Db = (globalForDb.__tovholderDb ??= createDb(databaseUrl()));
