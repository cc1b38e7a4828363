import { describe, expect, it } from "vitest";
import {
  DEFAULT_REPORT_OPTIONS,
  LOGO_MAX_BYTES,
  readReportOptions,
  readableOnWhite,
  textOn,
  validateLogo,
  validateReportOptions,
  type ReportOptionsForm,
} from "~/domain/report/branding";

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const dataUrl = (type: string, bytes: number[] | Buffer) =>
  `data:${type};base64,${Buffer.from(bytes).toString("base64")}`;
const png = (size: number) =>
  dataUrl("image/png", Buffer.concat([Buffer.from(PNG_HEAD), Buffer.alloc(size - 8, 7)]));

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
    const jpeg = dataUrl("image/png", [0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
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

  it("keeps the stored logo unless replaced or removed", () => {
    const current = { ...DEFAULT_REPORT_OPTIONS, logo: png(50) };
    expect(validateReportOptions(form(), current)).toMatchObject({ options: { logo: png(50) } });
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
