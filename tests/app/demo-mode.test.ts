/** Demo mode: no Shopify admin needed when explicitly enabled, and refused under production. */
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.TOVHOLDER_DEMO = "1";
  // Demo mode is refused with Shopify credentials: drop the test helpers' ones (demo defaults apply).
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  process.env.DEMO_SHOP = "demo-test.myshopify.com";
});

describe("demo mode", () => {
  it("acts as the demo shop through its offline session, without any token on the request", async () => {
    const { Session } = await import("@shopify/shopify-api");
    const { sessionStorage } = await import("~/shopify.server");
    const { requireAdmin } = await import("~/auth.server");
    await sessionStorage.storeSession(
      new Session({
        id: "offline_demo-test.myshopify.com",
        shop: "demo-test.myshopify.com",
        state: "",
        isOnline: false,
        accessToken: "shpat_demo",
      }),
    );
    const context = await requireAdmin(new Request("http://localhost:3000/app"));
    expect(context).toMatchObject({ shop: "demo-test.myshopify.com", embedded: false });
  });

  it("is refused per request when NODE_ENV=production, even if the process started otherwise", async () => {
    const { requireAdmin, DemoModeRefusedError } = await import("~/auth.server");
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await expect(requireAdmin(new Request("http://localhost:3000/app"))).rejects.toThrow(
        DemoModeRefusedError,
      );
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
