/**
 * The database a bench uses: the kind DATABASE_URL names, as the app would use it, never a
 * hard-coded server. With DATABASE_URL unset or `file:`/`libsql:` (a fresh checkout: the
 * embedded SQLite default), a new SQLite file in the bench's temporary directory; with
 * `postgres(ql)://…`, a new database on that server (created through the URL's own credentials,
 * dropped afterwards). Either way the bench's data never touches the user's database itself.
 *
 * Read when bench/run.ts starts, before any bench sets DATABASE_URL for the processes it starts.
 */
import { join } from "node:path";
import pg from "pg";

const USER_DATABASE_URL = process.env.DATABASE_URL ?? "";

export interface BenchDatabase {
  url: string;
  kind: "SQLite" | "PostgreSQL";
  /** Where, for the bench's output (no credentials). */
  label: string;
  drop(): Promise<void>;
}

export const benchUsesPostgres = (): boolean => /^postgres(ql)?:\/\//.test(USER_DATABASE_URL);

/** A new, empty database for one bench run; `dir` holds the SQLite file. */
export async function benchDatabase(name: string, dir: string): Promise<BenchDatabase> {
  if (!benchUsesPostgres()) {
    const file = join(dir, `${name}.db`);
    return { url: `file:${file}`, kind: "SQLite", label: `SQLite (${file})`, drop: async () => {} };
  }
  const server = new URL(USER_DATABASE_URL);
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: USER_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${name}"`);
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(USER_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: "PostgreSQL",
    label: `PostgreSQL (database ${name} on ${server.host}, from DATABASE_URL)`,
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
