import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import globals from "globals";

/**
 * The layout's rules (docs/decisions/018-capability-layout.md), checked by `npm run lint` and
 * tested on planted violations by tests/unit/lint-boundaries.test.ts.
 */
const CAPABILITIES = ["product-qa", "checkout", "performance", "report", "alerts"];
/** A capability's public surface; everything else in its folder is internal. */
const PUBLIC = ["./index.ts", "./index.server.ts", "./ui/index.ts"];
/** Pure code: no I/O (no Node built-ins, Prisma, Shopify client, *.server modules). */
const PURE = ["app/*/domain/**", "app/findings/**", "app/time/**", "app/format/**"];
/** The only code that may use Prisma. */
const MODELS = ["app/**/models/**", "app/db/**"];

const capabilityZones = CAPABILITIES.flatMap((cap) => {
  const message = `Import ${cap} through its public surface: "~/${cap}", "~/${cap}/index.server" or "~/${cap}/ui" (decision 018).`;
  return [
    {
      target: [
        `./app/!(${cap}|jobs)/**/*`,
        "./app/*.{ts,tsx}",
        "./app/jobs/!(handlers.server).ts",
        "./app/jobs/*/**/*",
      ],
      from: `./app/${cap}`,
      except: PUBLIC,
      message,
    },
    {
      // The job service loads each capability's handlers lazily, by path.
      target: "./app/jobs/handlers.server.ts",
      from: `./app/${cap}`,
      except: [...PUBLIC, "./jobs"],
      message,
    },
  ];
});

const PRISMA = {
  group: [
    "@prisma/*",
    "@tovholder/prisma-*",
    "@shopify/shopify-app-session-storage-prisma",
    "~/db/db.server",
  ],
  message: "Only models (a capability's models/ or app/db/) use Prisma (decision 018).",
};
const IO = [
  {
    group: [
      "node:*",
      "~/shopify/*",
      "~/db/*",
      "**/*.server",
      "*.server",
      "**/*.server.ts",
      "**/*.server.tsx",
    ],
    allowTypeImports: true,
    message:
      "Pure domain code does no I/O: no Node built-ins, Shopify client, database or *.server modules (decision 018).",
  },
];
const PROCESS_ENV_IMPORTS = [
  { name: "process", importNames: ["env"], message: "Read the environment through ~/env.server." },
  {
    name: "node:process",
    importNames: ["env"],
    message: "Read the environment through ~/env.server.",
  },
];
const restrictedImports = ({ prisma, io }) => [
  "error",
  { paths: PROCESS_ENV_IMPORTS, patterns: [...(prisma ? [PRISMA] : []), ...(io ? IO : [])] },
];

export default tseslint.config(
  {
    ignores: [
      "build/",
      "build.lock/",
      "node_modules/",
      "coverage/",
      "data/",
      "artifacts/",
      "extensions/**/dist/",
      "extensions/**/shopify.d.ts",
      ".cache/",
      "app/shopify/generated/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["tests/**", "bench/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  // ---- The layout (decision 018) ----
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver": undefined,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: {
      // A capability is imported only through its public surface.
      "import-x/no-restricted-paths": ["error", { zones: capabilityZones }],
      // No import cycles, dynamic import() included.
      "import-x/no-cycle": [
        "error",
        { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false },
      ],
      // Prisma only in models.
      "no-restricted-imports": restrictedImports({ prisma: true, io: false }),
      // Only env.server.ts reads process.env.
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read the environment through ~/env.server (decision 018).",
        },
      ],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: MODELS,
    rules: { "no-restricted-imports": restrictedImports({ prisma: false, io: false }) },
  },
  {
    files: PURE,
    rules: {
      "no-restricted-imports": restrictedImports({ prisma: true, io: true }),
      "import-x/no-nodejs-modules": "error",
    },
  },
  { files: ["app/env.server.ts"], rules: { "no-restricted-properties": "off" } },
);
