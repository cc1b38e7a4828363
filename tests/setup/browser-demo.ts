/**
 * Global setup of the browser project: one `npm run demo` for the test files that need no demo
 * of their own (the others — a slowed stand-in, Lighthouse runs, an SMTP capture, checks that
 * must come before any audit — still start theirs). Its URL, database and log file reach the
 * files through `provide`/`inject` (tests/helpers/demo-server.ts: sharedDemoServer). The files
 * that share it run one after another (the project has no file parallelism): two audits must
 * not run on the demo shop at once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startDemoServer } from "../helpers/demo-server";
import { TEST_ENCRYPTION_KEY } from "../helpers/encryption-key";

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "tovholder-shared-demo-"));
  const logFile = join(dir, "demo.log");
  // The files' own processes have the test run's key (tests/setup/app-env.ts); the demo stores
  // secrets they read, so it gets the same.
  const demo = await startDemoServer(300_000, { ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }, logFile);
  project.provide("sharedDemo", { url: demo.url, databaseUrl: demo.databaseUrl, logFile });
  return async () => {
    await demo.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
