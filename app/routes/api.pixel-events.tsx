/**
 * The checkout-funnel web pixel's ingestion endpoint (app/services/checkout/ingest/handler.server.ts
 * has the rules). Not behind admin authentication: web pixels cannot carry session tokens, so
 * each request carries the shop's ingestion key instead.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { pixelIngestion } from "~/services/checkout/ingest/handler.server";

export const action = ({ request }: ActionFunctionArgs) => pixelIngestion().handle(request);

export const loader = () =>
  new Response(
    JSON.stringify({ error: "method_not_allowed", message: "POST checkout events here." }),
    {
      status: 405,
      headers: { "Content-Type": "application/json", Allow: "POST, OPTIONS" },
    },
  );
