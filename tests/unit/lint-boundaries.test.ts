/**
 * The layout's rules (docs/decisions/018-capability-layout.md) are enforced: ESLint, with the
 * repository's own config, fails on a planted violation of each, and passes the same import
 * made the allowed way.
 */
import { join } from "node:path";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids ESLint reports for `code` as if it were the file at `path` (repository-relative). */
async function rulesBroken(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  const fatal = result?.messages.filter((m) => m.fatal) ?? [];
  expect(fatal, "the planted file parses").toEqual([]);
  return [...new Set(result?.messages.map((m) => m.ruleId ?? "") ?? [])];
}

describe("a capability is imported only through its public surface", () => {
  it("fails when another capability imports a file inside it", async () => {
    const code = `import { computeHealthScore } from "~/product-qa/domain/score";\nexport const f = computeHealthScore;\n`;
    expect(await rulesBroken("app/checkout/server/planted.server.ts", code)).toContain(
      "import-x/no-restricted-paths",
    );
    expect(await rulesBroken("app/routes/planted.tsx", code)).toContain(
      "import-x/no-restricted-paths",
    );
  });

  it("passes the same import through the capability's index, and inside the capability", async () => {
    const viaIndex = `import { computeHealthScore } from "~/product-qa";\nexport const f = computeHealthScore;\n`;
    expect(await rulesBroken("app/checkout/server/planted.server.ts", viaIndex)).not.toContain(
      "import-x/no-restricted-paths",
    );
    const inside = `import { computeHealthScore } from "~/product-qa/domain/score";\nexport const f = computeHealthScore;\n`;
    expect(await rulesBroken("app/product-qa/server/planted.server.ts", inside)).not.toContain(
      "import-x/no-restricted-paths",
    );
  });
});

describe("pure domain code does no I/O", () => {
  it("fails on a Node built-in, a *.server module or the Shopify client in a domain folder", async () => {
    for (const code of [
      `import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n`,
      `import { getShop } from "~/db/shops.server";\nexport const f = getShop;\n`,
      `import { AdminClient } from "~/shopify/admin-client.server";\nexport const f = AdminClient;\n`,
    ])
      expect(await rulesBroken("app/checkout/domain/planted.ts", code)).toContain(
        "no-restricted-imports",
      );
  });

  it("allows types from server modules (they are erased)", async () => {
    const code = `import type { InstallInput } from "~/db/shops.server";\nexport type T = InstallInput;\n`;
    expect(await rulesBroken("app/checkout/domain/planted.ts", code)).not.toContain(
      "no-restricted-imports",
    );
  });
});

describe("only models use Prisma", () => {
  const code = `import { prisma } from "~/db/db.server";\nexport const f = prisma;\n`;
  it("fails outside models", async () => {
    expect(await rulesBroken("app/checkout/server/planted.server.ts", code)).toContain(
      "no-restricted-imports",
    );
    expect(
      await rulesBroken(
        "app/routes/planted.tsx",
        `import type { Prisma } from "@tovholder/prisma-sqlite";\nexport type T = Prisma.ShopWhereInput;\n`,
      ),
    ).toContain("no-restricted-imports");
  });

  it("passes in a capability's models/ and in app/db/", async () => {
    expect(await rulesBroken("app/checkout/models/planted.server.ts", code)).not.toContain(
      "no-restricted-imports",
    );
    expect(await rulesBroken("app/db/planted.server.ts", code)).not.toContain(
      "no-restricted-imports",
    );
  });
});

describe("only env.server.ts reads process.env", () => {
  it("fails elsewhere, read or destructured", async () => {
    for (const code of [
      `export const url = process.env.DATABASE_URL;\n`,
      `const { DATABASE_URL } = process.env;\nexport const url = DATABASE_URL;\n`,
      `export const url = process["env"].DATABASE_URL;\n`,
    ])
      expect(await rulesBroken("app/lib/planted.server.ts", code)).toContain(
        "no-restricted-properties",
      );
  });

  it("passes in app/env.server.ts", async () => {
    expect(
      await rulesBroken("app/env.server.ts", `export const url = process.env.DATABASE_URL;\n`),
    ).not.toContain("no-restricted-properties");
  });
});

describe("no import cycles", () => {
  // The rule follows imports through files on disk: the pairs are committed files under
  // tests/fixtures/lint-cycle, linted with the very config block that holds the rule for app/
  // (planting them under app/ would mark the demo's build stale while other tests run).
  let cycles: ESLint;
  beforeAll(async () => {
    const { default: config } = (await import("../../eslint.config.js")) as {
      default: Linter.Config[];
    };
    const block = config.find((c) => c.rules?.["import-x/no-cycle"]);
    expect(block?.files, "the no-cycle block covers app/").toContain("app/**/*.{ts,tsx}");
    cycles = new ESLint({
      cwd: ROOT,
      overrideConfig: { ...block, files: ["tests/fixtures/lint-cycle/**/*.ts"] },
    });
  });
  async function lintPair(pair: "static" | "dynamic" | "none"): Promise<string[]> {
    const [result] = await cycles.lintFiles([
      join(ROOT, "tests/fixtures/lint-cycle", pair, "a.ts"),
    ]);
    return [...new Set(result?.messages.map((m) => m.ruleId ?? "") ?? [])];
  }

  it("fails on a cycle through a static import", async () => {
    expect(await lintPair("static")).toContain("import-x/no-cycle");
  });

  it("fails on a cycle through import()", async () => {
    expect(await lintPair("dynamic")).toContain("import-x/no-cycle");
  });

  it("passes when the other module does not import back", async () => {
    expect(await lintPair("none")).not.toContain("import-x/no-cycle");
  });
});

describe("no function over 80 lines in app/", () => {
  const body = (lines: number) =>
    `export function long(): number {\n  let n = 0;\n${"  n += 1;\n".repeat(lines - 4)}  return n;\n}\n`;

  it("fails at 81 lines, comments and blank lines not counted", async () => {
    expect(await rulesBroken("app/ui/planted.ts", body(81))).toContain("max-lines-per-function");
    const padded = body(80).replace("  let n = 0;\n", "  let n = 0;\n\n  // why\n\n");
    expect(await rulesBroken("app/ui/planted.ts", padded)).not.toContain("max-lines-per-function");
  });
});
