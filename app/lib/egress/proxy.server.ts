/**
 * The filtering proxy Lighthouse's Chromium must use (decision 016). Chromium is started with
 * `--proxy-server` pointing here and `--proxy-bypass-list=<-loopback>` (so that not even loopback
 * goes direct), and sends every request through: `CONNECT host:port` for https and wss, an
 * absolute URL for plain http. The proxy resolves the host itself, checks every address with the
 * same rules as the app's own fetches (egress.server.ts: public unicast only, after DNS, the
 * environment's exact exceptions), and connects to the checked address only. A refused request
 * gets 403 and no connection is made; each redirect Chromium follows is a new request and a new
 * check.
 *
 * One proxy serves one Lighthouse run, listens on 127.0.0.1 on a random port, and stops all its
 * tunnels once the run has moved `maxBytes` (both directions together).
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { CONNECT_TIMEOUT_MS, egressRefusalOf, resolveDestination } from "./egress.server";
import { unbracket } from "./addresses";

export interface EgressProxy {
  /** `http://127.0.0.1:PORT`, for --proxy-server. */
  url: string;
  /** Requests refused by the address rules: host and why. */
  readonly refused: { host: string; reason: string }[];
  /** Bytes moved so far, both directions. */
  readonly bytes: number;
  /** True once `maxBytes` was reached (every tunnel was then closed). */
  readonly limitReached: boolean;
  close(): Promise<void>;
}

export interface EgressProxyOptions {
  /** Bytes (both directions) after which every tunnel is closed and no new one is opened. */
  maxBytes: number;
}

/** `host:port` of a CONNECT request (`[::1]:443` for IPv6). */
function parseAuthority(authority: string): { host: string; port: number } | null {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(authority);
  const port = Number(m?.[2]);
  if (!m?.[1] || !(port >= 1 && port <= 65535)) return null;
  return { host: unbracket(m[1]), port };
}

/** One proxy's connections and traffic: every connection is closed once `maxBytes` is moved. */
class ProxyTraffic {
  readonly sockets = new Set<Duplex>();
  readonly refused: { host: string; reason: string }[] = [];
  bytes = 0;
  limitReached = false;

  constructor(private readonly maxBytes: number) {}

  count(n: number): void {
    this.bytes += n;
    if (this.bytes >= this.maxBytes && !this.limitReached) {
      this.limitReached = true;
      for (const s of this.sockets) s.destroy();
    }
  }

  track(s: Duplex): void {
    this.sockets.add(s);
    s.on("close", () => this.sockets.delete(s));
    s.on("error", () => s.destroy());
  }
}

/** A TCP connection to one address: the socket, or why it failed. */
function connectTo(address: string, port: number): Promise<Socket | string> {
  return new Promise<Socket | string>((resolve) => {
    let socket: Socket;
    try {
      socket = connect({ host: address, port });
    } catch (error) {
      return resolve((error as Error).message);
    }
    const timer = setTimeout(
      () => socket.destroy(new Error("connect timeout")),
      CONNECT_TIMEOUT_MS,
    );
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      resolve(error.message);
    });
  });
}

type Opened = { socket: Socket } | { status: 403 | 502 | 503; reason: string };

/** A checked connection to host:port, or the HTTP status to answer and why. */
async function open(traffic: ProxyTraffic, host: string, port: number): Promise<Opened> {
  if (traffic.limitReached) return { status: 503, reason: "the run's byte limit was reached" };
  let destination: Awaited<ReturnType<typeof resolveDestination>>;
  try {
    destination = await resolveDestination(host, port);
  } catch (error) {
    const refusal = egressRefusalOf(error);
    if (refusal) {
      traffic.refused.push({ host, reason: refusal.message });
      return { status: 403, reason: refusal.message };
    }
    return { status: 502, reason: (error as Error).message };
  }
  const { addresses, port: to } = destination;
  // By address, one after the other (IPv6 and IPv4 of one host): only checked addresses.
  let last = `${host} has no address`;
  for (const { address } of addresses) {
    const opened = await connectTo(address, to);
    if (typeof opened !== "string") return { socket: opened };
    last = opened;
  }
  return { status: 502, reason: last };
}

