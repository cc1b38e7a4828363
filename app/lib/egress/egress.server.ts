/**
 * Outbound connections made on a shop's behalf (decision 016): the storefront crawl, the checkout
 * check, the Storefront API, alert webhooks, and Lighthouse's Chromium through proxy.server.ts.
 * Every connection is checked where it is opened, after DNS resolution, against the address it
 * really goes to: public unicast only (addresses.ts). A redirect is a new request and so a new
 * check. DNS answers are checked as a whole (one private address refuses the host: a name that
 * resolves to both is a rebinding attempt), and the socket connects to exactly the address that
 * was checked, so a second DNS answer cannot slip in between.
 *
 * Configuration, read at each connection (so a test or the demo can set it late):
 * - `TOVHOLDER_EGRESS_ALLOW`: exact socket addresses that may be reached although they are not
 *   public (`127.0.0.1:4443, [::1]:9000`): a local webhook receiver, the offline stand-in's TLS
 *   front in the demo and tests. Only the named ports; never a range.
 * - `TOVHOLDER_EGRESS_HOST_MAP`: host names with a fixed address (`*.myshopify.com=127.0.0.1:4443`),
 *   used instead of DNS; the address is then checked like a resolved one.
 * Both are unset in production. The app's code does not know what is behind them.
 */
import dns, { type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent, buildConnector } from "undici";
import {
  addressRefusal,
  isIpLiteral,
  mappedHost,
  parseHostMap,
  parseSocketList,
  socketKey,
  unbracket,
  type AddressRefusal,
  type HostMapEntry,
} from "./addresses";
import { type ProcessVariable, variable } from "~/env.server";

export const EGRESS_ALLOW_ENV = "TOVHOLDER_EGRESS_ALLOW" satisfies ProcessVariable;
export const EGRESS_HOST_MAP_ENV = "TOVHOLDER_EGRESS_HOST_MAP" satisfies ProcessVariable;

/** Seconds to open a TCP (and TLS) connection before giving up. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** A connection the app refused to open: the destination is not a public address. */
export class EgressRefusedError extends Error {
  override readonly name = "EgressRefusedError";
  readonly code = "ERR_EGRESS_REFUSED";
  constructor(
    readonly host: string,
    readonly address: string,
    readonly refusal: AddressRefusal,
  ) {
    super(
      host === address
        ? `${address} is a ${refusal} address; Tovholder does not connect to it`
        : `${host} resolves to ${address}, a ${refusal} address; Tovholder does not connect to it`,
    );
  }
}

/** The refusal in an error or its `cause` chain (fetch wraps connection errors). */
export function egressRefusalOf(error: unknown): EgressRefusedError | null {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof EgressRefusedError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

export function egressAllowList(): Set<string> {
  const raw = variable(EGRESS_ALLOW_ENV)?.trim();
  return raw ? parseSocketList(raw, EGRESS_ALLOW_ENV) : new Set();
}

export function egressHostMap(): HostMapEntry[] {
  const raw = variable(EGRESS_HOST_MAP_ENV)?.trim();
  return raw ? parseHostMap(raw, EGRESS_HOST_MAP_ENV) : [];
}

/** Throws EgressRefusedError unless `address:port` is public or named in the allow-list. */
export function checkAddress(host: string, address: string, port: number): void {
  const refusal = addressRefusal(address);
  if (refusal === null) return;
  if (refusal !== "not an IP address" && egressAllowList().has(socketKey(address, port))) return;
  throw new EgressRefusedError(unbracket(host), unbracket(address), refusal);
}

export type Lookup = (hostname: string) => Promise<LookupAddress[]>;

const systemLookup: Lookup = (hostname) => dns.promises.lookup(hostname, { all: true });

export interface Destination {
  /** The addresses to connect to, every one checked; the first is preferred. */
  addresses: LookupAddress[];
  port: number;
}

/**
 * Where `host:port` really goes, checked: the host map, an IP literal, or DNS. Throws
 * EgressRefusedError when any address is refused, or the resolver's error.
 */
export async function resolveDestination(
  host: string,
  port: number,
  lookup: Lookup = systemLookup,
): Promise<Destination> {
  const name = unbracket(host.trim());
  const mapped = mappedHost(egressHostMap(), name);
  if (mapped) {
    checkAddress(name, mapped.address, mapped.port);
    return {
      addresses: [{ address: mapped.address, family: isIP(mapped.address) }],
      port: mapped.port,
    };
  }
  if (isIpLiteral(name)) {
    checkAddress(name, name, port);
    return { addresses: [{ address: name, family: isIP(name) }], port };
  }
  const addresses = await lookup(name);
  if (addresses.length === 0) throw new Error(`${name} has no address`);
  for (const a of addresses) checkAddress(name, a.address, port);
  return { addresses, port };
}

/** The port a URL connects to. */
export function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" || url.protocol === "wss:" ? 443 : 80;
}

type Connector = buildConnector.connector;

/**
 * undici's connector, with the destination resolved and checked first. The socket then connects
 * to a checked address only, by address (the next one when a connection fails: IPv6 and IPv4 of
 * the same host); TLS still names and verifies the host the URL gave.
 */
function checkedConnector(): Connector {
  const direct = buildConnector({ timeout: CONNECT_TIMEOUT_MS });
  return (options, callback) => {
    const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
    const host = unbracket(options.hostname);
    const servername = options.servername ?? (isIpLiteral(host) ? undefined : host);
    resolveDestination(host, port).then(
      ({ addresses, port: to }) => {
        const attempt = (i: number) =>
          direct(
            { ...options, hostname: addresses[i]?.address ?? "", port: String(to), servername },
            (error, socket) => {
              if (error && i + 1 < addresses.length) return attempt(i + 1);
              if (error) return callback(error, null);
              callback(null, socket as NonNullable<typeof socket>);
            },
          );
        attempt(0);
      },
      (error: Error) => callback(error, null),
    );
  };
}

let dispatcher: Agent | undefined;

/**
 * The dispatcher for every fetch made on a shop's behalf: `fetch(url, { dispatcher })`. Redirects
 * must be followed by hand (redirect: "manual"), so that each hop is a new, checked connection.
 */
export function egressDispatcher(): Agent {
  dispatcher ??= new Agent({ connect: checkedConnector(), connections: 8 });
  return dispatcher;
}

/**
 * fetch with the egress dispatcher. Uses the global `fetch` looked up at call time, so that the
 * test setup's and the demo's routing of Shopify's hosts stays below the app.
 */
export function egressFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  return globalThis.fetch(input, { ...init, dispatcher: egressDispatcher() } as RequestInit);
}
