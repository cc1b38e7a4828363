/**
 * Global setup of the browser project: one `npm run demo` for the test files that need no demo
 * of their own (hardening, products, report). The others still start theirs: a slowed stand-in
 * (runs), Lighthouse runs, an SMTP capture (report-branding), or pages that must show a shop no
 * test has touched yet (demo, checkout, performance). Its URL, database and log file reach the
 * files through `provide`/`inject` (tests/helpers/demo-server.ts: sharedDemoServer). The files
 * run one after another (the project's single fork): two audits must not run on one shop at once.
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
