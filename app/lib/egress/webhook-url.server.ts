/**
 * Whether an alert-webhook URL a manager enters may be saved (decision 016): a full https://
 * address whose host resolves, now, only to public addresses. Plain http:// only to an address
 * the environment allows (TOVHOLDER_EGRESS_ALLOW: a local receiver in the demo and tests).
 * Delivery checks the address again when it connects (DNS may change after saving).
 */
import {
  EgressRefusedError,
  egressAllowList,
  portOf,
  resolveDestination,
  type Lookup,
} from "./egress.server";
import { socketKey } from "./addresses";

export const WEBHOOK_URL_HINT =
  "Enter the webhook's full https:// address (from Slack: Incoming Webhooks).";

/** Null when the URL may be saved, else what the manager is told. */
export async function webhookUrlProblem(text: string, lookup?: Lookup): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return WEBHOOK_URL_HINT;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.hostname === "")
    return WEBHOOK_URL_HINT;
  if (url.username || url.password)
    return "Leave the user name and password out of the webhook address.";
  const port = portOf(url);
  try {
    const { addresses, port: to } = await resolveDestination(url.hostname, port, lookup);
    if (url.protocol === "http:") {
      const allowed = egressAllowList();
      if (!addresses.every((a) => allowed.has(socketKey(a.address, to)))) return WEBHOOK_URL_HINT;
    }
    return null;
  } catch (error) {
    if (error instanceof EgressRefusedError)
      return `That address is inside a private network (${error.address}, a ${error.refusal} address); alerts go only to public https:// addresses.`;
    // A malformed TOVHOLDER_EGRESS_* is the operator's error, not the manager's.
    if ((error as Error).message.startsWith("TOVHOLDER_EGRESS_")) throw error;
    return `The host ${url.hostname} could not be found; check the webhook's address.`;
  }
}
