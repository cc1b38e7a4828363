/**
 * Start-up checks of server.ts, before the app is loaded (docs/decisions/017-secrets-and-production-safety.md):
 *
 * - NODE_ENV is production unless it is exactly `development` or `test`: unset, it is set to
 *   `production` (React, Remix and Express then run their production builds and error pages);
 *   misspelt, it is set to `production` with a warning;
 * - the environment is validated (app/env.server.ts): demo mode, the development key, Shopify
 *   credentials. A refusal is one line: `[tovholder] cannot start: …`;
 * - where to listen: HOST, else 127.0.0.1 in demo mode (it has no login), else all interfaces.
 */
import { EnvError, parseEnv, runtimeMode, type Env } from "../app/env.server.ts";

export type Startup =
  | { ok: true; env: Env; host: string | undefined; warnings: string[] }
  | { ok: false; message: string; warnings: string[] };

export function checkStartup(vars: Record<string, string | undefined>): Startup {
  const warnings: string[] = [];
  if (runtimeMode(vars.NODE_ENV) === "production" && vars.NODE_ENV !== "production") {
    if (vars.NODE_ENV)
      warnings.push(
        `NODE_ENV="${vars.NODE_ENV}" is not development, test or production: running as production`,
      );
    vars.NODE_ENV = "production";
  }
  let env: Env;
  try {
    env = parseEnv(vars);
  } catch (error) {
    if (error instanceof EnvError)
      return { ok: false, message: `[tovholder] cannot start: ${error.oneLine}`, warnings };
    throw error;
  }
  const host = vars.HOST || (env.demoMode ? "127.0.0.1" : undefined);
  return { ok: true, env, host, warnings };
}
