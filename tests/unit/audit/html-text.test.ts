/**
 * Visible text and word counts of descriptions: what a browser shows, counted as people count
 * words, in linear time on hostile input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  characterLength,
  countWords,
  normalizeSpace,
  visibleText,
} from "~/snapshot/domain/html-text";

const text = (html: string) => normalizeSpace(visibleText(html));

describe("visibleText", () => {
  it("drops tags; block tags separate words, inline tags do not", () => {
    expect(visibleText("<p>Let</p><p>telt</p>")).toBe(" Let  telt ");
    expect(text("<P>Vand<B>tæt</B> <span class='x'>telt</span><br/>til to</P>")).toBe(
      "Vandtæt telt til to",
    );
  });

  it("does not show scripts, styles, templates, comments or attribute values", () => {
    expect(
      text(
        `<style>p{color:red}</style><SCRIPT type="x">if (a < b) alert("<p>hej</p>")</script >` +
          `<!-- note --><template><p>skjult</p></template><img alt="billede af telt">Synlig`,
      ),
    ).toBe("Synlig");
  });

  it("keeps a '>' inside a quoted attribute inside the tag", () => {
    expect(text(`<a title="a > b" href='x>y'>link</a>`)).toBe("link");
  });

  it("shows a '<' that starts no tag, as browsers do", () => {
    expect(text("5 < 7 og 3 <3 dig")).toBe("5 < 7 og 3 <3 dig");
  });

  it("decodes character references, and leaves unknown ones as written", () => {
    expect(
      text(
        "Bl&aring;b&aelig;r &amp; fl&oslash;de&nbsp;is &#8211; &#x1F6B2; &bogus; &#0; &#xD800; & ;",
      ),
    ).toBe("Blåbær & fløde is – 🚲 &bogus; \ufffd \ufffd & ;");
  });

  it("does not decode a reference inside a tag it skipped", () => {
    expect(text(`<a href="?a=1&amp;b=2">Køb</a> &amp; betal`)).toBe("Køb & betal");
  });

  it("ends gracefully on unterminated markup", () => {
    expect(text("Tekst <p class='open")).toBe("Tekst");
    expect(text("Tekst <!-- uden ende")).toBe("Tekst");
    expect(text("Tekst <script>evigt")).toBe("Tekst");
  });

  it("returns text without markup unchanged", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes("<") && !s.includes("&")),
        (s) => {
          expect(visibleText(s)).toBe(s);
        },
      ),
    );
  });

  it("never throws, and never makes the text longer than the HTML", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            "<",
            ">",
            "/",
            "p",
            "b",
            "!",
            "-",
            "&",
            ";",
            "#",
            "x",
            "1",
            '"',
            "'",
            " ",
            "=",
            "s",
            "c",
            "r",
            "i",
            "t",
          ),
        }),
        (s) => {
          expect(visibleText(s).length).toBeLessThanOrEqual(s.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("countWords", () => {
  it("counts runs of letters or digits in any script, and no runs of symbols alone", () => {
    expect(countWords("Et godt telt — til 2 personer • 🚲 !")).toBe(6);
    expect(countWords("Flot🔥 telt")).toBe(2);
    expect(countWords("שלום עולם ומה נשמע")).toBe(4); // Hebrew
    expect(countWords("مرحبا بالعالم")).toBe(2); // Arabic
    expect(countWords("नमस्ते दुनिया")).toBe(2); // Devanagari, with combining marks
    expect(countWords("日本語のテキスト")).toBe(8); // no spaces: a word per character
    expect(countWords("telt\u00a0til\u2009to\u200bpersoner\u3000nu")).toBe(5);
    expect(countWords("")).toBe(0);
    expect(countWords(" \n\t ")).toBe(0);
  });

  it("stops counting at the limit it is given", () => {
    expect(countWords("a b c d e f", 3)).toBe(3);
  });

  it("agrees with splitting on whitespace for plain ASCII", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "Z", "7", " ", "\n", "-", ".", "!") }),
        (s) => {
          const expected = s.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
          expect(countWords(s)).toBe(expected);
        },
      ),
    );
  });
});

describe("characterLength", () => {
  it("counts an emoji or an astral character as one", () => {
    expect(characterLength("Telt 🚲")).toBe(6);
    expect(characterLength("𝒜bc")).toBe(3);
  });
});

describe("hostile input of a megabyte", () => {
  const MB = 1_000_000;
  const cases: [string, string][] = [
    ["unclosed tag starts", "<a".repeat(MB / 2)],
    ["lone angle brackets", "< ".repeat(MB / 2)],
    ["ampersands with a semicolon at the end", `${"&".repeat(MB)};`],
    ["references that never end", "&aaaaaaaaa".repeat(MB / 10)],
    ["open comments", "<!--".repeat(MB / 4)],
    ["script close look-alikes", `<script>${"</scrip".repeat(MB / 7)}`],
    ["unclosed quotes", `<a title="${"x".repeat(MB)}`],
    ["many tiny tags around words", "<b>w</b> ".repeat(MB / 9)],
    ["one long word", "x".repeat(MB)],
    ["emoji", "🚲 ".repeat(MB / 3)],
  ];

  it.each(cases)("%s: linear time", (_, html) => {
    const started = performance.now();
    countWords(visibleText(html));
    // A quadratic pass over 1 MB takes minutes; a linear one milliseconds.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
