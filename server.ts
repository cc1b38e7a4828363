/**
 * The app's HTTP server: static assets + the Remix request handler, on Node 22 (type stripping).
 * Used by `npm start` (production) and by `npm run demo` (demo mode, NODE_ENV=development).
 *
 *   PORT (3000), HOST — where to listen (default: all interfaces; 127.0.0.1 in demo mode).
 *
 * Start-up refuses unsafe settings with one line (server/startup.ts); without NODE_ENV it runs
 * as production. Body limits, the cross-origin check and static 404s: server/http.ts.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/node";
import type { ServerBuild } from "@remix-run/node";
import type { JobService, startJobService } from "./app/jobs/service.server.ts";
import { createHttpApp } from "./server/http.ts";
import { checkStartup } from "./server/startup.ts";

const startup = checkStartup(process.env);
for (const warning of startup.warnings) console.error(`[tovholder] ${warning}`);
if (!startup.ok) {
  console.error(startup.message);
  process.exit(1);
}

const buildPath = resolve(process.env.TOVHOLDER_BUILD ?? "build/server/index.js");
// The PDF worker threads load the renderer from this same build.
process.env.TOVHOLDER_BUILD = buildPath;
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
const port = Number(process.env.PORT ?? 3000);
const host = startup.host;

// The build's entry module (app/entry.server.tsx): start-up work and the job system.
const entry = build.entry.module as unknown as {
  startJobService: typeof startJobService;
  prepareStorage?: () => Promise<void>;
};
// Secrets at rest: plaintext or old-key tokens are re-encrypted before the first request.
await entry.prepareStorage?.();

const { app } = createHttpApp({
  handler: createRequestHandler(build, startup.env.nodeEnv),
  publicPath: build.publicPath,
  clientDir: resolve(process.env.TOVHOLDER_CLIENT_DIR ?? "build/client"),
});

// With the in-process provider (default) this process runs the jobs and the scheduler; with
// JOBS_PROVIDER=bullmq it only enqueues, and `npm run worker` processes run them.
const jobs: JobService | null = await entry.startJobService({ role: "server" });

const server = host ? app.listen(port, host, onListen) : app.listen(port, onListen);
function onListen() {
  console.log(`[tovholder] listening on http://${host ?? "localhost"}:${port}`);
}
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // Running jobs get a grace period, then are handed back to the queue (not counted).
    void (jobs?.stop() ?? Promise.resolve())
      .catch((error: unknown) => console.error(`[tovholder] stopping jobs: ${String(error)}`))
      .finally(() => process.exit(0));
  });
}
