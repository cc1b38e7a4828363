/**
 * The words of an alert, for email (plain text + HTML) and for Slack-compatible webhooks.
 * Store text (product titles, messages) is the merchant's: escaped for each medium.
 */
import type { AlertItem } from "~/jobs/definitions";

export interface AlertMessage {
  shop: string;
  /** Where the manager opens Tovholder for this shop. */
  appUrl: string;
  items: AlertItem[];
}

const MAX_LISTED = 20;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** Slack mrkdwn: only &, < and > are control characters. */
function escapeSlack(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c] ?? c);
}

function headline({ shop, items }: AlertMessage): string {
  const n = items.length;
  return `${n} new critical ${n === 1 ? "problem" : "problems"} in ${shop}`;
}

export function subject(message: AlertMessage): string {
  return `Tovholder: ${headline(message)}`;
}

function listed(items: AlertItem[]): { shown: AlertItem[]; more: number } {
  return { shown: items.slice(0, MAX_LISTED), more: Math.max(0, items.length - MAX_LISTED) };
}

export function emailText(message: AlertMessage): string {
  const { shown, more } = listed(message.items);
  const lines = [`Tovholder found ${headline(message)}:`, ""];
  for (const item of shown) {
    lines.push(`- ${item.title}${item.detail ? `: ${item.detail}` : ""}`);
    if (item.url) lines.push(`  Fix: ${item.url}`);
  }
  if (more > 0) lines.push(`- and ${more} more`);
  lines.push("", `Open Tovholder: ${message.appUrl}`, "");
  return lines.join("\n");
}

export function emailHtml(message: AlertMessage): string {
  const { shown, more } = listed(message.items);
  const rows = shown.map((item) => {
    const title = escapeHtml(item.title);
    const detail = item.detail ? `: ${escapeHtml(item.detail)}` : "";
    const fix = item.url ? ` (<a href="${escapeHtml(item.url)}">fix</a>)` : "";
    return `<li><strong>${title}</strong>${detail}${fix}</li>`;
  });
  if (more > 0) rows.push(`<li>and ${more} more</li>`);
  return [
    `<p>Tovholder found ${escapeHtml(headline(message))}:</p>`,
    `<ul>${rows.join("")}</ul>`,
    `<p><a href="${escapeHtml(message.appUrl)}">Open Tovholder</a></p>`,
  ].join("\n");
}

/** Slack incoming-webhook body (also accepted by Mattermost, Discord's /slack endpoint, …). */
export function webhookBody(message: AlertMessage): { text: string } {
  const { shown, more } = listed(message.items);
  const lines = [`*${escapeSlack(headline(message))}*`];
  for (const item of shown) {
    const title = escapeSlack(item.title);
    const detail = item.detail ? `: ${escapeSlack(item.detail)}` : "";
    lines.push(`• ${item.url ? `<${item.url}|${title}>` : title}${detail}`);
  }
  if (more > 0) lines.push(`• and ${more} more`);
  lines.push(`<${message.appUrl}|Open Tovholder>`);
  return { text: lines.join("\n") };
}
