import { createHash } from "node:crypto";

/** The test run's ENCRYPTION_KEY (tests/setup/app-env.ts), also given to the shared demo. */
export const TEST_ENCRYPTION_KEY = createHash("sha256")
  .update("tovholder test suite key")
  .digest("hex");
