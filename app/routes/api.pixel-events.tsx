/**
 * The checkout-funnel web pixel's ingestion endpoint (app/checkout/server/ingest/handler.server.ts
 * has the rules). Not behind admin authentication: web pixels cannot carry session tokens, so
 * each request carries the shop's ingestion key instead.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { pixelIngestion } from "~/checkout/index.server";

export const action = ({ request }: ActionFunctionArgs) => pixelIngestion().handle(request);

// Remix hands OPTIONS to the loader (only POST, PUT, PATCH and DELETE reach the action): the
// CORS preflight goes to the ingestion handler, which answers it with the CORS headers.
export const loader = ({ request }: LoaderFunctionArgs) =>
  request.method === "OPTIONS"
    ? pixelIngestion().handle(request)
    : new Response(
        JSON.stringify({ error: "method_not_allowed", message: "POST checkout events here." }),
        {
          status: 405,
          headers: { "Content-Type": "application/json", Allow: "POST, OPTIONS" },
        },
      );
