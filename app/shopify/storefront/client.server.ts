/**
 * A Storefront API client for the synthetic checkout: typed documents (codegen from
 * app/shopify/storefront/*.graphql into generated/storefront.ts), the shop's Storefront access
 * token, the real Shopify endpoint. Shopify limits the Storefront API per buyer IP, not by cost,
 * so there is no bucket here: a 429 or 5xx is retried a couple of times with a short backoff.
 * GraphQL errors and HTTP failures become ShopifyApiErrors; data that comes with errors is
 * never returned.
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

  private async send(query: string, variables: unknown): Promise<Response> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 20_000);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    try {
      return await fetchImpl(storefrontEndpoint(this.shop), {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
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
