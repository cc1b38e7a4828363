/**
 * Lighthouse's Chromium is confined (issue 15 §1, decision 016):
 * - the run's filtering proxy refuses loopback (every spelling), private, link-local and metadata
 *   addresses, tunnels only to allowed ones, and stops at its byte limit;
 * - Chromium keeps its sandbox (started as an unprivileged user when the tests run as root, as
 *   they do here), gets none of the app's environment, and cannot be configured out of the proxy.
 * The full Lighthouse run with a page pointing inside is in lighthouse.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEgressProxy, type EgressProxy } from "~/lib/egress/proxy.server";
import { launchChromium } from "~/performance/server/chromium.server";
import { chromiumAvailable } from "../helpers/browser";
import { startTrap, type Trap } from "../helpers/trap";

let trap: Trap;
let origin: Server;
let originPort: number;
const savedEnv = { ...process.env };

beforeAll(async () => {
  trap = await startTrap();
  // An allowed destination: answers 1 MB to GET /big, "hello" otherwise.
  origin = createServer((req, res) => {
    if (req.url === "/big") return void res.end(Buffer.alloc(1024 * 1024, 1));
    res.end("hello");
  });
  await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
  originPort = (origin.address() as AddressInfo).port;
});
afterAll(async () => {
  await trap.close();
  await new Promise<void>((resolve) => origin.close(() => resolve()));
});
afterEach(() => {
  process.env = { ...savedEnv };
});

/** Sends raw bytes to the proxy and returns everything it answers until it closes (or 3 s). */
function raw(proxy: EgressProxy, text: string, after?: string): Promise<string> {
  const { port } = new URL(proxy.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1");
    let answer = "";
    const done = () => resolve(answer);
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      if (
        after &&
        answer.includes("200 Connection Established") &&
        !answer.includes("\r\n\r\nHTTP")
      ) {
        socket.write(after);
        after = undefined;
      }
    });
    socket.on("close", done).on("error", done);
    setTimeout(() => socket.destroy(), 3000);
    socket.write(text);
  });
}

