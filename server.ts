/**
 * The app's HTTP server: static assets + the Remix request handler, on Node 22 (type stripping).
 * Used by `npm start` (production) and by `npm run demo` (demo mode, NODE_ENV=development).
 *
 *   PORT (3000), HOST (all interfaces) — where to listen.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { JobService, startJobService } from "./app/jobs/service.server.ts";

const buildPath = resolve(process.env.TOVHOLDER_BUILD ?? "build/server/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use(
  build.publicPath,
  express.static(resolve("build/client", build.publicPath.replace(/^\//, "")), {
    immutable: true,
    maxAge: "1y",
  }),
);
app.use(express.static(resolve("build/client"), { maxAge: "1h" }));
app.get("/healthz", (_req, res) => {
  res.type("text/plain").send("ok");
});
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

// The job system, from the build's entry module (app/entry.server.tsx): with the in-process
// provider (default) this process runs the jobs and the scheduler; with JOBS_PROVIDER=bullmq it
// only enqueues, and `npm run worker` processes run them.
const entry = build.entry.module as unknown as { startJobService: typeof startJobService };
const jobs: JobService | null = await entry.startJobService({ role: "server" });

const server = host ? app.listen(port, host, onListen) : app.listen(port, onListen);
function onListen() {
  console.log(`[tovholder] listening on http://localhost:${port}`);
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
