import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SCOPES } from "~/env.server";
import { ROOT } from "../helpers/databases";

const toml = readFileSync(join(ROOT, "shopify.app.toml"), "utf8");

/** The [[webhooks.subscriptions]] blocks: their comment, topics and uri. */
function subscriptions() {
  return toml
    .split("[[webhooks.subscriptions]]")
    .slice(1)
    .map((block) => ({
      handledBy: /# Handled by: (\S+)/.exec(block)?.[1],
      topics: [
        ...(/(?:compliance_)?topics = \[([^\]]*)\]/.exec(block)?.[1] ?? "").matchAll(/"([^"]+)"/g),
      ].map((m) => m[1]),
      compliance: block.includes("compliance_topics"),
      uri: /uri = "([^"]+)"/.exec(block)?.[1],
    }));
}

describe("shopify.app.toml", () => {
  it("declares the same scopes as the app requests", () => {
    const scopes = /scopes = "([^"]+)"/.exec(toml)?.[1];
    expect(scopes?.split(",").sort()).toEqual(DEFAULT_SCOPES.split(",").sort());
    // Read-only but for the two writes the checkout checks need (docs/decisions/004).
    const writes = scopes?.split(",").filter((s) => /(^|_)write_/.test(s));
    expect(writes?.sort()).toEqual(["unauthenticated_write_checkouts", "write_pixels"]);
  });

  it("subscribes to uninstall, scope updates and the three compliance topics", () => {
    const topics = subscriptions().flatMap((s) => s.topics);
    for (const t of [
      "app/uninstalled",
      "app/scopes_update",
      "customers/data_request",
      "customers/redact",
      "shop/redact",
    ]) {
      expect(topics).toContain(t);
    }
    const compliance = subscriptions()
      .filter((s) => s.compliance)
      .flatMap((s) => s.topics);
    expect(compliance.sort()).toEqual([
      "customers/data_request",
      "customers/redact",
      "shop/redact",
    ]);
  });

  it("names an existing handler for every subscription, whose route matches the uri", () => {
    for (const sub of subscriptions()) {
      expect(
        sub.handledBy,
        `subscription ${sub.topics.join(",")} lacks '# Handled by'`,
      ).toBeTruthy();
      expect(existsSync(join(ROOT, sub.handledBy!)), sub.handledBy).toBe(true);
      const routePath =
        "/" +
        sub
          .handledBy!.replace(/^app\/routes\//, "")
          .replace(/\.tsx?$/, "")
          .replace(/\./g, "/");
      expect(routePath).toBe(sub.uri);
    }
  });
});
