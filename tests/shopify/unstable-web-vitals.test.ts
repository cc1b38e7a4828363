/**
 * Real-user Web Vitals (decision 012): the one unstable-only query is validated against Shopify's
 * `unstable` Admin schema here — it is not valid in 2026-10, which is why it lives outside the
 * app's documents — and nothing is requested unless TOVHOLDER_UNSTABLE_WEB_VITALS=1.
 */
import { buildClientSchema, parse, validate } from "graphql";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  REAL_USER_WEB_VITALS_QUERY,
  UNSTABLE_WEB_VITALS_FLAG,
  readRealUserWebVitals,
} from "~/shopify/unstable/web-vitals.server";
import { loadAdminSchema, readIntrospection } from "../../standin/schema";

const UNSTABLE_SCHEMA_PATH = fileURLToPath(
  new URL("../../node_modules/@shopify/dev-mcp/dist/data/admin_unstable.json.gz", import.meta.url),
);

afterEach(() => {
  delete process.env[UNSTABLE_WEB_VITALS_FLAG];
});

describe("the performanceMetrics query", () => {
  it("is valid against the unstable Admin schema", () => {
    const unstable = buildClientSchema(readIntrospection(UNSTABLE_SCHEMA_PATH));
    expect(validate(unstable, parse(REAL_USER_WEB_VITALS_QUERY)).map((e) => e.message)).toEqual([]);
  });

  it("is not valid in 2026-10, the version the app's documents are checked against", () => {
    const errors = validate(loadAdminSchema(), parse(REAL_USER_WEB_VITALS_QUERY));
    expect(errors.map((e) => e.message).join("\n")).toMatch(
      /Cannot query field "performanceMetrics" on type "QueryRoot"/,
    );
  });
});

describe("readRealUserWebVitals", () => {
  const session = { shop: "acme.myshopify.com", accessToken: "shpat_x" };

  it("requests nothing while the flag is off (the default)", async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    expect(await readRealUserWebVitals(session, fetchSpy)).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("with the flag on, asks the unstable endpoint and keeps Shopify's metric entries as given", async () => {
    process.env[UNSTABLE_WEB_VITALS_FLAG] = "1";
    const metrics = [{ name: "lcp", p75: 2300 }];
    const fetchSpy = vi.fn<typeof fetch>(async () =>
      Response.json({ data: { performanceMetrics: [{ deviceType: "MOBILE", metrics }] } }),
    );
    const vitals = await readRealUserWebVitals(session, fetchSpy);
    expect(vitals).toEqual({
      apiVersion: "unstable",
      devices: [{ deviceType: "MOBILE", metrics }],
    });
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe("https://acme.myshopify.com/admin/api/unstable/graphql.json");
    expect(JSON.parse(String(init?.body))).toMatchObject({ variables: { maxDays: 28 } });
  });

  it("says what Shopify answered when the field is refused", async () => {
    process.env[UNSTABLE_WEB_VITALS_FLAG] = "1";
    const fetchSpy = vi.fn<typeof fetch>(async () =>
      Response.json({ errors: [{ message: "Field 'performanceMetrics' doesn't exist" }] }),
    );
    await expect(readRealUserWebVitals(session, fetchSpy)).rejects.toThrow(
      /performanceMetrics \(unstable Admin API\) failed: Field 'performanceMetrics' doesn't exist/,
    );
  });
});
