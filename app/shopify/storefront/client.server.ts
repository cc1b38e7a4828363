/**
 * A Storefront API client for the synthetic checkout: typed documents (codegen from
 * app/shopify/storefront/*.graphql into generated/storefront.ts), the shop's Storefront access
 * token, the real Shopify endpoint. Shopify limits the Storefront API per buyer IP, not by cost,
 * so there is no bucket here: a 429 or 5xx is retried a couple of times with a short backoff.
 * GraphQL errors and HTTP failures become ShopifyApiErrors; data that comes with errors is
 * never returned by `request`.
 *
 * `requestIncremental` is for documents with `@defer` (carrier-calculated rates need it):
 * Shopify answers multipart/mixed in the incremental format it documents ("the spec as of
 * August 23, 2022": an initial `{ data, hasNext }` part, then `{ incremental: [{ path, data,
 * errors }], hasNext }` parts, each part starting with `--<boundary>`), which is what Shopify's
 * own `@shopify/graphql-client` parses. The parts are merged into one result; its GraphQL errors
 * (for instance PENDING_DELIVERY_GROUPS on a deferred field) are returned, not thrown, so the
 * caller can act on them.
 */
import { print, type DocumentNode } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { ShopifyApiError, type GraphQLErrorEntry } from "../errors";
import type { VariablesOf } from "../admin-client.server";
import { egressDispatcher, egressRefusalOf } from "~/lib/egress/egress.server";

export const STOREFRONT_API_VERSION = "2026-10";

export function storefrontEndpoint(shop: string): string {
  return `https://${shop}/api/${STOREFRONT_API_VERSION}/graphql.json`;
}

export interface StorefrontClientOptions {
  /** Default: `globalThis.fetch`, looked up at every call (test setups install theirs later). */
  fetch?: typeof fetch;
  /** Per request. Default 20 s. */
  timeoutMs?: number;
  /** Retries after a 429 or 5xx. Default 2. */
  retries?: number;
  signal?: AbortSignal;
}

const printed = new WeakMap<DocumentNode, string>();

function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export interface IncrementalResult<R> {
  /** The merged data of every part (deferred fields missing where their part had errors). */
  data: R;
  errors: GraphQLErrorEntry[];
}

const DEFER_ACCEPT = "multipart/mixed; deferSpec=20220824, application/json";

/** The JSON bodies of a multipart/mixed response, in order. */
export function multipartBodies(text: string, contentType: string): unknown[] {
  const boundary = /boundary="?([^=";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error("multipart response without a boundary");
  const delimiter = `--${boundary}`;
  const end = text.lastIndexOf(`${delimiter}--`);
  if (end === -1) throw new Error("the multipart response ended before its closing boundary");
  return text
    .slice(0, end)
    .split(delimiter)
    .slice(1) // the preamble
    .map((part) => {
      const separator = part.indexOf("\r\n\r\n");
      if (separator === -1) throw new Error("a multipart part without headers");
      return JSON.parse(part.slice(separator + 4)) as unknown;
    });
}

/** Sets `value`'s fields into the object found at `path` in `target` (incremental delivery). */
function mergeAt(target: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node: unknown = target;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return;
    node = (node as Record<string | number, unknown>)[segment];
  }
  if (isRecord(node) && isRecord(value)) Object.assign(node, value);
}

export class StorefrontClient {
  constructor(
    readonly shop: string,
    private readonly accessToken: string,
    private readonly options: StorefrontClientOptions = {},
  ) {}

