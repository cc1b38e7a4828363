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

export type LogoResult = { ok: true; logo: string } | { ok: false; error: string };

/** Validates an uploaded logo given as a data URL: PNG or JPEG (by content), at most 200 KB. */
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
  const type = sniffImage(bytes);
  if (type === null) return { ok: false, error: "The logo must be a PNG or JPEG image." };
  return { ok: true, logo: `data:${type};base64,${b64}` };
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
  const logo = typeof o.logo === "string" && validateLogo(o.logo).ok ? o.logo : null;
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
