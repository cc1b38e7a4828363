/** Reading PDFs in tests with poppler-utils (pdfinfo, pdftotext). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "tovholder-pdf-"));
let n = 0;

function file(pdf: Uint8Array): string {
  const path = join(dir, `${++n}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

export function pdfPages(pdf: Uint8Array): number {
  const info = execFileSync("pdfinfo", [file(pdf)], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** The text of every page, lines joined by spaces (words wrapped at line ends stay apart). */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", file(pdf), "-"], { encoding: "utf8" });
}

export function pdfImages(pdf: Uint8Array): number {
  const list = execFileSync("pdfimages", ["-list", file(pdf)], { encoding: "utf8" });
  return list.trim().split("\n").length - 2;
}

export const isPdf = (bytes: Uint8Array) =>
  Buffer.from(bytes.subarray(0, 5)).toString() === "%PDF-";

/** The right edge of every word (points), and the page width. */
export function pdfWordRightEdges(pdf: Uint8Array): { width: number; edges: number[] } {
  const html = execFileSync("pdftotext", ["-bbox", file(pdf), "-"], { encoding: "utf8" });
  const width = Number(/<page width="([\d.]+)"/.exec(html)?.[1] ?? 0);
  const edges = [...html.matchAll(/<word [^>]*xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
  return { width, edges };
}