  async request<R, V>(
    document: TypedDocumentNode<R, V>,
    ...[variables]: VariablesOf<V>
  ): Promise<R> {
    const retries = this.options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(textOf(document), variables);
      if ((response.status === 429 || response.status >= 500) && attempt < retries) {
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
        continue;
      }
      return this.result<R>(response);
    }
  }

  /**
   * A document with `@defer`: every part merged. Throws like `request` for HTTP failures, an
   * answer without data, or a stream that did not end with `hasNext: false`.
   */
  async requestIncremental<R, V>(
    document: TypedDocumentNode<R, V>,
    ...[variables]: VariablesOf<V>
  ): Promise<IncrementalResult<R>> {
    const retries = this.options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(textOf(document), variables, DEFER_ACCEPT);
      if ((response.status === 429 || response.status >= 500) && attempt < retries) {
        await response.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
        continue;
      }
      const contentType = response.headers.get("content-type") ?? "";
      if (!contentType.includes("multipart/mixed") || response.status !== 200) {
        // Not deferred after all (or an HTTP failure): the plain JSON handling.
        const data = await this.result<R>(response);
        return { data, errors: [] };
      }
      let parts: unknown[];
      try {
        parts = multipartBodies(await response.text(), contentType);
      } catch (error) {
        this.options.signal?.throwIfAborted();
        throw new ShopifyApiError(
          `Shopify's Storefront API sent an unreadable incremental answer: ${(error as Error).message}`,
          "BAD_RESPONSE",
          { cause: error },
        );
      }
      const [first, ...rest] = parts;
      if (!isRecord(first) || !isRecord(first.data))
        throw new ShopifyApiError(
          `Shopify's Storefront API answered without data: ${JSON.stringify(isRecord(first) ? (first.errors ?? null) : null)}`,
          "GRAPHQL",
          { errors: isRecord(first) && Array.isArray(first.errors) ? first.errors : [] },
        );
      const data = first.data;
      const errors: GraphQLErrorEntry[] = Array.isArray(first.errors)
        ? (first.errors as GraphQLErrorEntry[])
        : [];
      let hasNext = first.hasNext === true;
      for (const part of rest) {
        if (!isRecord(part)) continue;
        for (const entry of Array.isArray(part.incremental) ? part.incremental : []) {
          if (!isRecord(entry)) continue;
          if (Array.isArray(entry.path) && isRecord(entry.data))
            mergeAt(data, entry.path as (string | number)[], entry.data);
          if (Array.isArray(entry.errors)) errors.push(...(entry.errors as GraphQLErrorEntry[]));
        }
        if (Array.isArray(part.errors)) errors.push(...(part.errors as GraphQLErrorEntry[]));
        hasNext = part.hasNext === true;
      }
      if (hasNext)
        throw new ShopifyApiError(
          "Shopify's Storefront API ended the incremental answer before its last part",
          "BAD_RESPONSE",
        );
      return { data: data as R, errors };
    }
  }

  private async send(
    query: string,
    variables: unknown,
    accept = "application/json",
  ): Promise<Response> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 20_000);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    try {
      return await fetchImpl(storefrontEndpoint(this.shop), {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: accept,
          "X-Shopify-Storefront-Access-Token": this.accessToken,
        },
        body: JSON.stringify({ query, variables: variables ?? {} }),
        signal,
        // The shop's own host, still only at a public address (decision 016).
        dispatcher: egressDispatcher(),
      } as RequestInit);
    } catch (error) {
      this.options.signal?.throwIfAborted();
      throw new ShopifyApiError(
        `Network error talking to ${this.shop}'s Storefront API: ${egressRefusalOf(error)?.message ?? (error as Error).message}`,
        "NETWORK",
        { cause: error },
      );
    }
  }

  private async result<R>(response: Response): Promise<R> {
    const status = response.status;
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // handled below: a non-JSON body is a bad response or an HTTP error page
    }
    const errors: GraphQLErrorEntry[] =
      isRecord(body) && Array.isArray(body.errors) ? (body.errors as GraphQLErrorEntry[]) : [];
    if (status === 401 || status === 403)
      throw new ShopifyApiError(
        `Shopify refused the Storefront access token of ${this.shop} (HTTP ${status})`,
        "UNAUTHORIZED",
        { status, errors },
      );
    if (status < 200 || status >= 300)
      throw new ShopifyApiError(`Shopify's Storefront API answered HTTP ${status}`, "HTTP", {
        status,
        errors,
      });
    if (errors.length > 0)
      throw new ShopifyApiError(errors.map((e) => e.message).join("; "), "GRAPHQL", {
        status,
        errors,
      });
    if (!isRecord(body) || !isRecord(body.data))
      throw new ShopifyApiError(
        `Shopify's Storefront API answered without data (HTTP ${status})`,
        "BAD_RESPONSE",
        { status },
      );
    return body.data as R;
  }
}
