import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";

export const streamTimeout = 5000;

/** server.ts starts the job system from this build, so jobs share the routes' modules. */
export { startJobService } from "./jobs/service.server";

/** The PDF worker threads load the renderer from the server build through this export. */
export { renderReportPdf } from "~/report/index.server";

/**
 * server.ts, before listening: tokens still in plaintext or under an old key are re-encrypted,
 * and the file compacted so the plaintext does not linger in free pages (SQLite).
 */
export async function prepareStorage(): Promise<void> {
  const { describeReseal, resealSecretsAtRest } = await import("./lib/secrets-at-rest.server");
  const report = await resealSecretsAtRest();
  const line = describeReseal(report);
  if (line !== null) console.log(line);
  if (Object.values(report).some((c) => c.sealed + c.rotated > 0)) {
    const { compactDeletedData } = await import("~/db/storage.server");
    await compactDeletedData();
  }
}

/**
 * Remix's error log, minus what is not an error of the app: requests the client abandoned and
 * URLs no route matches (a 404 is the answer; its stack trace helps nobody).
 */
export function handleError(error: unknown, { request }: { request: Request }): void {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status === 404) return;
  console.error(error);
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Shopify's embedded-app headers (frame-ancestors for admin, App Bridge preload), except on a
  // share link's page, whose own headers forbid framing and any other origin.
  if (!new URL(request.url).pathname.startsWith("/r/"))
    addDocumentResponseHeaders(request, responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} />,
      {
        [callbackName]: () => {
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
    // Automatically timeout the React renderer after 6 seconds.
    setTimeout(abort, streamTimeout + 1000);
  });
}
