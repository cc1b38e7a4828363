/**
 * Which network addresses the app may connect to on a shop's behalf (decision 016): public
 * unicast addresses only. Loopback, private (RFC 1918), carrier-grade NAT, link-local (with the
 * cloud metadata address 169.254.169.254), unique-local, multicast, broadcast, unspecified
 * (0.0.0.0, ::) and every reserved or special-purpose range are refused. The ranges are
 * ipaddr.js's (IANA special-purpose registries); nothing here matches strings.
 *
 * IPv4 written inside IPv6 (`::ffff:127.0.0.1`, the deprecated `::127.0.0.1`, NAT64
 * `64:ff9b::7f00:1`, 6to4, Teredo) is judged by the IPv4 address or refused outright; of the
 * rest of IPv6 only global unicast (2000::/3) is allowed.
 *
 * Pure: no I/O. The connection-time checks are in egress.server.ts.
 */
import ipaddr from "ipaddr.js";

/** Why an address is refused, in words for a log line or a finding ("loopback", "private"). */
export type AddressRefusal =
  | "loopback"
  | "private"
  | "link-local"
  | "unique-local"
  | "multicast"
  | "unspecified"
  | "broadcast"
  | "carrier-grade NAT"
  | "reserved"
  | "not an IP address";

const NAMES: Record<string, AddressRefusal> = {
  loopback: "loopback",
  private: "private",
  linkLocal: "link-local",
  uniqueLocal: "unique-local",
  deprecatedSiteLocal: "private",
  multicast: "multicast",
  unspecified: "unspecified",
  broadcast: "broadcast",
  carrierGradeNat: "carrier-grade NAT",
};

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");
const IPV4_COMPATIBLE_V6 = ipaddr.IPv6.parseCIDR("::/96");

/** `[::1]` → `::1`; other text unchanged. */
export function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** True when `host` is an IP address literal (IPv4 dotted quad or IPv6, brackets allowed). */
export function isIpLiteral(host: string): boolean {
  const text = unbracket(host.trim());
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/**
 * Null when the address is public unicast, else why it is refused. Takes what a resolver or a
 * parsed URL gives: `127.0.0.1`, `::1`, `[::1]`, `::ffff:7f00:1`. Anything that is not a
 * canonical IP address (`0x7f000001`, `127.1`: URL parsing turns those into `127.0.0.1` first)
 * is refused rather than guessed at.
 */
export function addressRefusal(address: string): AddressRefusal | null {
  if (!isIpLiteral(address)) return "not an IP address";
  const text = unbracket(address.trim());
  // process(): an IPv4-mapped IPv6 address becomes the IPv4 address it carries.
  const ip = ipaddr.process(text);
  const range = ip.range();
  if (range !== "unicast") return NAMES[range] ?? "reserved";
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    if (v6.match(IPV4_COMPATIBLE_V6)) return "reserved";
    if (!v6.match(GLOBAL_UNICAST_V6)) return "reserved";
  }
  return null;
}

/** `127.0.0.1:8080`, `[::1]:8080`: one canonical spelling of an address and port. */
export function socketKey(address: string, port: number): string {
  const ip = ipaddr.parse(unbracket(address));
  return ip.kind() === "ipv6" ? `[${ip.toString()}]:${port}` : `${ip.toString()}:${port}`;
}

/**
 * Parses a list of exact socket addresses (`127.0.0.1:4443, [::1]:9000`): the environment's
 * exceptions (TOVHOLDER_EGRESS_ALLOW). Throws on an entry that is not an IP address and port,
 * so a typo does not silently allow nothing (or, worse, something else).
 */
export function parseSocketList(text: string, name: string): Set<string> {
  const keys = new Set<string>();
  for (const raw of text.split(/[\s,]+/)) {
    const entry = raw.trim();
    if (entry === "") continue;
    const m = /^(\[[^\]]+\]|[\d.]+):(\d{1,5})$/.exec(entry);
    const port = Number(m?.[2]);
    if (!m?.[1] || !isIpLiteral(m[1]) || port < 1 || port > 65535)
      throw new Error(
        `${name}: "${entry}" is not an IP address and port (write 127.0.0.1:4443 or [::1]:4443)`,
      );
    keys.add(socketKey(m[1], port));
  }
  return keys;
}

export interface HostMapEntry {
  /** `acme.myshopify.com`, or `*.myshopify.com` for every subdomain. */
  pattern: string;
  address: string;
  port: number;
}

/**
 * Parses TOVHOLDER_EGRESS_HOST_MAP (`*.myshopify.com=127.0.0.1:4443, cdn.shopify.com=…`): host
 * names the environment says are at a fixed address, like Chromium's --host-resolver-rules or
 * curl's --resolve. The address is then checked like any resolved one.
 */
export function parseHostMap(text: string, name: string): HostMapEntry[] {
  const entries: HostMapEntry[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    const entry = raw.trim();
    if (entry === "") continue;
    const m = /^((?:\*\.)?[a-z0-9.-]+)=(\[[^\]]+\]|[\d.]+):(\d{1,5})$/i.exec(entry);
    const port = Number(m?.[3]);
    if (!m?.[1] || !m[2] || !isIpLiteral(m[2]) || port < 1 || port > 65535)
      throw new Error(
        `${name}: "${entry}" is not host=address:port (write *.myshopify.com=127.0.0.1:4443)`,
      );
    entries.push({
      pattern: m[1].toLowerCase(),
      address: ipaddr.parse(unbracket(m[2])).toString(),
      port,
    });
  }
  return entries;
}

/** The entry for `host` (exact names before wildcards), or null. */
export function mappedHost(entries: HostMapEntry[], host: string): HostMapEntry | null {
  const name = host.toLowerCase().replace(/\.$/, "");
  return (
    entries.find((e) => e.pattern === name) ??
    entries.find((e) => e.pattern.startsWith("*.") && name.endsWith(e.pattern.slice(1))) ??
    null
  );
}
