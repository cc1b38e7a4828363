/**
 * `npm start` (node server.ts) as an operator and a stranger meet it, against a minimal build
 * (tests/app/fixtures/fake-build.mjs): every start-up combination and its one-line refusal,
 * production behaviour without NODE_ENV, where the demo listens, body limits before any read
 * (with the server's memory watched), cross-origin form posts, and static 404s.
 */
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_ENCRYPTION_KEY } from "~/env.server";
import { MAX_BODY_BYTES } from "~/checkout/domain/pixel-events";
import { DEFAULT_BODY_LIMITS } from "../../server/http";
import {
  listeningAddresses,
  startExpectingExit,
  startServer,
  type Running,
} from "../helpers/app-server";

const KEY = randomBytes(32).toString("hex");
const CREDENTIALS = {
  SHOPIFY_API_KEY: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  SHOPIFY_API_SECRET: "f9e8d7c6b5a4938271605f4e3d2c1b0a",
  SHOPIFY_APP_URL: "https://app.example.com",
};
const STACK_LINE = /^\s+at .+[:(]/m;

describe("start-up: every combination, each refusal in one line", () => {
  const refusals: [string, Record<string, string>, RegExp][] = [
    [
      "no NODE_ENV, credentials, no ENCRYPTION_KEY",
      { ...CREDENTIALS },
      /ENCRYPTION_KEY is required/,
    ],
    [
      "NODE_ENV=development, credentials, no ENCRYPTION_KEY",
      { NODE_ENV: "development", ...CREDENTIALS },
      /ENCRYPTION_KEY is required/,
    ],
    [
      "credentials with the public development key",
      { ...CREDENTIALS, ENCRYPTION_KEY: DEV_ENCRYPTION_KEY.toString("hex") },
      /ENCRYPTION_KEY is the public development key/,
    ],
    ["demo without NODE_ENV", { TOVHOLDER_DEMO: "1" }, /TOVHOLDER_DEMO=1 is refused/],
    [
      "demo with NODE_ENV=production",
      { TOVHOLDER_DEMO: "1", NODE_ENV: "production" },
      /TOVHOLDER_DEMO=1 is refused when NODE_ENV=production/,
    ],
    [
      "demo with real Shopify credentials",
      { TOVHOLDER_DEMO: "1", NODE_ENV: "development", ...CREDENTIALS, ENCRYPTION_KEY: KEY },
      /TOVHOLDER_DEMO=1 is refused with Shopify credentials set/,
    ],
    [
      "no Shopify credentials at all",
      { ENCRYPTION_KEY: KEY },
      /SHOPIFY_API_KEY is required.*SHOPIFY_API_SECRET is required.*SHOPIFY_APP_URL is required/,
    ],
  ];

  it.each(refusals)("refuses %s", async (_name, env, reason) => {
    const { code, stderr, stdout } = await startExpectingExit(env);
    expect(code).toBe(1);
    expect(stdout).not.toContain("listening");
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[tovholder\] cannot start: /);
    expect(lines[0]).toMatch(reason);
  });

  it("says so when NODE_ENV is misspelt, then judges it as production", async () => {
    const { code, stderr } = await startExpectingExit({ NODE_ENV: "prod", TOVHOLDER_DEMO: "1" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      '[tovholder] NODE_ENV="prod" is not development, test or production: running as production',
      expect.stringMatching(/^\[tovholder\] cannot start: TOVHOLDER_DEMO=1 is refused/),
    ]);
  });
});

