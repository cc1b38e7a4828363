import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REPORT_OPTIONS,
  LOGO_MAX_BYTES,
  LOGO_MAX_PIXELS,
  LOGO_MAX_SIDE,
  readReportOptions,
  readableOnWhite,
  textOn,
  validateLogo,
  validateReportOptions,
  type ReportOptionsForm,
} from "~/report/domain/branding";

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const dataUrl = (type: string, bytes: number[] | Buffer) =>
  `data:${type};base64,${Buffer.from(bytes).toString("base64")}`;

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A PNG's bytes, structurally complete (chunks and CRCs), with extra chunks before IEND. */
function pngBytes(o: { width?: number; height?: number; idat?: number; extra?: Buffer[] } = {}) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(o.width ?? 120, 0);
  header.writeUInt32BE(o.height ?? 40, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from(PNG_HEAD),
    chunk("IHDR", header),
    chunk("IDAT", Buffer.alloc(o.idat ?? 20, 7)),
    ...(o.extra ?? []),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
/** A PNG data URL of exactly `size` bytes. */
const png = (size: number) => dataUrl("image/png", pngBytes({ idat: size - 57 }));

/** A JPEG's segment structure: SOI, APP0, a comment, SOF0 with the size, SOS, scan data, EOI. */
function jpegBytes(o: { width?: number; height?: number; comment?: string } = {}) {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  };
  const sof = Buffer.from([8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  sof.writeUInt16BE(o.height ?? 30, 1);
  sof.writeUInt16BE(o.width ?? 90, 3);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1")),
    segment(0xfe, Buffer.from(o.comment ?? "made by a camera", "latin1")),
    segment(0xc0, sof),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]), // data, a stuffed 0xFF, a restart
    Buffer.from([0xff, 0xd9]),
  ]);
}
const decoded = (logo: string) => Buffer.from(logo.split(",")[1] ?? "", "base64");

const form = (over: Partial<ReportOptionsForm> = {}): ReportOptionsForm => ({
  primaryColor: "#0B3D91",
  accentColor: "#f5a623",
  preparedBy: "Bureau Ærø ApS",
  recipients: "anna@merchant.dk, Bo@Merchant.dk",
  autoIssue: true,
  logo: "",
  removeLogo: false,
  ...over,
});