describe("the run's filtering proxy", () => {
  it("refuses CONNECT and plain requests to loopback in every spelling, and to private and metadata addresses", async () => {
    const proxy = await startEgressProxy({ maxBytes: 1024 * 1024 });
    try {
      for (const url of trap.urls("/x")) {
        const u = new URL(url);
        const port = u.port || (u.protocol === "https:" ? "443" : "80");
        const connectAnswer = await raw(
          proxy,
          `CONNECT ${u.hostname}:${port} HTTP/1.1\r\nHost: ${u.host}\r\n\r\n`,
        );
        expect(connectAnswer, url).toMatch(/^HTTP\/1\.1 403 Forbidden/);
        const plain = await raw(
          proxy,
          `GET ${url.replace(/^https:/, "http:")} HTTP/1.1\r\nHost: ${u.host}\r\n\r\n`,
        );
        expect(plain, url).toMatch(/^HTTP\/1\.1 403 /);
      }
      for (const target of [
        "169.254.169.254:80",
        "10.0.0.1:443",
        "[fd00:ec2::254]:80",
        "[fe80::1]:443",
      ])
        expect(await raw(proxy, `CONNECT ${target} HTTP/1.1\r\n\r\n`), target).toMatch(
          /^HTTP\/1\.1 403/,
        );
      expect(trap.hits).toEqual([]);
      expect(proxy.refused.length).toBeGreaterThan(trap.urls().length);
    } finally {
      await proxy.close();
    }
  });

  it("tunnels to an address the environment allows, and to a host it maps there", async () => {
    process.env.TOVHOLDER_EGRESS_ALLOW = `127.0.0.1:${originPort}`;
    process.env.TOVHOLDER_EGRESS_HOST_MAP = `*.myshopify.com=127.0.0.1:${originPort}`;
    const proxy = await startEgressProxy({ maxBytes: 10 * 1024 * 1024 });
    try {
      const request = "GET / HTTP/1.1\r\nHost: acme.myshopify.com\r\nConnection: close\r\n\r\n";
      expect(await raw(proxy, `CONNECT 127.0.0.1:${originPort} HTTP/1.1\r\n\r\n`, request)).toMatch(
        /200 Connection Established[\s\S]*HTTP\/1\.1 200 OK[\s\S]*hello$/,
      );
      expect(await raw(proxy, "CONNECT acme.myshopify.com:443 HTTP/1.1\r\n\r\n", request)).toMatch(
        /HTTP\/1\.1 200 OK[\s\S]*hello$/,
      );
      expect(
        await raw(
          proxy,
          `GET http://127.0.0.1:${originPort}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        ),
      ).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*hello$/);
      // The neighbouring port is not allowed.
      expect(await raw(proxy, `CONNECT 127.0.0.1:${trap.port} HTTP/1.1\r\n\r\n`)).toMatch(
        /^HTTP\/1\.1 403/,
      );
      expect(trap.hits).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it("closes every tunnel at its byte limit and opens no new one", async () => {
    process.env.TOVHOLDER_EGRESS_ALLOW = `127.0.0.1:${originPort}`;
    const proxy = await startEgressProxy({ maxBytes: 64 * 1024 });
    try {
      const answer = await raw(
        proxy,
        `CONNECT 127.0.0.1:${originPort} HTTP/1.1\r\n\r\n`,
        "GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      );
      expect(answer.length).toBeLessThan(512 * 1024);
      expect(proxy.limitReached).toBe(true);
      expect(await raw(proxy, `CONNECT 127.0.0.1:${originPort} HTTP/1.1\r\n\r\n`)).toMatch(
        /^HTTP\/1\.1 503/,
      );
    } finally {
      await proxy.close();
    }
  });
});

/** Processes (pid, uid, command line) whose command line names the profile. */
function processesOf(
  profileMarker: string,
): { pid: string; cmd: string; status: string; environ: string }[] {
  const found = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      if (!cmd.includes(profileMarker)) continue;
      found.push({
        pid,
        cmd,
        status: readFileSync(`/proc/${pid}/status`, "utf8"),
        environ: readFileSync(`/proc/${pid}/environ`, "utf8"),
      });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe.runIf(chromiumAvailable())("Lighthouse's Chromium", () => {
  it("keeps its sandbox, runs unprivileged, sees none of the app's environment, and uses the proxy", async () => {
    process.env.ENCRYPTION_KEY_CANARY = "secret-canary-7f3a";
    const proxy = await startEgressProxy({ maxBytes: 1024 * 1024 });
    const chromium = await launchChromium({ proxyUrl: proxy.url });
    try {
      let all: ReturnType<typeof processesOf> = [];
      await expect
        .poll(
          () => {
            all = processesOf("tovholder-chromium-").filter(
              (p) => p.cmd.includes(`--proxy-server=${proxy.url}`) || /--type=/.test(p.cmd),
            );
            return all.some((p) => p.cmd.includes("--type=renderer"));
          },
          { timeout: 20_000, interval: 200 },
        )
        .toBe(true);
      const browser = all.find((p) => !p.cmd.includes("--type="));
      expect(browser?.cmd).toContain("--proxy-bypass-list=<-loopback>");
      expect(browser?.cmd).toContain("--host-resolver-rules=MAP * ~NOTFOUND");
      for (const p of all) {
        expect(p.cmd).not.toContain("--no-sandbox");
        expect(p.environ).not.toContain("secret-canary-7f3a");
        const uid = /^Uid:\s+(\d+)/m.exec(p.status)?.[1];
        if (process.getuid?.() === 0) expect(uid).toBe("65534");
      }
      // Renderers: seccomp-bpf filter on (a renderer turns it on as it starts), in a user
      // namespace of their own.
      expect(/^Seccomp:\s+0/m.test(readFileSync("/proc/self/status", "utf8"))).toBe(true);
      const renderers = () =>
        processesOf("tovholder-chromium-").filter((p) => p.cmd.includes("--type=renderer"));
      await expect
        .poll(() => renderers().every((r) => /^Seccomp:\s+2/m.test(r.status)), {
          timeout: 10_000,
          interval: 200,
        })
        .toBe(true);
      const { readlinkSync } = await import("node:fs");
      for (const r of renderers())
        expect(readlinkSync(`/proc/${r.pid}/ns/user`)).not.toBe(readlinkSync("/proc/self/ns/user"));
    } finally {
      await chromium.close();
      await proxy.close();
    }
  }, 60_000);

  it("refuses configuration that would undo the confinement, with a readable error", async () => {
    for (const flag of [
      "--no-sandbox",
      "--proxy-server=direct://",
      "--host-resolver-rules=MAP * 10.0.0.1",
      "--proxy-bypass-list=*",
    ]) {
      process.env.TOVHOLDER_CHROMIUM_ARGS = JSON.stringify([flag]);
      await expect(launchChromium({ proxyUrl: "http://127.0.0.1:9" }), flag).rejects.toThrow(
        /^TOVHOLDER_CHROMIUM_ARGS may not set --[a-z-]+: Tovholder confines Chromium's network and keeps its sandbox itself/,
      );
    }
    process.env.TOVHOLDER_CHROMIUM_ARGS = "[]";
    process.env.TOVHOLDER_CHROMIUM_SANDBOX = "maybe";
    await expect(launchChromium({ proxyUrl: "http://127.0.0.1:9" })).rejects.toThrow(
      'TOVHOLDER_CHROMIUM_SANDBOX must be "on" or "off"',
    );
  });
});

describe("what Lighthouse measures", () => {
  it("only the storefront's own pages: a page a redirect took to another host is named, not measured", async () => {
    const { storefrontTargets } = await import("~/performance/server/lighthouse.server");
    const shop = "https://www.acme-outdoor.com";
    expect(
      storefrontTargets(
        {
          home: `${shop}/`,
          collection: "http://169.254.169.254/latest/meta-data/",
          product: `${shop}/products/tent`,
        },
        ["home", "collection", "product"],
      ),
    ).toEqual({
      targets: [
        { type: "home", url: `${shop}/` },
        { type: "product", url: `${shop}/products/tent` },
      ],
      offSite: [{ type: "collection", url: "http://169.254.169.254/latest/meta-data/" }],
    });
    expect(
      storefrontTargets({ home: `${shop}/`, product: "https://evil.example/products/x" }, [
        "home",
        "product",
      ]).offSite,
    ).toEqual([{ type: "product", url: "https://evil.example/products/x" }]);
  });
});
