import { describe, expect, it } from "vitest";
import { phaseName } from "~/ui/run-format";

describe("phaseName", () => {
  it("shows a phase identifier as words", () => {
    expect(phaseName("collecting deliveryProfiles")).toBe("Collecting delivery profiles");
    expect(phaseName("saving_snapshot")).toBe("Saving snapshot");
    expect(phaseName(null)).toBe("Starting");
  });

  it("keeps the sentence after the dash as written (Shopify keeps its capital)", () => {
    expect(
      phaseName("collecting products — Shopify is exporting the catalog: 0 of 360 products"),
    ).toBe("Collecting products — Shopify is exporting the catalog: 0 of 360 products");
  });
});
