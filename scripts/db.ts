/**
 * Database tasks for both supported databases (the Prisma CLI, offline, with the JS engine).
 *
 *   tsx scripts/db.ts generate            generate the SQLite and the PostgreSQL clients
 *   tsx scripts/db.ts migrate             apply migrations to DATABASE_URL (creates the SQLite file's folder)
 *   tsx scripts/db.ts migration NAME      write a new migration for both databases from the schema changes
 *
 * PRISMA_SCHEMA_ENGINE_BINARY is pointed at an existing executable because `prisma generate`
 * otherwise tries to download the binary schema engine it does not use (offline-toolchain note).
 */
import { spawnSync } from "node:child_process";
import { createClient } from "@libsql/client";
import { mkdirSync, existsSync, readdirSync, writeFileSync, rmSync, mkdtempSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { tmpdir } from "node:os";
import { applyPostgresMigrations } from "./lib/pg-migrate";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SQLITE = {
  schema: "prisma/schema.prisma",
  migrations: "prisma/migrations",
  dummyUrl: "file:./data/tovholder.db",
};
const POSTGRES = {
  schema: "prisma/postgres/schema.prisma",
  migrations: "prisma/postgres/migrations",
  dummyUrl: process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
};

function prisma(args: string[], databaseUrl: string, capture = false): string {
  // The config's libSQL adapter opens the SQLite URL even for a schema-to-schema diff, and fails
  // with a bare "External error" when the file's folder is missing (a fresh clone has no data/).
  if (databaseUrl.startsWith("file:"))
    mkdirSync(dirname(resolve(root, databaseUrl.slice("file:".length))), { recursive: true });
  const result = spawnSync(join(root, "node_modules/.bin/prisma"), args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    console.error(`prisma ${args.join(" ")} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
  return result.stdout ?? "";
}

function generate(): void {
  prisma(["generate", "--no-hints"], SQLITE.dummyUrl);
  prisma(["generate", "--no-hints"], POSTGRES.dummyUrl);
}

async function migrate(): Promise<void> {
  const url = process.env.DATABASE_URL ?? SQLITE.dummyUrl;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { applied, alreadyApplied } = await applyPostgresMigrations(
      url,
      join(root, POSTGRES.migrations),
    );
    console.log(
      `PostgreSQL: ${applied.length} migration(s) applied, ${alreadyApplied.length} already applied.`,
    );
    return;
  }
  prisma(["migrate", "deploy"], url);
  if (url.startsWith("file:")) await enableWriteAheadLog(url);
}

/**
 * Write-ahead logging, kept in the file once set: readers (the admin pages) go on while a job
 * writes, and writers wait for each other through the client's busy timeout (app/db/db.server.ts).
 */
async function enableWriteAheadLog(url: string): Promise<void> {
  const client = createClient({ url });
  try {
    await client.execute("PRAGMA journal_mode = WAL");
  } finally {
    client.close();
  }
}

/**
 * Writes a migration for each database from the difference between the schema as last committed
 * (git HEAD) and the working copy. Diffing two schema files needs no database, which matters
 * because the JS engine cannot describe a PostgreSQL database through the adapter (see pg-migrate).
 */
function migration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error("migration name: lowercase letters, digits and _ only");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const target of [SQLITE, POSTGRES]) {
    const dir = join(root, target.migrations);
    const existing = existsSync(dir) ? readdirSync(dir).filter((d) => /^\d/.test(d)) : [];
    let from = ["--from-empty"];
    let scratch: string | undefined;
    if (existing.length > 0) {
      const committed = spawnSync("git", ["show", `HEAD:${target.schema}`], {
        cwd: root,
        encoding: "utf8",
      });
      if (committed.status !== 0)
        throw new Error(`cannot read the committed ${target.schema}: ${committed.stderr}`);
      scratch = mkdtempSync(join(tmpdir(), "tovholder-mig-"));
      const file = join(scratch, "schema.prisma");
      writeFileSync(file, committed.stdout);
      from = ["--from-schema-datamodel", file];
    }
    const script = prisma(
      ["migrate", "diff", ...from, "--to-schema-datamodel", target.schema, "--script"],
      target.dummyUrl,
      true,
    );
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    if (!/\S/.test(script.replace(/^--.*$/gm, ""))) {
      console.log(`${target.schema}: no changes`);
      continue;
    }
    const out = join(dir, `${stamp}_${name}`);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "migration.sql"), script);
    const lock = join(dir, "migration_lock.toml");
    if (!existsSync(lock)) {
      writeFileSync(
        lock,
        `# Please do not edit this file manually\nprovider = "${target === POSTGRES ? "postgresql" : "sqlite"}"\n`,
      );
    }
    console.log(`wrote ${out}/migration.sql`);
  }
}

const [command, arg] = process.argv.slice(2);
switch (command) {
  case "generate":
    generate();
    break;
  case "migrate":
    await migrate();
    break;
  case "migration":
    if (!arg) throw new Error("usage: tsx scripts/db.ts migration NAME");
    migration(arg);
    break;
  default:
    console.error("usage: tsx scripts/db.ts generate | migrate | migration NAME");
    process.exit(2);
}
