/**
 * Which addresses the app may connect to on a shop's behalf (decision 016), independent of any
 * server: the classification itself, the spellings URL parsing turns into one address, and the
 * environment's exceptions.
 */
import { afterEach, describe, expect, it } from "vitest";
import { addressRefusal, mappedHost, parseHostMap, parseSocketList } from "~/lib/egress/addresses";
import {
  EgressRefusedError,
  checkAddress,
  resolveDestination,
  type Lookup,
} from "~/lib/egress/egress.server";

/** What a connection to the URL's host would be checked as (URL parsing first, as fetch does). */
const hostOf = (url: string) => new URL(url).hostname;

describe("addressRefusal", () => {
  it.each([
    // 127.0.0.1 in every spelling a URL accepts: all become 127.0.0.1 before any check.
    ["http://127.0.0.1/", "loopback"],
    ["http://0x7f000001/", "loopback"],
    ["http://0x7f.0.0.1/", "loopback"],
    ["http://2130706433/", "loopback"],
    ["http://127.1/", "loopback"],
    ["http://127.0.1/", "loopback"],
    ["http://0177.0.0.1/", "loopback"],
    ["http://017700000001/", "loopback"],
    ["http://127.000.000.001/", "loopback"],
    ["http://127.255.255.254/", "loopback"],
    ["http://[::1]/", "loopback"],
    ["http://[0:0:0:0:0:0:0:1]/", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://[::ffff:7f00:1]/", "loopback"],
    ["http://0.0.0.0/", "unspecified"],
    ["http://0/", "unspecified"],
    ["http://[::]/", "unspecified"],
    ["http://10.0.0.1/", "private"],
    ["http://10.255.255.255/", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://172.31.255.254/", "private"],
    ["http://192.168.0.1/", "private"],
    ["http://[::ffff:10.0.0.1]/", "private"],
    ["http://169.254.169.254/", "link-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fc00::1]/", "unique-local"],
    ["http://[fd00:ec2::254]/", "unique-local"],
    ["http://224.0.0.1/", "multicast"],
    ["http://239.255.255.250/", "multicast"],
    ["http://[ff02::1]/", "multicast"],
    ["http://255.255.255.255/", "broadcast"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://192.0.2.1/", "reserved"],
    ["http://198.18.0.1/", "reserved"],
    ["http://240.0.0.1/", "reserved"],
    ["http://[2001:db8::1]/", "reserved"],
    ["http://[64:ff9b::7f00:1]/", "reserved"],
    ["http://[2002:7f00:1::]/", "reserved"],
    ["http://[::7f00:1]/", "reserved"],
    ["http://[fec0::1]/", "private"],
  ])("%s is refused as %s", (url, refusal) => {
    expect(addressRefusal(hostOf(url))).toBe(refusal);
  });

  it.each([
    "23.227.38.65", // Shopify's storefront address
    "151.101.1.140",
    "8.8.8.8",
    "172.15.255.255",
    "172.32.0.1",
    "100.128.0.1",
    "::ffff:23.227.38.65",
    "2620:127:f00f:5::",
    "2a00:1450:4001:80b::200e",
  ])("%s is a public address and allowed", (address) => {
    expect(addressRefusal(address)).toBeNull();
  });

  it("refuses what is not a canonical IP address instead of guessing", () => {
    expect(addressRefusal("127.1")).toBe("not an IP address");
    expect(addressRefusal("0x7f000001")).toBe("not an IP address");
    expect(addressRefusal("localhost")).toBe("not an IP address");
  });
});

describe("the environment's exceptions", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("TOVHOLDER_EGRESS_ALLOW names exact socket addresses, nothing around them", () => {
    process.env.TOVHOLDER_EGRESS_ALLOW = "127.0.0.1:4443, [::1]:9000";
    expect(() => checkAddress("127.0.0.1", "127.0.0.1", 4443)).not.toThrow();
    expect(() => checkAddress("::1", "::1", 9000)).not.toThrow();
    expect(() => checkAddress("127.0.0.1", "127.0.0.1", 4444)).toThrow(EgressRefusedError);
    expect(() => checkAddress("127.0.0.2", "127.0.0.2", 4443)).toThrow(EgressRefusedError);
    expect(() => checkAddress("::1", "::1", 4443)).toThrow(EgressRefusedError);
  });

  it("a malformed entry stops the app with a readable error, not a silent allow", () => {
    expect(() => parseSocketList("127.0.0.1", "X")).toThrow(
      /X: "127.0.0.1" is not an IP address and port/,
    );
    expect(() => parseSocketList("localhost:80", "X")).toThrow(/not an IP address and port/);
    expect(() => parseSocketList("127.1:80", "X")).toThrow(/not an IP address and port/);
    expect(() => parseHostMap("*.myshopify.com", "Y")).toThrow(/Y: .* is not host=address:port/);
    expect([...parseSocketList("[0:0:0:0:0:0:0:1]:80 127.0.0.1:81", "X")]).toEqual([
      "[::1]:80",
      "127.0.0.1:81",
    ]);
  });

  it("TOVHOLDER_EGRESS_HOST_MAP maps names, exact before wildcard; the mapped address is still checked", async () => {
    const map = parseHostMap("*.myshopify.com=127.0.0.1:4443, cdn.shopify.com=[::1]:4444", "Y");
    expect(mappedHost(map, "ACME.myshopify.com.")).toMatchObject({
      address: "127.0.0.1",
      port: 4443,
    });
    expect(mappedHost(map, "myshopify.com")).toBeNull();
    expect(mappedHost(map, "cdn.shopify.com")).toMatchObject({ address: "::1", port: 4444 });

    process.env.TOVHOLDER_EGRESS_HOST_MAP = "*.myshopify.com=127.0.0.1:4443";
    await expect(resolveDestination("acme.myshopify.com", 443)).rejects.toThrow(
      /acme\.myshopify\.com resolves to 127\.0\.0\.1, a loopback address/,
    );
    process.env.TOVHOLDER_EGRESS_ALLOW = "127.0.0.1:4443";
    await expect(resolveDestination("acme.myshopify.com", 443)).resolves.toEqual({
      addresses: [{ address: "127.0.0.1", family: 4 }],
      port: 4443,
    });
  });
});

describe("resolveDestination", () => {
  const answer =
    (...addresses: string[]): Lookup =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("refuses a name when any of its addresses is internal (DNS rebinding, split answers)", async () => {
    await expect(
      resolveDestination("rebind.example.com", 443, answer("23.227.38.65", "10.0.0.7")),
    ).rejects.toThrow(/rebind\.example\.com resolves to 10\.0\.0\.7, a private address/);
    await expect(
      resolveDestination("meta.example.com", 80, answer("169.254.169.254")),
    ).rejects.toThrow(/link-local/);
    await expect(
      resolveDestination("v6.example.com", 443, answer("::ffff:127.0.0.1")),
    ).rejects.toThrow(/loopback/);
  });

  it("passes a name whose addresses are all public, and an IP literal without asking DNS", async () => {
    await expect(
      resolveDestination("shop.example.com", 443, answer("23.227.38.65", "2620:127:f00f:5::")),
    ).resolves.toMatchObject({ port: 443 });
    const never: Lookup = () => Promise.reject(new Error("DNS asked"));
    await expect(resolveDestination("[::1]", 443, never)).rejects.toThrow(/::1 is a loopback/);
    await expect(resolveDestination("23.227.38.65", 443, never)).resolves.toMatchObject({
      addresses: [{ address: "23.227.38.65", family: 4 }],
    });
  });
});
