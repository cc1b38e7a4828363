/**
 * Errors a user can cause or fix, as the one line the CLI prints for them. Anything not
 * recognised here is a bug and keeps its stack trace.
 *
 * Errors from modules the CLI loads lazily (the database models, the Shopify library, Prisma)
 * are recognised by name or code, so that `--help` does not load them.
 */
import { CsvError } from "~/snapshot/domain/csv/csv-error";
import { JsonlError } from "~/snapshot/domain/jsonl";
import { EnvError } from "~/env.server";
import { CliFailure } from "./command";

const FILE_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  // A socket (a child process's stdin given as /dev/stdin) cannot be opened by name.
  ENXIO: "no such device or address (pipe the file in with < FILE, or name the file)",
};

/** Errors of lazily loaded modules whose message is meant for the user. */
const LAZY_EXPECTED = new Set([
  "SnapshotVersionError", // app/snapshot/models/snapshots.server.ts
  "SnapshotIntegrityError",
  "ShopifyApiError", // app/shopify: Shopify refused or could not be reached
]);

const NOT_SET_UP =
  "the database is not set up or not migrated: run `npm run setup` (DATABASE_URL selects it)";

/** A missing table or column: Prisma's P2021/P2022, or its driver adapters' own error. */
function isSchemaMissing(error: Error): boolean {
  const { code, cause } = error as { code?: unknown; cause?: { kind?: unknown } };
  if (code === "P2021" || code === "P2022" || error.name === "MissingSessionTableError")
    return true;
  if (error.name !== "DriverAdapterError") return false;
  return (
    cause?.kind === "TableDoesNotExist" ||
    cause?.kind === "ColumnNotFound" ||
    /no such (table|column)/.test(error.message)
  );
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, "; ").trim();
}

export function expectedFailure(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (error instanceof CliFailure || error instanceof CsvError || error instanceof JsonlError)
    return error.message;
  if (LAZY_EXPECTED.has(error.name)) return oneLine(error.message);
  if (error instanceof EnvError) {
    // "Invalid environment:\n- NAME: problem\n…" → "NAME: problem; …"
    const problems = error.message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^- /, ""));
    return `the app's environment is incomplete: ${problems.join("; ")}`;
  }
  const { code, path } = error as { code?: unknown; path?: unknown };
  if (typeof code === "string" && code in FILE_ERRORS && typeof path === "string")
    return `cannot read ${path}: ${FILE_ERRORS[code]}`;
  if (isSchemaMissing(error)) return NOT_SET_UP;
  return null;
}
