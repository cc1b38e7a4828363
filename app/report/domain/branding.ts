/**
 * White-label settings of a shop's report (ShopSettings.options.report): the manager's logo,
 * colours and "prepared by" name, who receives the issued report by email, and auto-issue.
 * Pure validation; the logo is an uploaded PNG or JPEG kept as a data URL (nothing is fetched
 * from elsewhere when a report renders, so a PDF renders offline and no URL is followed).
 */

export interface ReportBranding {
  /** data:image/png|jpeg;base64,… or null. */
  logo: string | null;
  /** #rrggbb: headings, the cover band, chart bars. */
  primaryColor: string;
  /** #rrggbb: rules and highlights. */
  accentColor: string;
  /** "Prepared by …" on the cover; empty = not printed. */
  preparedBy: string;
}

export interface ReportOptions extends ReportBranding {
  autoIssue: boolean;
  /** Who gets an issued report by email (with the PDF). */
  recipients: string[];
}

export const DEFAULT_BRANDING: ReportBranding = {
  logo: null,
  primaryColor: "#1b6b50",
  accentColor: "#1b6b50",
  preparedBy: "",
};

export const DEFAULT_REPORT_OPTIONS: ReportOptions = {
  ...DEFAULT_BRANDING,
  autoIssue: false,
  recipients: [],
};

/** The largest logo accepted, in bytes of the image itself. */
export const LOGO_MAX_BYTES = 200 * 1024;
/** The widest or tallest logo accepted, in pixels (a report prints it about 180 px wide). */
export const LOGO_MAX_SIDE = 4096;
/** At most this many pixels: a small file can declare a huge image that decodes to gigabytes. */
export const LOGO_MAX_PIXELS = 8 * 1024 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
export const PREPARED_BY_MAX = 80;
export const RECIPIENTS_MAX = 20;

const HEX = /^#[0-9a-f]{6}$/;
// Deliberately plain: one @, no spaces, commas, angle brackets or line breaks (no header injection).
const EMAIL = /^[^\s@,;<>"()[\]\\]+@[^\s@,;<>"()[\]\\]+\.[^\s@,;<>"()[\]\\]+$/;

export function normaliseHex(value: string): string | null {
  const v = value.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return HEX.test(v) ? v : null;
}

/** Relative luminance (WCAG) of #rrggbb. */
export function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = c.map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever reads better on the colour. */
export function textOn(hex: string): "#ffffff" | "#1f2124" {
  return luminance(hex) > 0.4 ? "#1f2124" : "#ffffff";
}

/** A colour dark enough to read as text on white (contrast ≥ 4.5): the colour, or a dark grey. */
export function readableOnWhite(hex: string): string {
  return 1.05 / (luminance(hex) + 0.05) >= 4.5 ? hex : "#1f2124";
}

/** What the bytes are, by their magic numbers (the declared type is not trusted). */
export function sniffImage(bytes: Uint8Array): (typeof LOGO_TYPES)[number] | null {
  if (
    bytes.length > 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47 &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  )
    return "image/png";
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return "image/jpeg";
  return null;
}

function base64Bytes(b64: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32 = (b: Uint8Array, at: number) =>
  (((b[at] as number) << 24) |
    ((b[at + 1] as number) << 16) |
    ((b[at + 2] as number) << 8) |
    (b[at + 3] as number)) >>>
  0;
const u16 = (b: Uint8Array, at: number) => ((b[at] as number) << 8) | (b[at + 1] as number);

export interface CleanImage {
  type: (typeof LOGO_TYPES)[number];
  width: number;
  height: number;
  /** The image alone: nothing after its end, no comments or text metadata. */
  bytes: Uint8Array;
}

/** PNG chunks that affect how the image looks; every other ancillary chunk is dropped. */
const PNG_KEPT = new Set([
  "IHDR",
  "PLTE",
  "IDAT",
  "IEND",
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "iCCP",
  "sBIT",
  "bKGD",
  "pHYs",
]);

/** Walks a PNG's chunks (lengths and CRCs checked) up to IEND; null when it is not one. */
function cleanPng(bytes: Uint8Array): CleanImage | null {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  let width = 0;
  let height = 0;
  let sawData = false;
  for (let first = true; ; first = false) {
    if (at + 12 > bytes.length) return null;
    const length = u32(bytes, at);
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) return null;
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32(bytes, at + 8 + length)) return null;
    if (first) {
      if (type !== "IHDR" || length !== 13) return null;
      width = u32(bytes, at + 8);
      height = u32(bytes, at + 12);
    }
    if (type === "IDAT") sawData = true;
    if (PNG_KEPT.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === "IEND") break;
  }
  if (!sawData) return null;
  return { type: "image/png", width, height, bytes: concat(parts) };
}

