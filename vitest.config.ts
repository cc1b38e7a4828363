import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * Four projects, run together by `vitest run` (`npm test`), each alone with `--project NAME`:
 * - unit: pure, fast tests (tests/unit), the inner loop: `npm run test:unit`.
 * - integration: the app, CLI, jobs, stand-in, … with their own SQLite copies and Redis prefixes,
 *   so their files run in parallel.
 * - postgres: the files that use the run's one PostgreSQL database, one after another.
 * - browser: Chromium against `npm run demo`; one demo shared by the files that need no special
 *   one (tests/setup/browser-demo.ts), so its files run one after another.
 * - load: the tests that put the app under load and assert it stays responsive (PDF rendering
 *   beside a health check, a burst of pixel events), one after another once every other project
 *   has finished (`sequence.groupOrder`), so the rest of the suite does not load the machine.
 * Most files wait on child processes (demo, CLI, workers, Chromium), so more files run at once
 * than there are cores.
 */
const GLOBAL = "tests/setup/global.ts";
const POSTGRES = ["tests/**/*.postgres.test.ts", "tests/unit/prisma-schemas.test.ts"];
const ALL = ["tests/**/*.test.ts", "tests/**/*.test.tsx"];
const LOAD = ["tests/**/*-load.test.ts"];

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    environment: "node",
    setupFiles: ["tests/setup/network.ts", "tests/setup/app-env.ts"],
    pool: "forks",
    maxWorkers: 4,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
          exclude: POSTGRES,
          globalSetup: [GLOBAL],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ALL,
          exclude: ["tests/unit/**", "tests/browser/**", ...POSTGRES, ...LOAD],
          globalSetup: [GLOBAL],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: POSTGRES,
          globalSetup: [GLOBAL],
          poolOptions: { forks: { singleFork: true } },
        },
      },
      {
        extends: true,
        test: {
          name: "load",
          include: LOAD,
          globalSetup: [GLOBAL],
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: [GLOBAL, "tests/setup/browser-demo.ts"],
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
