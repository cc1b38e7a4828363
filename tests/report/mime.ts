/** A minimal MIME reader for captured test mail: headers, parts and their decoded bodies. */

export interface MimePart {
  headers: Record<string, string>;
  body: Buffer;
}

function unfold(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=). */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _cs: string, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? "").toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64");
    case "quoted-printable":
      return Buffer.from(
        body
          .replace(/=\r\n/g, "")
          .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      );
    default:
      return Buffer.from(body, "utf8");
  }
}

export function parseMail(raw: string): { headers: Record<string, string>; parts: MimePart[] } {
  const split = raw.indexOf("\r\n\r\n");
  const headers = unfold(raw.slice(0, split));
  const parts: MimePart[] = [];
  const walk = (hs: Record<string, string>, body: string) => {
    const boundary = /boundary="?([^";]+)"?/i.exec(hs["content-type"] ?? "")?.[1];
    if (!boundary) {
      parts.push({ headers: hs, body: decodeBody(body, hs["content-transfer-encoding"]) });
      return;
    }
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const text = chunk.replace(/^\r\n/, "");
      const i = text.indexOf("\r\n\r\n");
      walk(unfold(text.slice(0, i)), text.slice(i + 4).replace(/\r\n$/, ""));
    }
  };
  walk(headers, raw.slice(split + 4));
  return { headers, parts };
}
