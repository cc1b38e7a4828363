/**
 * Deleted rows leave no bytes behind in the database files.
 *
 * SQLite (embedded default) keeps a deleted row's bytes in the file's free space until the page is
 * reused; an updated row's old version likewise. `VACUUM` rewrites the file with the live rows
 * only, and `PRAGMA wal_checkpoint(TRUNCATE)` empties the write-ahead log when the database runs
 * in WAL mode (our default journal mode is DELETE, whose rollback journal is removed at commit).
 * VACUUM rewrites the whole file and holds the write lock while it does: it runs as a job
 * (maintenance.compact) after a deletion, not inside the webhook.
 *
 * PostgreSQL: nothing is done here. A deleted row stays in its table's pages as a dead tuple
 * until VACUUM (autovacuum) marks the space reusable, and its bytes stay until new rows overwrite
 * them; VACUUM FULL rewrites the table (an exclusive lock); WAL segments and backups keep what they
 * hold until recycled or expired. docs/security.md says what an operator should do.
 */
import { databaseKind, prisma, type DatabaseKind, type Db } from "~/db/db.server";
import { env } from "~/env.server";

export interface CompactResult {
  database: DatabaseKind;
  compacted: boolean;
  /** Pages in the SQLite file after VACUUM (null on PostgreSQL). */
  pages: number | null;
}

export async function compactDeletedData(
  db: Db = prisma,
  url: string = env().databaseUrl,
): Promise<CompactResult> {
  const database = databaseKind(url);
  if (database === "postgres") return { database, compacted: false, pages: null };
  await db.$executeRawUnsafe("VACUUM");
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const [row] = await db.$queryRawUnsafe<{ page_count: number | bigint }[]>("PRAGMA page_count");
  return { database, compacted: true, pages: row ? Number(row.page_count) : null };
}
