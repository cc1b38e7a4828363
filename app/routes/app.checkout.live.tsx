/** GET /app/checkout/live: the shop's checkout-run status as JSON, polled while a run is active. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { checkoutJobStatus } from "~/checkout/index.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return Response.json(await checkoutJobStatus(shop), { headers: { "Cache-Control": "no-store" } });
};
