import { describe, expect, it } from "vitest";
import http from "node:http";

describe("test network guard", () => {
  it("fails a fetch to a host outside loopback", async () => {
    await expect(fetch("https://example.com/")).rejects.toThrow();
    await expect(fetch("https://example.com/")).rejects.toSatisfy((e: unknown) =>
      String((e as Error & { cause?: Error }).cause?.message ?? (e as Error).message).includes(
        "Network is blocked",
      ),
    );
  });

  it("fails a Shopify request when no stand-in is running", async () => {
    delete process.env.SHOPIFY_STANDIN_URL;
    await expect(
      fetch("https://test-shop.myshopify.com/admin/api/2026-10/graphql.json"),
    ).rejects.toThrow();
  });

  it("lets loopback through", async () => {
    const server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe("ok");
    server.close();
  });
});