/** SOF markers (baseline, progressive, lossless, arithmetic): they carry the dimensions. */
const JPEG_SOF = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/** Walks a JPEG's segments and scans up to EOI, dropping comments; null when it is not one. */
function cleanJpeg(bytes: Uint8Array): CleanImage | null {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  let width = 0;
  let height = 0;
  for (;;) {
    if (at + 2 > bytes.length || bytes[at] !== 0xff) return null;
    let marker = bytes[at + 1] as number;
    while (marker === 0xff && at + 2 < bytes.length) marker = bytes[++at + 1] as number;
    if (marker === 0xd9) {
      parts.push(bytes.subarray(at, at + 2));
      break;
    }
    if (marker === 0xd8 || marker === 0x00) return null;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) return null;
    const end = at + 2 + u16(bytes, at + 2);
    if (end > bytes.length || end < at + 4) return null;
    if (JPEG_SOF.has(marker)) {
      if (end < at + 9) return null;
      height = u16(bytes, at + 5);
      width = u16(bytes, at + 7);
    }
    if (marker !== 0xfe) parts.push(bytes.subarray(at, end));
    at = end;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      let scan = at;
      while (scan + 1 < bytes.length) {
        const next = bytes[scan + 1] as number;
        if (
          bytes[scan] === 0xff &&
          next !== 0x00 &&
          next !== 0xff &&
          !(next >= 0xd0 && next <= 0xd7)
        )
          break;
        scan++;
      }
      if (scan + 1 >= bytes.length) return null;
      parts.push(bytes.subarray(at, scan));
      at = scan;
    }
  }
  if (width === 0 || height === 0) return null;
  return { type: "image/jpeg", width, height, bytes: concat(parts) };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The image as it will be stored: PNG or JPEG by content, structure checked to its end marker,
 * anything after it and text metadata removed, with its dimensions. null = not a PNG/JPEG.
 */
export function cleanImage(bytes: Uint8Array): CleanImage | null {
  const type = sniffImage(bytes);
  if (type === "image/png") return cleanPng(bytes);
  if (type === "image/jpeg") return cleanJpeg(bytes);
  return null;
}

export type LogoResult = { ok: true; logo: string } | { ok: false; error: string };

/**
 * Validates an uploaded logo given as a data URL: PNG or JPEG (by content), at most 200 KB, at
 * most LOGO_MAX_SIDE pixels a side and LOGO_MAX_PIXELS in all. What is stored is the image
 * alone, rebuilt from its chunks or segments: bytes after its end and text metadata are dropped.
 */
export function validateLogo(dataUrl: string): LogoResult {
  const m = /^data:([a-z/+.-]+);base64,(.*)$/s.exec(dataUrl.trim());
  if (!m) return { ok: false, error: "The logo must be an uploaded PNG or JPEG image." };
  // Size first: never decode something huge.
  const b64 = m[2] ?? "";
  if ((b64.length * 3) / 4 > LOGO_MAX_BYTES + 4)
    return { ok: false, error: "The logo is larger than 200 KB: upload a smaller image." };
  const bytes = base64Bytes(b64);
  if (bytes === null) return { ok: false, error: "The logo could not be read." };
  if (bytes.length > LOGO_MAX_BYTES)
    return { ok: false, error: "The logo is larger than 200 KB: upload a smaller image." };
  if (sniffImage(bytes) === null)
    return { ok: false, error: "The logo must be a PNG or JPEG image." };
  const image = cleanImage(bytes);
  if (image === null)
    return { ok: false, error: "The logo could not be read: the file is damaged or incomplete." };
  if (image.width < 1 || image.height < 1)
    return { ok: false, error: "The logo could not be read: it has no width or height." };
  if (
    image.width > LOGO_MAX_SIDE ||
    image.height > LOGO_MAX_SIDE ||
    image.width * image.height > LOGO_MAX_PIXELS
  )
    return {
      ok: false,
      error: `The logo is ${image.width} × ${image.height} pixels: upload one of at most ${LOGO_MAX_SIDE} pixels a side (a few hundred is plenty).`,
    };
  return { ok: true, logo: `data:${image.type};base64,${toBase64(image.bytes)}` };
}

