#!/usr/bin/env node
// The package's `tovholder` executable: plain JavaScript, so it runs without a TypeScript
// loader. It registers tsx with the repository's tsconfig (for the `~/` paths), then runs the
// TypeScript entry, so it works from any directory.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("./tovholder.ts");
