/**
 * The Checkout page's action: "Run checkout checks" and "Cancel" (the shared run intents,
 * ~/jobs/run-actions.server) and "Connect the pixel", parsed by one form schema.
 */
import { z } from "zod";
import { env } from "~/env.server";
import { checkoutSyntheticJob } from "~/jobs/definitions";
import { runIntent, runIntents, runnable, type RunActionResult } from "~/jobs/run-actions.server";
import { readForm } from "~/lib/actions.server";
import { AdminClient } from "~/shopify/admin-client.server";
import { isShopifyApiError } from "~/shopify/errors";
import { activateCheckoutPixel } from "./pixel-activation.server";

const CHECKOUT = runnable(checkoutSyntheticJob, (shop) => ({ shop, trigger: "manual" }), {
  already: "Checkout checks are already queued or running for this shop.",
  started: "Checkout checks started. Progress shows below.",
  cancelling: "Cancelling the checkout checks. They stop at the next market.",
});

export const checkoutForm = z.discriminatedUnion("intent", [
  ...runIntents([CHECKOUT.id]),
  z.object({ intent: z.literal("activate-pixel") }),
]);

/** The page's action for `shop`, signed in with `session`. */
export async function checkoutAction(
  shop: string,
  session: ConstructorParameters<typeof AdminClient>[0],
  request: Request,
): Promise<RunActionResult> {
  const form = await readForm(request, checkoutForm);
  if (form.intent !== "activate-pixel") return runIntent(shop, form, [CHECKOUT]);
  try {
    await activateCheckoutPixel(shop, new AdminClient(session), env().appUrl);
    return {
      ok: true,
      message:
        "The checkout pixel is connected. Events arrive as customers with analytics consent reach checkout.",
    };
  } catch (error) {
    if (!isShopifyApiError(error)) throw error;
    return {
      ok: false,
      message:
        error.code === "ACCESS_DENIED"
          ? `Shopify refused to create the pixel (${error.message}). Approve Tovholder's updated access (write_pixels, read_customer_events) in Shopify admin → Apps, then try again.`
          : `Shopify could not create the pixel: ${error.message}`,
    };
  }
}
