/**
 * `tovholder` entry (`npm run tovholder -- …`, or bin/tovholder.mjs from any directory).
 *
 * stdout carries only what the command prints, so `--format json` stays parseable. Libraries'
 * console.log/info/debug chatter (the Shopify library announces itself at start-up) is dropped,
 * or sent to stderr with TOVHOLDER_VERBOSE=1; console.warn/error go to stderr.
 */
import { Console } from "node:console";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";

const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
globalThis.console = new Console({
  stdout: process.env.TOVHOLDER_VERBOSE === "1" ? process.stderr : discard,
  stderr: process.stderr,
});

// The app's default database is the repository's data/tovholder.db, wherever this runs from.
const root = fileURLToPath(new URL("..", import.meta.url));
process.env.DATABASE_URL ??= `file:${resolve(root, "data/tovholder.db")}`;

const { main } = await import("../app/cli/main");
process.exitCode = await main(process.argv.slice(2));
