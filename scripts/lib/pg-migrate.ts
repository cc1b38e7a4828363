/**
 * Applies prisma/postgres/migrations to a PostgreSQL database, recording them in Prisma's own
 * `_prisma_migrations` table (same columns and checksums), so `prisma migrate deploy`/`status`
 * on a machine with Prisma's binary engines sees the same history.
 *
 * Why not `prisma migrate deploy`: with the offline JS schema engine, Prisma 6.19 migrations
 * through @prisma/adapter-pg fail on PostgreSQL's `name` column type (prisma/prisma#27403).
 * See docs/decisions/002-prisma-js-engine-and-adapters.md.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

/** Prisma's advisory lock key for migrations: two app instances never migrate at once. */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface AppliedMigrations {
  applied: string[];
  alreadyApplied: string[];
}

export async function applyPostgresMigrations(
  url: string,
  dir: string,
): Promise<AppliedMigrations> {
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
        .map((d) => d.name)
        .sort()
    : [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const result: AppliedMigrations = { applied: [], alreadyApplied: [] };
    for (const name of names) {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = done.get(name);
      if (previous) {
        if (!previous.finished_at) {
          throw new Error(
            `Migration ${name} failed earlier and was not resolved; fix the database, then mark it rolled back.`,
          );
        }
        if (previous.checksum !== checksum) {
          console.warn(
            `warning: migration ${name} was modified after it was applied (checksum differs)`,
          );
        }
        result.alreadyApplied.push(name);
        continue;
      }
      const id = randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, checksum, name],
      );
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [
          id,
          String(error),
        ]);
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      result.applied.push(name);
    }
    return result;
  } finally {
    await client
      .query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK])
      .catch(() => undefined);
    await client.end();
  }
}
