import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
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

describe("Shopify CLI configuration", () => {
  it("has no include_config_on_deploy (Shopify CLI no longer supports it and drops it on deploy)", () => {
    expect(toml).not.toMatch(/include_config_on_deploy/);
  });

  it("pins @shopify/ui-extensions to the API version every UI extension declares", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    const installed = JSON.parse(
      readFileSync(join(ROOT, "node_modules/@shopify/ui-extensions/package.json"), "utf8"),
    ) as { version: string };
    const extensionsDir = join(ROOT, "extensions");
    const apiVersions = readdirSync(extensionsDir)
      .map((dir) => readFileSync(join(extensionsDir, dir, "shopify.extension.toml"), "utf8"))
      .filter((text) => /type = "ui_extension"/.test(text))
      .map((text) => /^api_version = "(\d{4})-(\d{2})"/m.exec(text))
      .map((m) => `${m![1]}.${Number(m![2])}`);
    expect(apiVersions.length).toBeGreaterThan(0);
    for (const version of apiVersions) {
      // The package's year.month is the API version ("2026-10" → 2026.10.x), and the range
      // cannot drift to another one ("~", not "^").
      expect(installed.version.startsWith(`${version}.`)).toBe(true);
      expect(pkg.devDependencies["@shopify/ui-extensions"]).toMatch(
        new RegExp(`^~${version.replace(".", "\\.")}\\.`),
      );
    }
  });
});