describe("start-up: what runs", () => {
  it("runs as production without NODE_ENV: production mode, no error detail to the client", async () => {
    const server = await startServer({ ...CREDENTIALS, ENCRYPTION_KEY: KEY });
    try {
      const mode = await fetch(`${server.url}/mode`);
      expect(await mode.json()).toEqual({ nodeEnv: "production" });
      const boom = await fetch(`${server.url}/boom`);
      expect(boom.status).toBe(500);
      const body = await boom.text();
      expect(body).not.toContain("secret detail");
      expect(body).not.toMatch(STACK_LINE);
    } finally {
      await server.stop();
    }
  });

  it("binds the demo to 127.0.0.1 unless HOST says otherwise", async () => {
    const demo = await startServer({ NODE_ENV: "development", TOVHOLDER_DEMO: "1" });
    try {
      expect(demo.stdout()).toContain(`listening on http://127.0.0.1:${demo.port}`);
      expect(listeningAddresses(demo.port)).toEqual(["127.0.0.1"]);
      expect((await fetch(`${demo.url}/mode`)).status).toBe(200);
    } finally {
      await demo.stop();
    }
    // The contrast: the production server listens on every interface.
    const server = await startServer({ ...CREDENTIALS, ENCRYPTION_KEY: KEY });
    try {
      expect(listeningAddresses(server.port)).not.toContain("127.0.0.1");
      expect(listeningAddresses(server.port).some((a) => a === "::" || a === "0.0.0.0")).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

/** POSTs a chunked body of up to `total` bytes in 1 MiB chunks; stops once the server answers. */
function streamPost(
  url: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: "POST", headers }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sent });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("the HTTP layer in front of Remix", () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ ...CREDENTIALS, ENCRYPTION_KEY: KEY });
  }, 120_000);
  afterAll(() => server.stop());

  it("answers 413 at once for a webhook whose declared length is over the limit", async () => {
    const res = await new Promise<{ status: number }>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}/webhooks/app/uninstalled`,
        { method: "POST", headers: { "Content-Length": String(600 * 1024 * 1024) } },
        (r) => {
          r.resume();
          resolve({ status: r.statusCode ?? 0 });
          req.destroy();
        },
      );
      req.on("error", reject);
      req.write("{}"); // a body that never comes: the answer must not wait for it
    });
    expect(res.status).toBe(413);
  });

  it("stops a large streamed webhook body at the limit with 413; the server's memory does not grow with it", async () => {
    const before = server.rss();
    const result = await streamPost(`${server.url}/webhooks/app/uninstalled`, 256 * 1024 * 1024, {
      "Content-Type": "application/json",
    });
    expect(result.status).toBe(413);
    expect(result.body).toContain(`larger than ${DEFAULT_BODY_LIMITS.webhooks} bytes`);
    // The client stopped soon after the limit, far from the 256 MiB it had to send.
    expect(result.sent).toBeLessThan(64 * 1024 * 1024);
    const grown = server.rss() - before;
    expect(grown).toBeLessThan(48 * 1024 * 1024);
    // …and the server still serves.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("still accepts a webhook of Shopify's full size (1,000,000 bytes)", async () => {
    const payload = JSON.stringify({ id: 1, body_html: "x".repeat(999_980) });
    expect(Buffer.byteLength(payload)).toBeGreaterThanOrEqual(1_000_000);
    const res = await fetch(`${server.url}/webhooks/products/update`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: payload,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: Buffer.byteLength(payload) });
  });

  it("limits the pixel endpoint to its own size, answering in JSON a browser may read", async () => {
    expect(DEFAULT_BODY_LIMITS.pixel).toBe(MAX_BODY_BYTES);
    const result = await streamPost(`${server.url}/api/pixel-events`, 8 * 1024 * 1024, {
      "Content-Type": "text/plain",
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ error: "too_large" });
  });

  it("limits form posts to 1 MiB", async () => {
    const big = await fetch(`${server.url}/app/echo`, {
      method: "POST",
      body: new URLSearchParams({ logo: "a".repeat(DEFAULT_BODY_LIMITS.forms + 1) }),
    });
    expect(big.status).toBe(413);
    const small = await fetch(`${server.url}/app/echo`, {
      method: "POST",
      body: new URLSearchParams({ name: "Nordvej" }),
    });
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ name: "Nordvej" });
  });

  it("refuses a cross-origin form post with 403, not 500, and logs no stack", async () => {
    const attempts: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${server.url}/app/echo`, {
        method: "POST",
        headers,
        body: new URLSearchParams({ name: "x" }),
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    const same = await fetch(`${server.url}/app/echo`, {
      method: "POST",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams({ name: "x" }),
    });
    expect(same.status).toBe(200);
    expect(server.stderr()).not.toMatch(STACK_LINE);
  });

  it("answers /favicon.ico and unknown static files 404 without a stack trace in the log", async () => {
    for (const path of ["/favicon.ico", "/assets/entry-missing.js", "/logo.png", "/x/y.css"]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
    }
    expect(server.stderr()).not.toMatch(STACK_LINE);
    expect(server.stderr()).not.toContain("No route matches");
  });
});
