/** The app refuses to start at all with TOVHOLDER_DEMO=1 and NODE_ENV=production. */
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.TOVHOLDER_DEMO = "1";
  process.env.NODE_ENV = "production";
});

describe("demo mode under NODE_ENV=production", () => {
  it("stops the app from loading with a readable reason", async () => {
    await expect(import("~/routes/app")).rejects.toThrow(
      /TOVHOLDER_DEMO=1 is refused when NODE_ENV=production/,
    );
  });
});
