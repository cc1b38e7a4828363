/**
 * A loopback trap for outbound-filter tests (decision 016): TCP listeners on 127.0.0.1 and, where
 * the machine has IPv6 loopback, on [::1] at the same port, that count every connection made to
 * them (plain HTTP, TLS or anything else) and answer nothing useful. "Nothing was fetched" means
 * `hits` stayed empty: no connection was even opened.
 */
import { createServer, type Server, type Socket } from "node:net";

export interface Trap {
  port: number;
  /** Whether [::1]:port is listening too. */
  ipv6: boolean;
  /** One entry per connection: the listener's address and the first bytes received. */
  hits: { local: string; firstLine: string }[];
  /** Every spelling of loopback (and 0.0.0.0, which Linux sends to it) at the trap's port. */
  urls(path?: string): string[];
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number | null> {
  return new Promise((resolve) => {
    server.once("error", () => resolve(null));
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : null);
    });
  });
}

export async function startTrap(): Promise<Trap> {
  const hits: Trap["hits"] = [];
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    const hit = { local: `${socket.localAddress}:${socket.localPort}`, firstLine: "" };
    hits.push(hit);
    socket.once("data", (chunk: Buffer) => {
      hit.firstLine = chunk.toString("latin1").split("\r\n")[0] ?? "";
      socket.end("HTTP/1.1 200 OK\r\ncontent-length: 7\r\nconnection: close\r\n\r\ntrapped");
    });
    socket.on("error", () => undefined).on("close", () => sockets.delete(socket));
  };
  const v4 = createServer(onConnection);
  const port = await listen(v4, "127.0.0.1", 0);
  if (port === null) throw new Error("trap: cannot listen on 127.0.0.1");
  const v6 = createServer(onConnection);
  const ipv6 = (await listen(v6, "::1", port)) !== null;
  return {
    port,
    ipv6,
    hits,
    urls(path = "/trap") {
      const p = `:${port}${path}`;
      return [
        `http://127.0.0.1${p}`,
        `https://127.0.0.1${p}`,
        `http://0x7f000001${p}`,
        `http://0x7f.0.0.1${p}`,
        `http://2130706433${p}`,
        `http://127.1${p}`,
        `http://127.0.1${p}`,
        `http://0177.0.0.1${p}`,
        `http://017700000001${p}`,
        `http://127.000.000.001${p}`,
        `http://localhost${p}`,
        `http://0.0.0.0${p}`,
        `http://0${p}`,
        `http://[::ffff:127.0.0.1]${p}`,
        `http://[::ffff:7f00:1]${p}`,
        `http://[0:0:0:0:0:ffff:127.0.0.1]${p}`,
        ...(ipv6
          ? [
              `http://[::1]${p}`,
              `https://[::1]${p}`,
              `http://[0:0:0:0:0:0:0:1]${p}`,
              `http://[::]${p}`,
            ]
          : []),
      ];
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(
        [v4, ...(ipv6 ? [v6] : [])].map((s) => new Promise<void>((r) => s.close(() => r()))),
      );
    },
  };
}

/** Addresses that are not loopback but must be refused just the same (never listened on). */
export const PRIVATE_URLS = [
  "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
  "http://[fd00:ec2::254]/latest/meta-data/",
  "http://10.0.0.1/internal.js",
  "http://172.16.0.1/internal.js",
  "http://172.31.255.254/internal.js",
  "http://192.168.1.1/router.js",
  "http://100.64.0.1/cgnat.js",
  "http://[fc00::1]/ula.js",
  "http://[fe80::1]/link-local.js",
  "http://224.0.0.1/multicast.js",
  "http://[ff02::1]/multicast.js",
  "http://255.255.255.255/broadcast.js",
  "http://240.0.0.1/reserved.js",
  "http://192.0.2.1/test-net.js",
];
