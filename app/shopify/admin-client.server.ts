/**
 * The app's one Admin GraphQL client, fed by a Shopify session (online inside admin, offline
 * for background work). It builds the real Shopify endpoint; what answers it is not its concern.
 */
import { GraphQLClient, ClientError } from "graphql-request";
import type { Session } from "@shopify/shopify-api";
import { ShopifyApiError, type GraphQLErrorEntry } from "./errors";

export const ADMIN_API_VERSION = "2026-10";

export function adminEndpoint(shop: string): string {
  return `https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

export class AdminClient {
  private readonly client: GraphQLClient;

  constructor(readonly session: Pick<Session, "shop" | "accessToken">) {
    if (!session.accessToken)
      throw new ShopifyApiError(`No access token for ${session.shop}`, "HTTP", { status: 401 });
    this.client = new GraphQLClient(adminEndpoint(session.shop), {
      headers: { "X-Shopify-Access-Token": session.accessToken },
      fetch: (input, init) => globalThis.fetch(input, init),
    });
  }

  get shop(): string {
    return this.session.shop;
  }

  /** Runs one document; GraphQL errors and HTTP failures become ShopifyApiError (never partial data). */
  async request<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
    try {
      return await this.client.request<T>(document, variables);
    } catch (error) {
      if (error instanceof ClientError) {
        // Shopify answers 401/403 with `{"errors": "[API] Invalid API key or access token…"}`: a string.
        const raw = (error.response as { errors?: unknown }).errors;
        const errors: GraphQLErrorEntry[] = Array.isArray(raw)
          ? raw
          : typeof raw === "string"
            ? [{ message: raw }]
            : [];
        if (errors.length) {
          throw new ShopifyApiError(errors.map((e) => e.message).join("; "), "GRAPHQL", {
            status: error.response.status,
            errors,
          });
        }
        throw new ShopifyApiError(`Shopify answered HTTP ${error.response.status}`, "HTTP", {
          status: error.response.status,
        });
      }
      throw new ShopifyApiError(
        `Network error talking to ${this.shop}: ${(error as Error).message}`,
        "NETWORK",
        { cause: error },
      );
    }
  }
}
