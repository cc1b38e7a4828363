/**
 * The alert-webhook address a manager saves on the Settings page (issue 15 §1, decision 016):
 * only a full https:// address whose host resolves to public addresses; never loopback in any
 * spelling, private, link-local (the metadata address), unique-local, multicast or reserved
 * ones, whether written as an IP address or behind a host name.
 */
import { afterEach, describe, expect, it } from "vitest";
import { alertsForm, fieldErrors } from "~/jobs/settings-form.server";
import type { Lookup } from "~/lib/egress/egress.server";
import { webhookUrlProblem } from "~/lib/egress/webhook-url.server";

const answer =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const PRIVATE_HOSTS = [
  "127.0.0.1",
  "0x7f000001",
  "2130706433",
  "127.1",
  "0177.0.0.1",
  "[::1]",
  "[::ffff:127.0.0.1]",
  "0.0.0.0",
  "10.1.2.3",
  "172.16.5.4",
  "192.168.1.1",
  "169.254.169.254",
  "[fc00::1]",
  "[fe80::1]",
  "224.0.0.1",
  "[ff02::1]",
  "240.0.0.1",
];

describe("the alert-webhook address", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each(PRIVATE_HOSTS)("refuses https://%s/…", async (host) => {
    expect(await webhookUrlProblem(`https://${host}/services/T0/B0/x`)).toMatch(
      /^That address is inside a private network \(.+, a .+ address\); alerts go only to public https:\/\/ addresses\.$/,
    );
  });

  it("refuses a host name that resolves inside, checked after DNS", async () => {
    expect(
      await webhookUrlProblem("https://hooks.example.com/x", answer("169.254.169.254")),
    ).toMatch(/inside a private network \(169\.254\.169\.254, a link-local address\)/);
    expect(
      await webhookUrlProblem("https://hooks.example.com/x", answer("23.227.38.65", "10.0.0.9")),
    ).toMatch(/10\.0\.0\.9, a private address/);
    // localhost is a name too (resolved by the machine, not matched as text).
    expect(await webhookUrlProblem("https://localhost:8443/x")).toMatch(/a loopback address/);
  });

  it("accepts a public https address, and says so plainly when the host does not resolve", async () => {
    expect(
      await webhookUrlProblem(
        "https://hooks.slack.com/services/T0/B0/x",
        answer("54.192.1.1", "2600:9000:2000::1"),
      ),
    ).toBeNull();
    const nx: Lookup = () =>
      Promise.reject(Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" }));
    expect(await webhookUrlProblem("https://nowhere.example.com/x", nx)).toBe(
      "The host nowhere.example.com could not be found; check the webhook's address.",
    );
  });

  it("takes plain http:// only to an address the environment allows", async () => {
    expect(await webhookUrlProblem("http://hooks.example.com/x", answer("54.192.1.1"))).toMatch(
      /full https:\/\/ address/,
    );
    expect(await webhookUrlProblem("http://127.0.0.1:9000/x")).toMatch(/loopback address/);
    process.env.TOVHOLDER_EGRESS_ALLOW = "127.0.0.1:9000";
    expect(await webhookUrlProblem("http://127.0.0.1:9000/x")).toBeNull();
    expect(await webhookUrlProblem("http://127.0.0.1:9001/x")).toMatch(/loopback address/);
  });

  it("refuses credentials in the address and non-web schemes", async () => {
    expect(await webhookUrlProblem("https://u:p@54.192.1.1/x")).toMatch(/user name and password/);
    expect(await webhookUrlProblem("file:///etc/passwd")).toMatch(/full https:\/\/ address/);
    expect(await webhookUrlProblem("not a url")).toMatch(/full https:\/\/ address/);
  });

  it("the Settings form refuses it with the reason in the webhook field, and saves nothing else", async () => {
    const parsed = await alertsForm.safeParseAsync({
      emails: "ops@agency.test",
      webhookUrl: "https://2130706433/hooks",
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrors(parsed.error)).toEqual({
      webhookUrl:
        "That address is inside a private network (127.0.0.1, a loopback address); alerts go only to public https:// addresses.",
    });
    const ok = await alertsForm.safeParseAsync({ emails: "ops@agency.test", webhookUrl: "" });
    expect(ok.success).toBe(true);
  });
});
