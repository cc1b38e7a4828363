import { describe, it, vi } from "vitest";

// The in-process provider's claims on PostgreSQL (advisory-locked claim transactions).
const pgUrl = vi.hoisted(() => {
  const url = process.env.TOVHOLDER_TEST_PG_URL;
  if (url) process.env.DATABASE_URL = url;
  process.env.JOBS_PROVIDER = "inprocess";
  return url;
});

if (pgUrl) {
  const { jobsSuite } = await import("./jobs.suite");
  jobsSuite("the in-process provider (PostgreSQL)");
} else {
  describe("jobs on PostgreSQL", () => {
    it.skip("PostgreSQL is not reachable here (always runs in CI)", () => undefined);
  });
}
