/**
 * The `tovholder` program: finds the commands in ./commands/, dispatches, and turns errors into
 * one line on stderr and an exit code (0 ok, 1 failure, 2 wrong arguments).
 */
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { type CliContext, type Command, UsageError } from "./command";
import { expectedFailure } from "./errors";
import { variables } from "~/env.server";

const PROGRAM = "tovholder";
const COMMANDS_DIR = new URL("./commands/", import.meta.url);

function isCommand(value: unknown): value is Command {
  const c = value as Partial<Command> | null;
  return (
    typeof c?.name === "string" && typeof c.summary === "string" && typeof c.execute === "function"
  );
}

/** The command modules in ./commands/ by command name (the file name), not yet loaded. */
async function commandFiles(): Promise<Map<string, string>> {
  const files = (await readdir(COMMANDS_DIR)).filter((f) => /^[a-z][\w-]*\.ts$/.test(f)).sort();
  return new Map(files.map((f) => [f.slice(0, -".ts".length), f]));
}

async function loadCommand(file: string): Promise<Command> {
  const module = (await import(new URL(file, COMMANDS_DIR).href)) as { default?: unknown };
  if (!isCommand(module.default))
    throw new Error(`app/cli/commands/${file} must export default defineCommand({...})`);
  return module.default;
}

/**
 * Every module in ./commands/ is a command (its default export), named like its file. Only the
 * command that runs is loaded: a command's modules (the app's database, Shopify and job code
 * for some) are not what the others pay for at start-up.
 */
async function loadCommands(files: Map<string, string>): Promise<Command[]> {
  return Promise.all([...files.values()].map(loadCommand));
}

function programHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    "",
    "Tovholder from the command line: read shops, product CSV exports and bulk-operation files.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    `Run '${PROGRAM} <command> --help' for a command's options.`,
    "",
  ].join("\n");
}

const wantsHelp = (args: string[]) => args.includes("--help") || args.includes("-h");

/**
 * Paths are resolved where the user typed them. `npm run tovholder` runs in the package
 * directory and says where it was started in INIT_CWD (only trusted when npm ran this script:
 * a child of another npm script inherits that script's INIT_CWD).
 */
function userDirectory(): string {
  const { INIT_CWD, npm_lifecycle_event } = variables(["INIT_CWD", "npm_lifecycle_event"]);
  return npm_lifecycle_event === PROGRAM && INIT_CWD ? INIT_CWD : process.cwd();
}

function processContext(): CliContext {
  const cwd = userDirectory();
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    resolvePath: (path) => resolve(cwd, path),
  };
}

async function dispatch(argv: string[], ctx: CliContext): Promise<number> {
  const files = await commandFiles();
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    (name === undefined ? ctx.stderr : ctx.stdout)(programHelp(await loadCommands(files)));
    return name === undefined ? 2 : 0;
  }
  const file = files.get(name);
  if (file === undefined)
    throw new UsageError(
      name.startsWith("-")
        ? `unknown option '${name}' (a command comes first)`
        : `unknown command '${name}'`,
    );
  const command = await loadCommand(file);
  if (command.name !== name)
    throw new Error(`app/cli/commands/${file} must define the command "${name}"`);
  if (wantsHelp(args)) {
    ctx.stdout(command.help);
    return 0;
  }
  try {
    return await command.execute(args, ctx);
  } catch (error) {
    if (error instanceof UsageError) error.command ??= command.name;
    throw error;
  }
}

/**
 * Closes the database client if a command opened one (db.server keeps it on globalThis), so
 * that the process can end; checked there rather than imported, to not open one for nothing.
 */
async function closeDatabase(): Promise<void> {
  const db = (globalThis as { __tovholderDb?: { $disconnect(): Promise<void> } }).__tovholderDb;
  await db?.$disconnect();
}

/** Runs the program; resolves to the exit code. */
export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  try {
    return await dispatch(argv, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = [PROGRAM, error.command, "--help"].filter(Boolean).join(" ");
      // parseArgs appends advice about '--' to unknown options; the first sentence says it all.
      const message = error.message.split(". To specify")[0];
      ctx.stderr(`${PROGRAM}: ${message} (see '${help}')\n`);
      return 2;
    }
    const message = expectedFailure(error);
    if (message !== null) {
      ctx.stderr(`${PROGRAM}: ${message}\n`);
      return 1;
    }
    ctx.stderr(
      `${PROGRAM}: unexpected error (a bug): ${(error as Error)?.stack ?? String(error)}\n`,
    );
    return 1;
  } finally {
    await closeDatabase();
  }
}