describe("report branding settings", () => {
  it("accepts valid settings, normalising colours and addresses", () => {
    const r = validateReportOptions(form({ logo: png(100) }), DEFAULT_REPORT_OPTIONS);
    expect(r).toEqual({
      ok: true,
      options: {
        logo: png(100),
        primaryColor: "#0b3d91",
        accentColor: "#f5a623",
        preparedBy: "Bureau Ærø ApS",
        recipients: ["anna@merchant.dk", "bo@merchant.dk"],
        autoIssue: true,
      },
    });
  });

  it("refuses colours that are not hex", () => {
    for (const bad of ["red", "#12345", "#ggg000", "rgb(0,0,0)", "#1234567", "url(x)"]) {
      const r = validateReportOptions(form({ primaryColor: bad }), DEFAULT_REPORT_OPTIONS);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.errors.primaryColor).toMatch(/#rrggbb/);
    }
    expect(
      validateReportOptions(form({ accentColor: "#abc" }), DEFAULT_REPORT_OPTIONS),
    ).toMatchObject({ ok: true, options: { accentColor: "#aabbcc" } });
  });

  it("refuses a logo that is too large or not a PNG/JPEG, whatever it claims to be", () => {
    expect(validateLogo(png(LOGO_MAX_BYTES + 1))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/200 KB/),
    });
    expect(validateLogo(png(LOGO_MAX_BYTES)).ok).toBe(true);
    // An SVG (could carry script), a GIF and text, even when declared as PNG.
    expect(validateLogo(dataUrl("image/svg+xml", Buffer.from("<svg onload=alert(1)/>"))).ok).toBe(
      false,
    );
    expect(validateLogo(dataUrl("image/png", Buffer.from("GIF89a........"))).ok).toBe(false);
    expect(validateLogo("https://example.com/logo.png").ok).toBe(false);
    expect(validateLogo("data:image/png;base64,!!!!").ok).toBe(false);
    // A JPEG declared as PNG is stored with its real type.
    const jpeg = dataUrl("image/png", jpegBytes());
    expect(validateLogo(jpeg)).toMatchObject({
      ok: true,
      logo: expect.stringMatching(/^data:image\/jpeg;/),
    });
    const r = validateReportOptions(
      form({ logo: png(LOGO_MAX_BYTES * 2) }),
      DEFAULT_REPORT_OPTIONS,
    );
    expect(r).toMatchObject({ ok: false, errors: { logo: expect.stringMatching(/200 KB/) } });
  });

  it("refuses absurd dimensions, whatever the file size", () => {
    // 65,535 × 65,535 pixels in a few dozen bytes: a decompression bomb for the PDF renderer.
    const bomb = validateLogo(dataUrl("image/png", pngBytes({ width: 65_535, height: 65_535 })));
    expect(bomb).toMatchObject({ ok: false, error: expect.stringMatching(/65535 × 65535 pixels/) });
    expect(validateLogo(dataUrl("image/png", pngBytes({ width: LOGO_MAX_SIDE + 1 }))).ok).toBe(
      false,
    );
    expect(
      validateLogo(
        dataUrl(
          "image/png",
          pngBytes({ width: LOGO_MAX_SIDE, height: LOGO_MAX_PIXELS / LOGO_MAX_SIDE + 1 }),
        ),
      ).ok,
    ).toBe(false);
    expect(
      validateLogo(dataUrl("image/png", pngBytes({ width: LOGO_MAX_SIDE, height: 512 }))).ok,
    ).toBe(true);
    expect(validateLogo(dataUrl("image/jpeg", jpegBytes({ width: 60_000, height: 20 }))).ok).toBe(
      false,
    );
    expect(validateLogo(dataUrl("image/png", pngBytes({ width: 0 }))).ok).toBe(false);
  });

  it("stores the image alone: data after its end and text metadata are dropped", () => {
    const hidden = Buffer.from("<script>alert(1)</script> PK\x03\x04 a zip archive", "latin1");
    const text = chunk("tEXt", Buffer.from("Comment\0secret agency note", "latin1"));
    const clean = pngBytes();
    const dirty = Buffer.concat([pngBytes({ extra: [text] }), hidden]);
    const stored = validateLogo(dataUrl("image/png", dirty));
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    expect(decoded(stored.logo).equals(clean)).toBe(true);
    expect(decoded(stored.logo).includes("secret agency note")).toBe(false);

    const jpeg = validateLogo(dataUrl("image/jpeg", Buffer.concat([jpegBytes(), hidden])));
    expect(jpeg.ok).toBe(true);
    if (!jpeg.ok) return;
    const bytes = decoded(jpeg.logo);
    expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(bytes.includes(hidden)).toBe(false);
    expect(bytes.includes("made by a camera")).toBe(false);
    // The scan data, its stuffed byte and restart marker are kept as they were.
    expect(bytes.includes(Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]))).toBe(true);
  });

  it("refuses a damaged image: a bad checksum, a truncated file, no image data", () => {
    const good = pngBytes();
    const badCrc = Buffer.from(good);
    badCrc[30] = (badCrc[30] ?? 0) ^ 1; // inside IHDR
    expect(validateLogo(dataUrl("image/png", badCrc)).ok).toBe(false);
    expect(validateLogo(dataUrl("image/png", good.subarray(0, good.length - 12))).ok).toBe(false);
    const jpeg = jpegBytes();
    expect(validateLogo(dataUrl("image/jpeg", jpeg.subarray(0, jpeg.length - 2))).ok).toBe(false);
    expect(
      validateLogo(
        dataUrl("image/png", Buffer.concat([Buffer.from(PNG_HEAD), Buffer.alloc(40, 7)])),
      ).ok,
    ).toBe(false);
  });

  it("keeps the stored logo unless replaced or removed", () => {
    const current = { ...DEFAULT_REPORT_OPTIONS, logo: png(80) };
    expect(validateReportOptions(form(), current)).toMatchObject({ options: { logo: png(80) } });
    expect(validateReportOptions(form({ removeLogo: true }), current)).toMatchObject({
      options: { logo: null },
    });
  });

  it("refuses invalid recipients and header-injection attempts in them", () => {
    for (const bad of ["not-an-address", "a@b.dk\r\nBcc: x@evil.test", "<a@b.dk>", "a@b"]) {
      const r = validateReportOptions(form({ recipients: bad }), DEFAULT_REPORT_OPTIONS);
      expect(r.ok, bad).toBe(false);
    }
    const many = Array.from({ length: 21 }, (_, i) => `r${i}@x.dk`).join(",");
    expect(validateReportOptions(form({ recipients: many }), DEFAULT_REPORT_OPTIONS).ok).toBe(
      false,
    );
  });

  it("makes the prepared-by name one line, and limits it", () => {
    expect(
      validateReportOptions(
        form({ preparedBy: "Evil\r\nBcc: x@evil.test" }),
        DEFAULT_REPORT_OPTIONS,
      ),
    ).toMatchObject({ ok: true, options: { preparedBy: "Evil Bcc: x@evil.test" } });
    expect(
      validateReportOptions(form({ preparedBy: "x".repeat(81) }), DEFAULT_REPORT_OPTIONS).ok,
    ).toBe(false);
  });

  it("reads damaged stored options as the defaults", () => {
    expect(readReportOptions(undefined)).toEqual(DEFAULT_REPORT_OPTIONS);
    expect(
      readReportOptions({
        primaryColor: "javascript:x",
        logo: "data:text/html;base64,PGI+",
        autoIssue: "yes",
        recipients: ["ok@x.dk", 3, "bad"],
      }),
    ).toEqual({ ...DEFAULT_REPORT_OPTIONS, recipients: ["ok@x.dk"] });
  });

  it("keeps text readable on and in the brand colours", () => {
    expect(textOn("#0b3d91")).toBe("#ffffff");
    expect(textOn("#ffe600")).toBe("#1f2124");
    expect(readableOnWhite("#ffe600")).toBe("#1f2124");
    expect(readableOnWhite("#0b3d91")).toBe("#0b3d91");
  });
});
