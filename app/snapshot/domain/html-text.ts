/**
 * What a shopper reads of a piece of HTML, and how many words that is.
 *
 * Written as single forward scans (no backtracking regular expressions), so a 1 MB description
 * or hostile markup costs linear time. The extraction follows what a browser shows:
 * - tags disappear; block-level tags and `<br>` separate words, inline tags do not
 *   (`wo<b>rd</b>` is one word, `<p>a</p><p>b</p>` two);
 * - the contents of `<script>`, `<style>`, `<template>`, `<noscript>` and `<iframe>` are not
 *   shown, nor are comments; a `<` that does not start a tag is text;
 * - character references are decoded (`&amp;`, `&nbsp;`, `&#230;`, `&#xE6;` and the named ones
 *   product copy uses); an unknown name stays literal, as browsers show it.
 */

const BLOCK_TAGS = new Set(
  (
    "address article aside blockquote br caption dd details div dl dt fieldset figcaption " +
    "figure footer form h1 h2 h3 h4 h5 h6 header hr img li main nav ol p pre section summary " +
    "table tbody td tfoot th thead tr ul"
  ).split(" "),
);

/** Elements whose content is never shown as text. */
const HIDDEN_CONTENT_TAGS = new Set(["script", "style", "template", "noscript", "iframe"]);

// prettier-ignore
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", shy: "",
  ensp: "\u2002", emsp: "\u2003", thinsp: "\u2009", zwnj: "\u200c", zwj: "\u200d",
  ndash: "–", mdash: "—", hellip: "…", bull: "•", middot: "·",
  lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„",
  laquo: "«", raquo: "»", copy: "©", reg: "®", trade: "™", deg: "°", times: "×",
  euro: "€", pound: "£", yen: "¥", cent: "¢", sect: "§", frac12: "½", frac14: "¼",
  aelig: "æ", AElig: "Æ", oslash: "ø", Oslash: "Ø", aring: "å", Aring: "Å",
  auml: "ä", Auml: "Ä", ouml: "ö", Ouml: "Ö", uuml: "ü", Uuml: "Ü", szlig: "ß",
  eacute: "é", Eacute: "É", egrave: "è", ecirc: "ê", agrave: "à", aacute: "á",
  acirc: "â", iacute: "í", oacute: "ó", ocirc: "ô", uacute: "ú", ccedil: "ç", ntilde: "ñ",
};

function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 45
  );
}

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/** Index of the `>` that closes the tag opened at `lt` (quoted attribute values may hold `>`), or -1. */
function tagEnd(html: string, lt: number): number {
  let afterEquals = false;
  for (let i = lt + 1; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if ((c === 34 || c === 39) /* " ' */ && afterEquals) {
      const close = html.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      i = close;
      afterEquals = false;
    } else if (c === 61 /* = */) afterEquals = true;
    else if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) afterEquals = false;
  }
  return -1;
}

/** Index just past the `</name …>` that closes a hidden-content element, or the end of input. */
function skipHiddenContent(html: string, from: number, name: string): number {
  let at = from;
  for (;;) {
    const close = html.indexOf("</", at);
    if (close === -1) return html.length;
    const after = close + 2 + name.length;
    if (
      html.slice(close + 2, after).toLowerCase() === name &&
      !isNameChar(html.charCodeAt(after))
    ) {
      const end = tagEnd(html, close);
      return end === -1 ? html.length : end + 1;
    }
    at = close + 2;
  }
}

const MAX_REFERENCE_LENGTH = 33; // "&" + 31-character name + ";"

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** The character a reference `body` (between "&" and ";") stands for, or null if it is none. */
function decodeReference(body: string): string | null {
  if (body.charCodeAt(0) !== 35 /* # */) return NAMED_ENTITIES[body] ?? null;
  const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88; /* x X */
  const digits = body.slice(hex ? 2 : 1);
  if (digits === "" || digits.length > (hex ? 6 : 7)) return null;
  for (let i = 0; i < digits.length; i++)
    if (!(hex ? isHexDigit(digits.charCodeAt(i)) : isDigit(digits.charCodeAt(i)))) return null;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return valid ? String.fromCodePoint(code) : "\ufffd";
}

/** Index of the ";" ending a reference that starts at `amp`, or -1 (looks 32 characters ahead at most). */
function referenceEnd(text: string, amp: number): number {
  const limit = Math.min(text.length, amp + MAX_REFERENCE_LENGTH);
  for (let i = amp + 1; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 59 /* ; */) return i;
    if (!isNameChar(code) && code !== 35 /* # */) return -1;
  }
  return -1;
}

