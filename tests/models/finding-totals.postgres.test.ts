import { describe, it, vi } from "vitest";

// Point the app's database at the run's PostgreSQL database before any app module loads.
const pgUrl = vi.hoisted(() => {
  const url = process.env.TOVHOLDER_TEST_PG_URL;
  if (url) process.env.DATABASE_URL = url;
  return url;
});

if (pgUrl) {
  const { findingTotalsSuite } = await import("./finding-totals.suite");
  findingTotalsSuite("PostgreSQL");
} else {
  describe("finding totals on PostgreSQL", () => {
    it.skip("PostgreSQL is not reachable here (always runs in CI)", () => undefined);
  });
}
