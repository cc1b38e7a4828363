/** `tovholder worker` as a child process, for crash tests and the load bench. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../helpers/databases";

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Signals the worker's whole process group (tsx runs node as a child). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export const TEST_JOBS_MODULE = join(ROOT, "tests/jobs/fixtures/test-jobs.ts");

export function spawnWorker(
  env: Record<string, string | undefined> = {},
  args: string[] = ["--no-scheduler", "--jobs-module", TEST_JOBS_MODULE],
): WorkerProcess {
  let output = "";
  const child = spawn(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "bin/tovholder.ts"), "worker", ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    async kill(signal) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
        await exited;
      }
    },
  };
}

/** Resolves when the worker printed `text` (it logs to stderr). */
export async function waitForOutput(
  worker: WorkerProcess,
  text: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!worker.output().includes(text)) {
    if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
    if (Date.now() > deadline)
      throw new Error(`worker did not print "${text}":\n${worker.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
