/** Outgoing email through SMTP_URL (e.g. smtp://user:pass@smtp.example.com:587), by nodemailer. */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/env.server";

export class MailNotConfiguredError extends Error {
  override readonly name = "MailNotConfiguredError";
}

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** One header line: no line breaks or control characters (no header injection from store texts). */
export function headerText(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

let cached: { url: string; transport: Transporter } | undefined;

function transport(): Transporter {
  const url = env().smtpUrl;
  if (url === null) throw new MailNotConfiguredError("SMTP_URL is not set: email cannot be sent.");
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

export function mailConfigured(): boolean {
  return env().smtpUrl !== null;
}

/**
 * Resolves once the SMTP server accepted the message for at least one recipient (nodemailer
 * throws when it accepted none). Refused recipients are returned, not thrown: the message went
 * out, and retrying would send it again to those who got it.
 */
export async function sendMail(mail: Mail): Promise<{ messageId: string; rejected: string[] }> {
  const info = (await transport().sendMail({
    from: env().alertFrom,
    ...mail,
    subject: headerText(mail.subject),
  })) as {
    messageId: string;
    rejected?: (string | { address: string })[];
  };
  const rejected = (info.rejected ?? []).map((r) => (typeof r === "string" ? r : r.address));
  return { messageId: info.messageId, rejected };
}