export function parseRecipients(text: string): { emails: string[]; invalid: string[] } {
  const parts = text
    .split(/[,;\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const emails = [...new Set(parts.filter((e) => EMAIL.test(e)).map((e) => e.toLowerCase()))];
  return { emails, invalid: parts.filter((e) => !EMAIL.test(e)) };
}

export interface ReportOptionsForm {
  primaryColor: string;
  accentColor: string;
  preparedBy: string;
  recipients: string;
  autoIssue: boolean;
  /** A new logo (data URL), "" to keep the stored one. */
  logo: string;
  removeLogo: boolean;
}

export type ReportOptionsResult =
  | { ok: true; options: ReportOptions }
  | { ok: false; errors: Partial<Record<keyof ReportOptionsForm, string>> };

/** Validates the settings form against the stored options (the logo is kept unless replaced). */
export function validateReportOptions(
  form: ReportOptionsForm,
  current: ReportOptions,
): ReportOptionsResult {
  const errors: Partial<Record<keyof ReportOptionsForm, string>> = {};
  const primaryColor = normaliseHex(form.primaryColor);
  if (primaryColor === null) errors.primaryColor = "Enter a colour as #rrggbb, e.g. #1b6b50.";
  const accentColor = normaliseHex(form.accentColor);
  if (accentColor === null) errors.accentColor = "Enter a colour as #rrggbb, e.g. #1b6b50.";
  // One line, no control characters.
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const preparedBy = form.preparedBy.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  if (preparedBy.length > PREPARED_BY_MAX)
    errors.preparedBy = `Keep the name under ${PREPARED_BY_MAX} characters.`;
  const { emails, invalid } = parseRecipients(form.recipients);
  if (invalid.length > 0) errors.recipients = `Not an email address: ${invalid.join(", ")}`;
  else if (emails.length > RECIPIENTS_MAX)
    errors.recipients = `At most ${RECIPIENTS_MAX} recipients.`;
  let logo = form.removeLogo ? null : current.logo;
  if (!form.removeLogo && form.logo !== "") {
    const checked = validateLogo(form.logo);
    if (checked.ok) logo = checked.logo;
    else errors.logo = checked.error;
  }
  if (Object.keys(errors).length > 0 || primaryColor === null || accentColor === null)
    return { ok: false, errors };
  return {
    ok: true,
    options: {
      logo,
      primaryColor,
      accentColor,
      preparedBy,
      recipients: emails,
      autoIssue: form.autoIssue,
    },
  };
}

/** Reads stored options leniently: anything invalid falls back to the default. */
export function readReportOptions(stored: unknown): ReportOptions {
  const o = (stored !== null && typeof stored === "object" ? stored : {}) as Record<
    string,
    unknown
  >;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const checked = typeof o.logo === "string" ? validateLogo(o.logo) : null;
  const logo = checked?.ok ? checked.logo : null;
  return {
    logo,
    primaryColor: normaliseHex(str(o.primaryColor)) ?? DEFAULT_BRANDING.primaryColor,
    accentColor: normaliseHex(str(o.accentColor)) ?? DEFAULT_BRANDING.accentColor,
    preparedBy: str(o.preparedBy).slice(0, PREPARED_BY_MAX),
    recipients: Array.isArray(o.recipients)
      ? parseRecipients(o.recipients.filter((e) => typeof e === "string").join(",")).emails
      : [],
    autoIssue: o.autoIssue === true,
  };
}

export function brandingOf(options: ReportOptions): ReportBranding {
  return {
    logo: options.logo,
    primaryColor: options.primaryColor,
    accentColor: options.accentColor,
    preparedBy: options.preparedBy,
  };
}
