/** `tovholder worker`: runs jobs and the scheduler until stopped (SIGTERM/SIGINT). */
import { pathToFileURL } from "node:url";
import { UsageError, defineCommand } from "../command";

export default defineCommand({
  name: "worker",
  summary: "Run background jobs (weekly audits, re-checks, alerts) until stopped",
  help: `
Usage: tovholder worker [--concurrency N] [--no-scheduler] [--jobs-module FILE]

Runs jobs with the provider JOBS_PROVIDER selects: "bullmq" (Redis at REDIS_URL; start as many
workers as you need) or "inprocess" (the database is the queue; the app server already runs
one, so a separate worker only adds capacity). Stops on SIGTERM or SIGINT: running jobs get
10 seconds to finish, then are handed back to the queue.

  --concurrency N   jobs run at once by this worker (default JOBS_CONCURRENCY, 2)
  --no-scheduler    do not enqueue scheduled runs from this worker (by default every worker
                    does: scheduled runs have fixed ids, so several schedulers run a slot once)
  --jobs-module F   also run the job definitions F exports as TEST_DEFINITIONS (tests, plug-ins)
  -h, --help        show this help

Examples:
  JOBS_PROVIDER=bullmq REDIS_URL=redis://127.0.0.1:6379 tovholder worker --concurrency 4`,
  options: {
    concurrency: { type: "string" },
    "no-scheduler": { type: "boolean", default: false },
    "jobs-module": { type: "string" },
  },
  async run(values, ctx) {
    let concurrency: number | undefined;
    if (values.concurrency !== undefined) {
      concurrency = Number(values.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new UsageError(
          `--concurrency must be a whole number above 0 (got "${values.concurrency}")`,
        );
    }
    const { JOBS } = await import("~/jobs/definitions");
    const { JobRegistry } = await import("~/jobs/define");
    const { startJobService } = await import("~/jobs/service.server");
    const registry = new JobRegistry(JOBS.ids().flatMap((id) => JOBS.get(id) ?? []));
    if (values["jobs-module"]) {
      const url = pathToFileURL(ctx.resolvePath(values["jobs-module"])).href;
      const extra = (await import(url)) as {
        TEST_DEFINITIONS?: Parameters<typeof registry.add>[0][];
      };
      for (const definition of extra.TEST_DEFINITIONS ?? []) registry.add(definition);
    }
    const service = await startJobService({
      role: "worker",
      registry,
      scheduler: !values["no-scheduler"],
      log: (line) => ctx.stderr(`[worker] ${line}\n`),
      config: concurrency === undefined ? {} : { concurrency },
    });
    if (service === null) throw new Error("no worker was started");
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    });
    await service.stop();
  },
});
