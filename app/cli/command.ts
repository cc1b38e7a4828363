/**
 * What a `tovholder` command is. Each command is one module in app/cli/commands/ whose default
 * export is `defineCommand({...})`; the program finds them there, so adding a command is adding
 * that one file.
 */
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

/** Wrong arguments: exit code 2, with a pointer to --help. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The command whose --help to point at (filled in by the program). */
  command?: string;
}

/** An expected failure (unreadable file, no session, …): exit code 1, one line, no stack. */
export class CliFailure extends Error {
  override readonly name = "CliFailure";
}

export interface CliContext {
  /** The command's output. `--format json` output must be the only thing written here. */
  stdout(text: string): void;
  /** Progress and diagnostics. */
  stderr(text: string): void;
  /** Resolves a path the user typed, against the directory the user typed it in. */
  resolvePath(path: string): string;
}

type Values<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>
>["values"];

export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  name: string;
  /** One line for the program's command list. */
  summary: string;
  /** The command's --help text after the summary: usage line, options, examples. */
  help: string;
  options: O;
  /** Runs with strictly parsed options; a returned number is the exit code (default 0). */
  run(values: Values<O>, ctx: CliContext): Promise<number | void>;
}

export interface Command {
  name: string;
  summary: string;
  help: string;
  /** Parses the arguments after the command name and runs it; throws UsageError on bad ones. */
  execute(args: string[], ctx: CliContext): Promise<number>;
}

const PARSE_ERRORS = new Set([
  "ERR_PARSE_ARGS_UNKNOWN_OPTION",
  "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
  "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL",
]);

export function defineCommand<O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    help: `${spec.summary}\n\n${spec.help.trim()}\n`,
    async execute(args, ctx) {
      let values: Values<O>;
      try {
        ({ values } = parseArgs({
          args,
          options: spec.options,
          strict: true,
          allowPositionals: false,
        }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code && PARSE_ERRORS.has(code)) throw new UsageError((error as Error).message);
        throw error;
      }
      return (await spec.run(values, ctx)) ?? 0;
    },
  };
}
