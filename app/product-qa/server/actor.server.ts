/**
 * Who acts, for the records that keep it (suppressions): the staff member's email or name when
 * Shopify says who it is, else the user id from the session token, else the shop's staff.
 * "demo" in demo mode, where nobody is signed in.
 */
import type { AdminRequestContext } from "~/auth.server";

/** The `sub` (staff user id) of the request's session token, already verified by requireAdmin. */
function sessionTokenUser(request: Request): string | null {
  const bearer = /^Bearer (.+)$/.exec(request.headers.get("Authorization") ?? "")?.[1];
  const token = bearer ?? new URL(request.url).searchParams.get("id_token");
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      sub?: unknown;
    };
    return typeof claims.sub === "string" && claims.sub !== "" ? claims.sub : null;
  } catch {
    return null;
  }
}

export function actorOf(context: AdminRequestContext, request: Request): string {
  if (!context.embedded) return "demo";
  const user = context.session.onlineAccessInfo?.associated_user;
  if (user?.email) return user.email;
  const name = [user?.first_name, user?.last_name].filter(Boolean).join(" ");
  if (name) return name;
  const id = sessionTokenUser(request);
  return id ? `Shopify user ${id}` : `staff of ${context.shop}`;
}
