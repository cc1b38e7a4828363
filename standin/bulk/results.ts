/**
 * Bulk-operation result files, served the way Google Cloud Storage serves Shopify's signed
 * result URLs: `https://storage.googleapis.com/shopify-tiers-assets-prod-us-east1/
 * bulk-operation-outputs/<token>-final?GoogleAccessId=…&Expires=…&Signature=…`.
 *
 * Files are written to a temporary directory and streamed on download, so a 100k-product result
 * never sits in memory as one string. Errors use GCS's XML bodies (NoSuchKey,
 * SignatureDoesNotMatch, ExpiredToken).
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  rmSync,
  type WriteStream,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";

export const GCS_HOST = "storage.googleapis.com";
const BUCKET = "shopify-tiers-assets-prod-us-east1";
const PREFIX = `/${BUCKET}/bulk-operation-outputs/`;
const ACCESS_ID = "assets-us-prod@shopify-tiers.iam.gserviceaccount.com";
/** Shopify's result URLs are signed for a week. */
export const RESULT_TTL_MS = 7 * 86_400_000;

interface StoredResult {
  shop: string;
  path: string;
  expiresAt: number;
  signature: string;
  expired: boolean;
}

export interface ResultFile {
  readonly url: string;
  write(text: string): Promise<void>;
  close(): Promise<number>;
}

function gcsError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  details?: string,
): void {
  const body = `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message>${details ? `<Details>${details}</Details>` : ""}</Error>`;
  res.writeHead(status, {
    "Content-Type": "application/xml; charset=UTF-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

export class ResultStore {
  private readonly dir = mkdtempSync(join(tmpdir(), "standin-bulk-"));
  private readonly secret = randomBytes(16);
  private readonly objects = new Map<string, StoredResult>();

  constructor(private readonly now: () => number) {}

  /** Creates an empty result object; `kind` is "final" or "partial" as in Shopify's URLs. */
  create(shop: string, operationLegacyId: number, kind: "final" | "partial"): ResultFile {
    const name = `${randomBytes(14).toString("hex")}-${kind}`;
    const path = join(this.dir, name);
    const expiresAt = this.now() + RESULT_TTL_MS;
    const expires = Math.floor(expiresAt / 1000);
    const signature = createHmac("sha256", this.secret)
      .update(`${name}\n${expires}`)
      .digest("base64");
    this.objects.set(name, { shop, path, expiresAt, signature, expired: false });
    const filename = `bulk-${operationLegacyId}.jsonl`;
    const query = new URLSearchParams({
      GoogleAccessId: ACCESS_ID,
      Expires: String(expires),
      Signature: signature,
      "response-content-disposition": `attachment; filename="${filename}"; filename*=UTF-8''${filename}`,
      "response-content-type": "application/jsonl",
    });
    const url = `https://${GCS_HOST}${PREFIX}${name}?${query.toString()}`;
    const stream: WriteStream = createWriteStream(path);
    // Surface stream failures through write/close, never as an unhandled 'error' event.
    let failure: Error | null = null;
    stream.on("error", (error) => (failure = error));
    let size = 0;
    return {
      url,
      write: (text) =>
        new Promise((resolve, reject) => {
          if (failure) return reject(failure);
          size += Buffer.byteLength(text);
          stream.write(text, (error) => (error ? reject(error) : resolve()));
        }),
      close: () =>
        new Promise((resolve, reject) => {
          if (failure) return reject(failure);
          stream.end((error?: Error | null) => (error ? reject(error) : resolve(size)));
        }),
    };
  }

  /**
   * Signs the object's URL anew, valid for a week from `at`: Shopify's `url` and
   * `partialDataUrl` expire seven days after the operation *completed* (BulkOperation docs), and
   * an operation may run for days before that.
   */
  signFrom(url: string, at: number): string {
    const parsed = new URL(url);
    const name = parsed.pathname.slice(PREFIX.length);
    const object = this.objects.get(name);
    if (!object) return url;
    object.expiresAt = at + RESULT_TTL_MS;
    const expires = Math.floor(object.expiresAt / 1000);
    object.signature = createHmac("sha256", this.secret)
      .update(`${name}\n${expires}`)
      .digest("base64");
    parsed.searchParams.set("Expires", String(expires));
    parsed.searchParams.set("Signature", object.signature);
    return parsed.toString();
  }

  /** Makes result URLs answer like expired signed URLs (all shops, or one). */
  expire(shop?: string): void {
    for (const object of this.objects.values())
      if (shop === undefined || object.shop === shop) object.expired = true;
  }

  isExpired(url: string): boolean {
    const name = new URL(url).pathname.slice(PREFIX.length);
    const object = this.objects.get(name);
    return !object || object.expired || this.now() > object.expiresAt;
  }

  serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", `https://${GCS_HOST}`);
    const name = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : "";
    const object = this.objects.get(name);
    if (!object || (req.method !== "GET" && req.method !== "HEAD")) {
      gcsError(res, 404, "NoSuchKey", "The specified key does not exist.");
      return;
    }
    if (url.searchParams.get("Signature") !== object.signature) {
      gcsError(
        res,
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.",
      );
      return;
    }
    if (object.expired || this.now() > object.expiresAt) {
      const at = new Date(Math.min(object.expiresAt, this.now())).toUTCString();
      gcsError(
        res,
        400,
        "ExpiredToken",
        "The provided token has expired.",
        `Request signature expired at: ${at}`,
      );
      return;
    }
    res.writeHead(200, {
      "Content-Type": url.searchParams.get("response-content-type") ?? "application/jsonl",
      "Content-Disposition": url.searchParams.get("response-content-disposition") ?? "attachment",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(object.path)
      .on("error", () => res.destroy())
      .pipe(res);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