/** Plain http: the request's absolute URL, forwarded over a checked connection. */
function forwardHttp(traffic: ProxyTraffic, req: IncomingMessage, res: ServerResponse): void {
  // Plain http: an absolute URL. Anything else is not a proxy request.
  let url: URL;
  try {
    url = new URL(req.url ?? "");
  } catch {
    return void res.writeHead(400, { connection: "close" }).end();
  }
  if (url.protocol !== "http:") return void res.writeHead(400, { connection: "close" }).end();
  traffic.track(req.socket);
  void open(traffic, url.hostname, url.port ? Number(url.port) : 80).then(
    (opened) => {
      if ("status" in opened)
        return void res.writeHead(opened.status, { connection: "close" }).end(opened.reason);
      traffic.track(opened.socket);
      const headers = { ...req.headers };
      delete headers["proxy-connection"];
      delete headers["proxy-authorization"];
      const upstream = httpRequest(
        {
          // No agent: the request goes over exactly this checked socket (agent: false would
          // make a new Agent, which opens its own, unchecked connection).
          createConnection: () => opened.socket,
          method: req.method,
          path: `${url.pathname}${url.search}`,
          headers,
          setHost: false,
        },
        (answer: IncomingMessage) => {
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.on("data", (chunk: Buffer) => traffic.count(chunk.length));
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      req.on("data", (chunk: Buffer) => traffic.count(chunk.length));
      req.pipe(upstream);
    },
    () => res.destroy(),
  );
}

const CONNECT_REFUSALS: Record<403 | 502 | 503, string> = {
  403: "Forbidden",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

/** Joins a CONNECT client to its checked upstream, counting the bytes both ways. */
function joinTunnel(traffic: ProxyTraffic, client: Duplex, upstream: Socket, head: Buffer): void {
  traffic.track(upstream);
  if (client.destroyed) return void upstream.destroy();
  client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
  if (head.length > 0) {
    traffic.count(head.length);
    upstream.write(head);
  }
  client.on("data", (chunk: Buffer) => traffic.count(chunk.length));
  upstream.on("data", (chunk: Buffer) => traffic.count(chunk.length));
  client.pipe(upstream).pipe(client);
  client.on("close", () => upstream.destroy());
  upstream.on("close", () => client.destroy());
}

/** `CONNECT host:port` (https, wss): a tunnel over a checked connection. */
function tunnelConnect(
  traffic: ProxyTraffic,
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
): void {
  traffic.track(client);
  const target = parseAuthority(req.url ?? "");
  if (!target) return void client.end("HTTP/1.1 400 Bad Request\r\n\r\n");
  void open(traffic, target.host, target.port).then(
    (opened) => {
      if ("status" in opened)
        return void client.end(
          `HTTP/1.1 ${opened.status} ${CONNECT_REFUSALS[opened.status]}\r\ncontent-length: 0\r\n\r\n`,
        );
      joinTunnel(traffic, client, opened.socket, head);
    },
    () => client.destroy(),
  );
}

export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const traffic = new ProxyTraffic(options.maxBytes);
  const server = createServer((req, res) => forwardHttp(traffic, req, res));
  server.on("connect", (req: IncomingMessage, client: Duplex, head: Buffer) =>
    tunnelConnect(traffic, req, client, head),
  );
  // A plain-http WebSocket upgrade (Chromium tunnels ws:// with CONNECT): refused.
  server.on("upgrade", (_req, socket: Duplex) => socket.destroy());
  server.on("clientError", (_error, socket: Duplex) => socket.destroy());

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused: traffic.refused,
    get bytes() {
      return traffic.bytes;
    },
    get limitReached() {
      return traffic.limitReached;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of traffic.sockets) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