/**
 * Pushes `text[start, end)` onto `parts` with its character references decoded (`&name;`,
 * `&#123;`, `&#x1F600;`; anything else stays as written). `amp` is the last "&" position found
 * (-1: there is none further); the next one at or after `end` is returned, so the document is
 * searched for "&" in one forward sweep, however many segments it is cut into.
 */
function pushDecoded(
  parts: string[],
  text: string,
  start: number,
  end: number,
  amp: number,
): number {
  let from = start;
  // An "&" found earlier may lie inside a tag that was skipped since.
  let at = amp !== -1 && amp < start ? text.indexOf("&", start) : amp;
  while (at !== -1 && at < end) {
    const close = referenceEnd(text, at);
    const decoded =
      close === -1 || close >= end ? null : decodeReference(text.slice(at + 1, close));
    if (decoded !== null) {
      parts.push(text.slice(from, at), decoded);
      from = close + 1;
    }
    at = text.indexOf("&", decoded === null ? at + 1 : from);
  }
  parts.push(text.slice(from, end));
  return at;
}

/** The text a shopper sees of `html` (whitespace as written; see `countWords`). */
export function visibleText(html: string): string {
  const parts: string[] = [];
  let amp = html.indexOf("&");
  let textStart = 0;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    const closing = next === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    const startsTag =
      isAsciiLetter(html.charCodeAt(nameStart)) || next === 33 /* ! */ || next === 63; /* ? */
    if (!startsTag) {
      i = lt + 1;
      continue;
    }
    amp = pushDecoded(parts, html, textStart, lt, amp);
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end === -1 ? html.length : end + 3;
    } else {
      const end = tagEnd(html, lt);
      if (end === -1) {
        i = html.length;
      } else {
        let nameEnd = nameStart;
        while (isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
        const name = html.slice(nameStart, nameEnd).toLowerCase();
        const selfClosing = html.charCodeAt(end - 1) === 47;
        i =
          !closing && !selfClosing && HIDDEN_CONTENT_TAGS.has(name)
            ? skipHiddenContent(html, end + 1, name)
            : end + 1;
        if (BLOCK_TAGS.has(name)) parts.push(" ");
      }
    }
    textStart = i;
  }
  pushDecoded(parts, html, textStart, html.length, amp);
  return parts.join("");
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Unicode White_Space beyond ASCII (what `\s` matches), plus the zero-width space. */
function isUnicodeSpace(cp: number): boolean {
  return (
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200b) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}

/** Scripts written without spaces between words: each character counts as a word. */
function isIdeographic(cp: number): boolean {
  return (
    (cp >= 0x3040 && cp <= 0x30ff) || // Hiragana, Katakana
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK Extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK Compatibility Ideographs
    (cp >= 0x20000 && cp <= 0x3134f) // CJK Extensions B–G
  );
}

/**
 * Words in visible text: runs of non-space characters that contain at least one letter or
 * digit in any script, so "—", "•" and emoji alone are not words, "great🔥" is one, and Arabic
 * or Hebrew count like any other script. Chinese and Japanese characters count one word each
 * (those scripts put no spaces between words). A zero-width space separates words.
 *
 * Counting stops at `upTo` when given: a rule that only asks "fewer than 50?" need not read the
 * rest of a long description.
 */
export function countWords(text: string, upTo = Infinity): number {
  let words = 0;
  let inWord = false; // the current run already holds a letter or digit
  for (let i = 0; i < text.length && words < upTo; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (code === 32 || (code >= 9 && code <= 13)) inWord = false;
      else if (!inWord && (isAsciiLetter(code) || isDigit(code))) {
        inWord = true;
        words++;
      }
      continue;
    }
    const cp = text.codePointAt(i) ?? code;
    if (cp > 0xffff) i++;
    if (isUnicodeSpace(cp)) inWord = false;
    else if (isIdeographic(cp)) {
      words++;
      inWord = false;
    } else if (!inWord && WORD_CHAR.test(String.fromCodePoint(cp))) {
      // Only the first letter of a run needs the (costlier) Unicode test.
      inWord = true;
      words++;
    }
  }
  return words;
}

/** Collapses every run of whitespace to one space and trims, for phrase matching. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Length in characters as people count them (an emoji is one, not two UTF-16 units). */
export function characterLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) length++; // low surrogates continue a character
  }
  return length;
}
