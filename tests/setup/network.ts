/**
 * Vitest setup, run in every test worker before any test file is imported.
 *
 * 1. Blocks the network: a socket to anything but loopback fails the test with a clear error.
 * 2. Routes Shopify hosts to the offline stand-in when a test has started one
 *    (`SHOPIFY_STANDIN_URL`); without one, a request to Shopify hits the block above.
 */
import net from "node:net";
import dns from "node:dns";
import { installShopifyRouting } from "../../standin/route-shopify";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost", "::ffff:127.0.0.1"]);

function hostOf(args: unknown[]): string | undefined {
  const first = args[0];
  if (Array.isArray(first)) return hostOf(first);
  if (first && typeof first === "object") {
    const o = first as { host?: string; path?: string };
    if (o.path) return undefined; // unix socket
    return o.host ?? "localhost";
  }
  if (typeof first === "number") return typeof args[1] === "string" ? args[1] : "localhost";
  return undefined; // unix socket path
}

export class NetworkBlockedError extends Error {}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== undefined && !LOOPBACK.has(host)) {
    throw new NetworkBlockedError(`Network is blocked in tests: unexpected connection to ${host}`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalLookup = dns.lookup;
(dns as { lookup: unknown }).lookup = function patchedLookup(hostname: string, ...rest: unknown[]) {
  if (!LOOPBACK.has(hostname)) {
    const cb = rest[rest.length - 1];
    const error = new NetworkBlockedError(
      `Network is blocked in tests: unexpected DNS lookup of ${hostname}`,
    );
    if (typeof cb === "function") {
      process.nextTick(() => (cb as (e: Error) => void)(error));
      return;
    }
    throw error;
  }
  return (originalLookup as (...a: unknown[]) => unknown).call(dns, hostname, ...rest);
};

installShopifyRouting();
