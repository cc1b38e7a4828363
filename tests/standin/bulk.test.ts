import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { makeStore } from "./fixtures";
import { API_SECRET, startHarness, type Harness } from "./helpers";

const STEP = 1_000;
let h: Harness;
let receiver: Server | undefined;

afterEach(async () => {
  await h.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  receiver = undefined;
});

const RUN = `mutation Run($query: String!, $group: Boolean!) {
  bulkOperationRunQuery(query: $query, groupObjects: $group) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

const OPERATION = `query Op($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl createdAt completedAt type query }
}`;

const PRODUCTS_QUERY = `{
  products {
    edges { node {
      id title handle status
      collections { edges { node { id handle } } }
      media { edges { node { id alt ... on MediaImage { image { url } } } } }
      variants { edges { node {
        id sku price
        inventoryItem { tracked inventoryLevels { edges { node { location { id } quantities(names: ["available", "on_hand"]) { name quantity } } } } }
      } } }
    } }
  }
}`;

interface Operation {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
  completedAt: string | null;
}

async function run(
  query: string,
  groupObjects = false,
): Promise<{
  bulkOperation: { id: string; status: string } | null;
  userErrors: { field: string[] | null; message: string; code: string }[];
}> {
  const { body } = await h.admin(RUN, { query, group: groupObjects });
  return body.data?.bulkOperationRunQuery as never;
}

async function operation(id: string): Promise<Operation> {
  const { body } = await h.admin(OPERATION, { id });
  return body.data?.bulkOperation as Operation;
}

/** Polls (in real time) until the operation leaves the given statuses. */
async function settle(
  id: string,
  pending = ["CREATED", "RUNNING", "CANCELING"],
): Promise<Operation> {
  for (let i = 0; i < 500; i++) {
    const op = await operation(id);
    if (!pending.includes(op.status)) return op;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`bulk operation ${id} did not settle`);
}

async function download(url: string): Promise<Record<string, unknown>[]> {
  expect(new URL(url).host).toBe("storage.googleapis.com");
  const response = await fetch(url); // routed to the stand-in by route-shopify
  expect(response.status).toBe(200);
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Rebuilds products from JSONL the way an app must: by `__parentId`, in any order. */
function reassemble(
  lines: Record<string, unknown>[],
): Map<string, Record<string, unknown> & { children: Record<string, unknown>[] }> {
  const byId = new Map<string, Record<string, unknown> & { children: Record<string, unknown>[] }>();
  for (const line of lines)
    if (typeof line.id === "string") byId.set(line.id, { ...line, children: [] });
  const childLines: Record<string, unknown>[] = lines.filter((l) => "__parentId" in l);
  for (const line of childLines) {
    const parent = byId.get(String(line.__parentId));
    if (!parent) throw new Error(`orphan line ${JSON.stringify(line)}`);
    parent.children.push(typeof line.id === "string" ? (byId.get(line.id) ?? line) : line);
  }
  return new Map([...byId].filter(([, value]) => !("__parentId" in value)));
}

describe("bulk query operations", () => {
  it("goes CREATED → RUNNING → COMPLETED on the clock and returns JSONL that reassembles into the seeded products", async () => {
    h = await startHarness({ products: 620 }, { bulk: { stepMs: STEP } });
    const created = await run(PRODUCTS_QUERY);
    expect(created.userErrors).toEqual([]);
    const id = created.bulkOperation?.id ?? "";
    expect(created.bulkOperation?.status).toBe("CREATED");
    await new Promise((r) => setTimeout(r, 50));
    expect((await operation(id)).status).toBe("CREATED");
    h.clock.advance(STEP);
    expect((await operation(id)).status).toBe("RUNNING");
    h.clock.advance(STEP);
    const done = await settle(id);
    expect(done).toMatchObject({
      status: "COMPLETED",
      errorCode: null,
      rootObjectCount: "620",
      partialDataUrl: null,
      type: "QUERY",
    });
    expect(done.completedAt).not.toBeNull();

    const lines = await download(done.url ?? "");
    expect(String(lines.length)).toBe(done.objectCount);
    expect(Number(done.fileSize)).toBeGreaterThan(0);
    const products = reassemble(lines);
    const store = makeStore({ products: 620 });
    expect(products.size).toBe(store.products.length);
    for (const seeded of store.products) {
      const got = products.get(seeded.id);
      expect(got, seeded.id).toBeDefined();
      if (!got) continue;
      expect({ title: got.title, handle: got.handle, status: got.status }).toEqual({
        title: seeded.title,
        handle: seeded.handle,
        status: seeded.status,
      });
      const kind = (type: string) =>
        got.children.filter((c) => String(c.id ?? "").startsWith(`gid://shopify/${type}/`));
      expect(kind("Collection").map((c) => c.id)).toEqual(seeded.collectionIds);
      expect(
        kind("MediaImage").map((m) => ({
          id: m.id,
          alt: m.alt,
          url: (m.image as { url: string }).url,
        })),
      ).toEqual(seeded.media.map((m) => ({ id: m.id, alt: m.alt, url: m.url })));
      const variants = kind("ProductVariant") as (Record<string, unknown> & {
        children: Record<string, unknown>[];
      })[];
      expect(variants.map((v) => ({ id: v.id, sku: v.sku, price: v.price }))).toEqual(
        seeded.variants.map((v) => ({ id: v.id, sku: v.sku, price: v.price })),
      );
      seeded.variants.forEach((sv, i) => {
        const levels = variants[i]?.children ?? [];
        expect(
          levels.map((l) => ({
            location: (l.location as { id: string }).id,
            quantities: l.quantities,
          })),
        ).toEqual(
          sv.inventoryItem.levels.map((level) => ({
            location: level.locationId,
            quantities: [
              { name: "available", quantity: level.available },
              { name: "on_hand", quantity: level.onHand },
            ],
          })),
        );
        expect(variants[i]?.inventoryItem).toEqual({ tracked: true });
      });
    }
  });

  it("does not keep children next to their parent unless groupObjects is set", async () => {
    h = await startHarness({ products: 12 }, { bulk: { stepMs: STEP } });
    const rootOf = (lines: Record<string, unknown>[]) => {
      const parent = new Map(lines.map((l) => [String(l.id), l.__parentId as string | undefined]));
      const root = (id: string): string => {
        const p = parent.get(id);
        return p ? root(p) : id;
      };
      return lines.map((l) => root(String(l.__parentId ?? l.id)));
    };
    const query = "{ products { edges { node { id variants { edges { node { id } } } } } } }";
    const contiguous = (roots: string[]) =>
      roots.every((r, i) => i === 0 || r === roots[i - 1] || !roots.slice(0, i).includes(r));
    for (const group of [false, true]) {
      const id = (await run(query, group)).bulkOperation?.id ?? "";
      h.clock.advance(2 * STEP);
      const lines = await download((await settle(id)).url ?? "");
      expect(contiguous(rootOf(lines))).toBe(group);
      expect(reassemble(lines).size).toBe(12);
    }
  });

  it("answers an empty result with url null and objectCount 0", async () => {
    h = await startHarness({ products: 5 }, { bulk: { stepMs: STEP } });
    const id =
      (await run('{ products(query: "title:nothing-matches") { edges { node { id } } } }'))
        .bulkOperation?.id ?? "";
    h.clock.advance(2 * STEP);
    expect(await settle(id)).toMatchObject({
      status: "COMPLETED",
      objectCount: "0",
      rootObjectCount: "0",
      url: null,
      fileSize: null,
    });
  });

  it("validates the bulk query before accepting it", async () => {
    h = await startHarness({ products: 5 }, { bulk: { stepMs: STEP } });
    const errors = async (query: string) => (await run(query)).userErrors;
    expect(await errors("{ shop { name } }")).toEqual([
      {
        field: ["query"],
        code: "INVALID",
        message:
          "Bulk queries must have a connection as the top-level field; 'shop' is not a connection.",
      },
    ]);
    expect(await errors("{ products { edges { node { id fooBar } } } }")).toEqual([
      {
        field: ["query"],
        code: "INVALID",
        message: "Invalid bulk query: Field 'fooBar' doesn't exist on type 'Product'",
      },
    ]);
    const six =
      "{ products { edges { node { id collections { edges { node { id } } } media { edges { node { id } } } variants { edges { node { id media { edges { node { id } } } inventoryItem { inventoryLevels { edges { node { id } } } } } } } resourcePublicationsV2 { edges { node { isPublished } } } } } } }";
    expect((await errors(six)).map((e) => e.message)).toContain(
      "Bulk queries cannot contain more than 5 connections.",
    );
    const deep =
      "{ products { edges { node { id collections { edges { node { id products { edges { node { id variants { edges { node { id } } } } } } } } } } } } }";
    expect((await errors(deep)).map((e) => e.message)).toContain(
      "Bulk queries cannot contain connections with a nesting depth greater than 2.",
    );
    // Order.refunds is a list field: its refunds' refundLineItems connection cannot be nested.
    const inList =
      "{ orders { edges { node { id refunds { id refundLineItems { edges { node { quantity } } } } } } } }";
    expect((await errors(inList)).map((e) => e.message)).toEqual([
      "Queries that contain a connection field within a list field are not currently supported.",
    ]);
    expect(
      (await run("{ orders { edges { node { id refunds(first: 10) { id createdAt } } } } }"))
        .userErrors,
    ).toEqual([]);
    const noId = "{ products { edges { node { title variants { edges { node { id } } } } } } }";
    expect((await errors(noId))[0]?.message).toMatch(
      /must select the 'id' field.*Connection fields without 'id': products\./,
    );
    expect((await run("{ products { edges { node { id } } } }")).userErrors).toEqual([]);
  });

  it("limits concurrent operations per shop", async () => {
    h = await startHarness({ products: 3 }, { bulk: { stepMs: STEP } });
    const query = "{ products { edges { node { id } } } }";
    for (let i = 0; i < 5; i++) expect((await run(query)).userErrors).toEqual([]);
    const sixth = await run(query);
    expect(sixth.bulkOperation).toBeNull();
    expect(sixth.userErrors).toEqual([
      {
        field: null,
        code: "LIMIT_REACHED",
        message: expect.stringContaining("5 bulk query operations"),
      },
    ]);
    const running = await h.admin(
      '{ bulkOperations(first: 10, query: "status:CREATED") { nodes { id status } } }',
    );
    expect((running.body.data?.bulkOperations as { nodes: unknown[] }).nodes).toHaveLength(5);
    h.clock.advance(2 * STEP);
    // Once the first five have finished (their files are written in real time), a slot is free.
    for (const op of (running.body.data?.bulkOperations as { nodes: { id: string }[] }).nodes)
      await settle(op.id);
    expect((await run(query)).userErrors).toEqual([]);
  });

  it("answers OPERATION_IN_PROGRESS when only one operation may run", async () => {
    h = await startHarness({ products: 3 }, { bulk: { stepMs: STEP, maxConcurrent: 1 } });
    const first = await run("{ products { edges { node { id } } } }");
    const second = await run("{ products { edges { node { id } } } }");
    expect(second.userErrors).toEqual([
      {
        field: null,
        code: "OPERATION_IN_PROGRESS",
        message: `A bulk query operation for this app and shop is already in progress: ${first.bulkOperation?.id}.`,
      },
    ]);
    const current = await h.admin("{ currentBulkOperation { id status } }");
    expect(current.body.data?.currentBulkOperation).toEqual({
      id: first.bulkOperation?.id,
      status: "CREATED",
    });
  });

  it("fails on demand, with partial data when asked", async () => {
    h = await startHarness({ products: 40 }, { bulk: { stepMs: STEP } });
    h.standin.failNextBulkOperation(h.shop, { errorCode: "TIMEOUT", partial: true });
    const id = (await run("{ products { edges { node { id } } } }")).bulkOperation?.id ?? "";
    h.clock.advance(2 * STEP);
    const failed = await settle(id);
    expect(failed).toMatchObject({
      status: "FAILED",
      errorCode: "TIMEOUT",
      url: null,
      rootObjectCount: "20",
    });
    const partial = await download(failed.partialDataUrl ?? "");
    expect(new URL(failed.partialDataUrl ?? "").pathname).toMatch(/-partial$/);
    expect(partial.map((l) => l.id)).toEqual(makeStore({ products: 20 }).products.map((p) => p.id));

    h.standin.failNextBulkOperation(h.shop, { errorCode: "INTERNAL_SERVER_ERROR" });
    const second = (await run("{ products { edges { node { id } } } }")).bulkOperation?.id ?? "";
    h.clock.advance(2 * STEP);
    expect(await settle(second)).toMatchObject({
      status: "FAILED",
      errorCode: "INTERNAL_SERVER_ERROR",
      url: null,
      partialDataUrl: null,
    });
  });

  it("fails with ACCESS_DENIED when the token lacks a scope the query needs", async () => {
    h = await startHarness({ products: 3 }, { bulk: { stepMs: STEP } });
    h.token = h.standin.grantOfflineToken(h.shop, { scopes: ["read_products"] }).accessToken;
    const id = (await run("{ orders { edges { node { id } } } }")).bulkOperation?.id ?? "";
    h.clock.advance(2 * STEP);
    expect(await settle(id)).toMatchObject({ status: "FAILED", errorCode: "ACCESS_DENIED" });
  });

  it("cancels: CANCELING, then CANCELED a step later", async () => {
    h = await startHarness({ products: 3 }, { bulk: { stepMs: STEP } });
    const id = (await run("{ products { edges { node { id } } } }")).bulkOperation?.id ?? "";
    const cancel = await h.admin(
      "mutation ($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }",
      { id },
    );
    expect(cancel.body.data?.bulkOperationCancel).toEqual({
      bulkOperation: { status: "CANCELING" },
      userErrors: [],
    });
    h.clock.advance(STEP);
    expect(await settle(id)).toMatchObject({ status: "CANCELED", url: null });
    const again = await h.admin(
      "mutation ($id: ID!) { bulkOperationCancel(id: $id) { userErrors { message } } }",
      { id },
    );
    expect(again.body.data?.bulkOperationCancel).toEqual({
      userErrors: [{ message: "A bulk operation cannot be canceled when it is canceled" }],
    });
  });

  it("serves expired result URLs like an expired signed GCS URL", async () => {
    h = await startHarness({ products: 3 }, { bulk: { stepMs: STEP } });
    const id = (await run("{ products { edges { node { id } } } }")).bulkOperation?.id ?? "";
    h.clock.advance(2 * STEP);
    const done = await settle(id);
    expect((await fetch(done.url ?? "")).status).toBe(200);
    h.standin.expireBulkResults(h.shop);
    const expired = await fetch(done.url ?? "");
    expect(expired.status).toBe(400);
    expect(await expired.text()).toMatch(
      /^<\?xml version='1.0' encoding='UTF-8'\?><Error><Code>ExpiredToken<\/Code><Message>The provided token has expired.<\/Message>/,
    );
    expect((await operation(id)).status).toBe("EXPIRED");
    const tampered = done.url?.replace(/Signature=[^&]+/, "Signature=forged") ?? "";
    expect((await fetch(tampered)).status).toBe(403);
  });

  it("posts a signed bulk_operations/finish webhook when an operation finishes", async () => {
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver?.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as AddressInfo).port;
    h = await startHarness(
      { products: 3 },
      {
        bulk: { stepMs: STEP },
        webhooks: { "bulk_operations/finish": `http://127.0.0.1:${port}/webhooks/bulk` },
      },
    );
    const id = (await run("{ products { edges { node { id } } } }")).bulkOperation?.id ?? "";
    h.clock.advance(2 * STEP);
    const done = await settle(id);
    for (let i = 0; i < 100 && received.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(JSON.parse(delivery?.body ?? "")).toEqual({
      admin_graphql_api_id: id,
      completed_at: done.completedAt,
      created_at: new Date(h.clock.time - 2 * STEP).toISOString().replace(/\.\d{3}Z$/, "Z"),
      error_code: null,
      status: "completed",
      type: "query",
    });
    expect(delivery?.headers["x-shopify-hmac-sha256"]).toBe(
      createHmac("sha256", API_SECRET)
        .update(delivery?.body ?? "")
        .digest("base64"),
    );
    expect(delivery?.headers).toMatchObject({
      "x-shopify-topic": "bulk_operations/finish",
      "x-shopify-shop-domain": h.shop,
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": expect.any(String),
      "x-shopify-event-id": expect.any(String),
      "x-shopify-triggered-at": expect.any(String),
    });
  });
});
