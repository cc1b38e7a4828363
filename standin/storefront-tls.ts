/**
 * The stand-in storefront for a real browser (Lighthouse's Chromium).
 *
 * The app reaches Shopify's hosts through a `fetch` wrapper (route-shopify.ts); Chromium cannot
 * use it. Instead, this module puts a TLS front on a loopback port in front of the stand-in:
 * a self-signed certificate generated at start-up with the `openssl` CLI, and a plain TCP pipe
 * from each decrypted connection to the stand-in's HTTP port (the stand-in then answers by the
 * Host header, as it does without `x-standin-host`).
 *
 * Chromium sends all its requests through the app's filtering proxy (decision 016), which
 * resolves host names itself; so the routing lives in the app's egress configuration, as an
 * operator would configure it: `env` maps Shopify's and the fictional apps' hosts to the TLS
 * front (TOVHOLDER_EGRESS_HOST_MAP), allows exactly that loopback socket (TOVHOLDER_EGRESS_ALLOW),
 * and has Chromium accept the self-signed certificate (TOVHOLDER_CHROMIUM_ARGS). The demo and the
 * tests put `env` into the process environment; the app's code never knows it talks to the
 * stand-in, and any other loopback address stays refused.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type TLSSocket } from "node:tls";

export interface StorefrontTls {
  /** The loopback port answering TLS for every routed host. */
  port: number;
  /** Chromium flags: accept the self-signed certificate. */
  chromiumArgs: string[];
  /**
   * Flags for a browser outside the app (viewing the demo, the pages bench), which has no egress
   * proxy: Shopify's and the fictional apps' hosts resolve to the TLS front (the product images
   * on cdn.shopify.com with them), nothing else but loopback resolves, the certificate is
   * accepted.
   */
  viewerArgs: string[];
  /** The environment that routes Chromium's requests for the stand-in's hosts here. */
  env: {
    TOVHOLDER_CHROMIUM_ARGS: string;
    TOVHOLDER_EGRESS_HOST_MAP: string;
    TOVHOLDER_EGRESS_ALLOW: string;
  };
  close(): Promise<void>;
}

/** A throw-away self-signed certificate for Shopify's and the stand-in apps' hosts. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "tovholder-standin-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=Tovholder Shopify stand-in",
        "-addext",
        "subjectAltName=DNS:*.myshopify.com,DNS:*.example,DNS:cdn.shopify.com",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the TLS front for the stand-in at `standinUrl` (http://127.0.0.1:PORT). */
export async function startStorefrontTls(standinUrl: string): Promise<StorefrontTls> {
  const target = new URL(standinUrl);
  const sockets = new Set<TLSSocket>();
  const server = createServer(selfSignedCertificate(), (socket) => {
    sockets.add(socket);
    const upstream = connect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    const end = () => {
      sockets.delete(socket);
      socket.destroy();
      upstream.destroy();
    };
    socket.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const to = `127.0.0.1:${port}`;
  const chromiumArgs = ["--ignore-certificate-errors"];
  return {
    port,
    chromiumArgs,
    viewerArgs: [
      `--host-resolver-rules=MAP *.myshopify.com ${to}, MAP cdn.shopify.com ${to}, MAP *.example ${to}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost`,
      ...chromiumArgs,
    ],
    env: {
      TOVHOLDER_CHROMIUM_ARGS: chromiumArgsEnv(chromiumArgs),
      // Shopify's hosts and the fictional apps' hosts go to the TLS front.
      TOVHOLDER_EGRESS_HOST_MAP: `*.myshopify.com=${to}, cdn.shopify.com=${to}, *.example=${to}`,
      TOVHOLDER_EGRESS_ALLOW: to,
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `TOVHOLDER_CHROMIUM_ARGS` for these flags (JSON array: flags contain spaces and commas). */
export function chromiumArgsEnv(args: string[]): string {
  return JSON.stringify(args);
}
