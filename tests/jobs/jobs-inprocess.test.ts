import { vi } from "vitest";
import { jobsSuite } from "./jobs.suite";

vi.hoisted(() => {
  process.env.JOBS_PROVIDER = "inprocess";
});

jobsSuite("the in-process provider (SQLite)");
