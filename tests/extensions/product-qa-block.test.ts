/**
 * The product block's logic without a browser: how it calls the app and reads the answers
 * (api.ts), and how its state moves (state.ts). The rendered block is tested in Chromium
 * (product-qa-block.browser.test.ts).
 */
import { describe, expect, it } from "vitest";
import {
  loadFindings,
  recheckProduct,
  type ApiResult,
  type Fetch,
} from "../../extensions/product-qa-block/src/api";
import type { ProductFindingsPayload } from "../../extensions/product-qa-block/src/contract";
import {
  INITIAL_STATE,
  reduce,
  type BlockEvent,
  type BlockState,
} from "../../extensions/product-qa-block/src/state";

const PRODUCT = "gid://shopify/Product/1001";

const PAYLOAD: ProductFindingsPayload = {
  productId: PRODUCT,
  checkedAt: "2026-11-20T06:30:00.000Z",
  findings: [
    {
      key: "variant.missing-sku:gid://shopify/ProductVariant/10011",
      ruleId: "variant.missing-sku",
      severity: "warning",
      title: "Variant has no SKU",
      message: "The variant has no SKU.",
      fixHint: "Open the variant and fill in SKU under Inventory.",
      variant: { title: "M", adminLink: "shopify:admin/products/1001/variants/10011" },
    },
  ],
  openCount: 1,
  suppressedCount: 0,
};

function answering(response: () => Response) {
  const calls: { url: string; method: string | undefined }[] = [];
  const fetchFn: Fetch = async (url, init) => {
    calls.push({ url, method: init?.method });
    return response();
  };
  return { fetchFn, calls };
}

describe("api", () => {
  it("GETs the product's findings from the app by relative URL, the id encoded", async () => {
    const { fetchFn, calls } = answering(() => Response.json(PAYLOAD));
    expect(await loadFindings(PRODUCT, fetchFn)).toEqual({ ok: true, data: PAYLOAD });
    expect(calls).toEqual([
      { url: "/api/product-findings?id=gid%3A%2F%2Fshopify%2FProduct%2F1001", method: "GET" },
    ]);
  });

  it("POSTs a re-check to the same URL", async () => {
    const { fetchFn, calls } = answering(() => Response.json(PAYLOAD));
    expect(await recheckProduct(PRODUCT, fetchFn)).toEqual({ ok: true, data: PAYLOAD });
    expect(calls[0]?.method).toBe("POST");
  });

  it.each([
    [400, "invalid"],
    [401, "unauthorized"],
    [403, "unauthorized"],
    [404, "server"],
    [405, "server"],
    [500, "server"],
    [502, "server"],
  ])("reads status %i as %s", async (status, failure) => {
    const { fetchFn } = answering(() => Response.json({ error: "x", message: "y" }, { status }));
    expect(await loadFindings(PRODUCT, fetchFn)).toEqual({ ok: false, failure });
  });

  it("reads a failed fetch (offline, CORS refused) as a network failure", async () => {
    const fetchFn: Fetch = () => Promise.reject(new TypeError("Failed to fetch"));
    expect(await loadFindings(PRODUCT, fetchFn)).toEqual({ ok: false, failure: "network" });
  });

  it.each([
    ["an HTML page", () => new Response("<html>Bad gateway</html>", { status: 200 })],
    ["JSON of another shape", () => Response.json({ findings: "none" })],
    [
      "a finding with an unknown severity",
      () =>
        Response.json({
          ...PAYLOAD,
          findings: [{ ...PAYLOAD.findings[0], severity: "fatal" }],
        }),
    ],
    ["a negative count", () => Response.json({ ...PAYLOAD, openCount: -1 })],
  ])("reads %s as the server's failure, never as findings", async (_name, response) => {
    const { fetchFn } = answering(response);
    expect(await loadFindings(PRODUCT, fetchFn)).toEqual({ ok: false, failure: "server" });
  });
});

const ok = (data: ProductFindingsPayload): ApiResult => ({ ok: true, data });
const failed: ApiResult = { ok: false, failure: "server" };

function run(...events: BlockEvent[]): BlockState {
  return events.reduce(reduce, INITIAL_STATE);
}

describe("state", () => {
  it("starts loading, then shows the list or the failure", () => {
    expect(INITIAL_STATE).toEqual({ phase: "loading" });
    expect(run({ type: "load-finished", result: ok(PAYLOAD) })).toEqual({
      phase: "ready",
      data: PAYLOAD,
      recheck: { status: "idle" },
    });
    expect(run({ type: "load-finished", result: failed })).toEqual({
      phase: "failed",
      failure: "server",
    });
  });

  it("retries a failed load from the loading state", () => {
    expect(run({ type: "load-finished", result: failed }, { type: "load-started" })).toEqual({
      phase: "loading",
    });
  });

  it("re-checks: running, then the new list", () => {
    const clean = { ...PAYLOAD, findings: [], openCount: 0 };
    const running = run(
      { type: "load-finished", result: ok(PAYLOAD) },
      { type: "recheck-started" },
    );
    expect(running).toEqual({ phase: "ready", data: PAYLOAD, recheck: { status: "running" } });
    expect(reduce(running, { type: "recheck-finished", result: ok(clean) })).toEqual({
      phase: "ready",
      data: clean,
      recheck: { status: "idle" },
    });
  });

  it("keeps the last list when a re-check fails, and allows another", () => {
    const afterFailure = run(
      { type: "load-finished", result: ok(PAYLOAD) },
      { type: "recheck-started" },
      { type: "recheck-finished", result: { ok: false, failure: "unauthorized" } },
    );
    expect(afterFailure).toEqual({
      phase: "ready",
      data: PAYLOAD,
      recheck: { status: "failed", failure: "unauthorized" },
    });
    expect(reduce(afterFailure, { type: "recheck-started" })).toMatchObject({
      recheck: { status: "running" },
    });
  });

  it("ignores a re-check before the list is loaded", () => {
    expect(run({ type: "recheck-started" })).toEqual({ phase: "loading" });
    expect(run({ type: "load-finished", result: failed }, { type: "recheck-started" })).toEqual({
      phase: "failed",
      failure: "server",
    });
  });
});
