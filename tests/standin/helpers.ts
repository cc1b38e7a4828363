/** Shared set-up for the stand-in's tests: a stand-in on a virtual clock, reached through fetch. */
import { startStandin, type Standin, type StandinOptions } from "../../standin/server";
import { API_VERSION } from "../../standin/schema";
import { BASE_TIME, FIXTURE_SHOP, makeStore, type FixtureOptions } from "./fixtures";

export const API_KEY = "test-api-key";
export const API_SECRET = "test-api-secret";

export class VirtualClock {
  constructor(public time = BASE_TIME) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface GraphQLResponse {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    // A 401 answers `{ errors: "[API] …" }`; tests compare that body as a whole.
    errors?: {
      message: string;
      locations?: unknown;
      path?: unknown[];
      extensions?: Record<string, unknown>;
    }[];
    extensions?: {
      cost?: {
        requestedQueryCost: number;
        actualQueryCost: number | null;
        throttleStatus: {
          maximumAvailable: number;
          currentlyAvailable: number;
          restoreRate: number;
        };
      };
      search?: unknown;
    };
  };
}

export interface Harness {
  standin: Standin;
  clock: VirtualClock;
  shop: string;
  token: string;
  admin(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string; version?: string },
  ): Promise<GraphQLResponse>;
  storefront(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

/** `clockStart` defaults to the fixtures' BASE_TIME; pass Date.now() where real-time JWTs meet the clock. */
export async function startHarness(
  fixture: FixtureOptions = {},
  options: Partial<StandinOptions> = {},
  clockStart = BASE_TIME,
): Promise<Harness> {
  const clock = new VirtualClock(clockStart);
  const store = makeStore(fixture);
  const standin = await startStandin({
    stores: [store],
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    clock,
    ...options,
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  const shop = fixture.shop ?? FIXTURE_SHOP;
  const { accessToken } = standin.grantOfflineToken(shop, { scopes: options.scopes });
  const post = async (
    url: string,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<GraphQLResponse> => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse["body"] };
  };
  const harness: Harness = {
    standin,
    clock,
    shop,
    token: accessToken,
    admin: (query, variables, opts = {}) =>
      post(
        `https://${shop}/admin/api/${opts.version ?? API_VERSION}/graphql.json`,
        { "X-Shopify-Access-Token": opts.token ?? harness.token },
        { query, variables },
      ),
    storefront: (query, variables, headers = {}) =>
      post(`https://${shop}/api/${API_VERSION}/graphql.json`, headers, { query, variables }),
    close: async () => {
      await standin.close();
      delete process.env.SHOPIFY_STANDIN_URL;
    },
  };
  return harness;
}
