import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  barcodeIdentity,
  barcodeProblem,
  expandUpcE,
  gtinCheckDigit,
} from "~/product-qa/domain/gtin";

describe("barcodeProblem", () => {
  it("accepts GTIN-8, -12, -13 and -14 with a right check digit", () => {
    for (const code of ["96385074", "036000291452", "5701234567899", "10012345678902"])
      expect(barcodeProblem(code), code).toBeNull();
  });

  it("names what is wrong", () => {
    expect(barcodeProblem("5701234567891")).toEqual({ kind: "check-digit", expected: 9 });
    expect(barcodeProblem("57012345678")).toEqual({ kind: "length", length: 11 });
    expect(barcodeProblem("5701 2345")).toEqual({ kind: "not-digits" });
    expect(barcodeProblem("978-0-306")).toEqual({ kind: "not-digits" });
  });

  it("accepts a UPC-E code by the check digit of the UPC-A it abbreviates", () => {
    expect(expandUpcE("04252614")).toBe("042100005264");
    expect(barcodeProblem("04252614")).toBeNull(); // not a valid GTIN-8 ...
    expect(gtinCheckDigit("0425261")).not.toBe(4); // ... as its own check digit shows
    expect(barcodeProblem("04252615")).toEqual({ kind: "check-digit", expected: 0 });
    expect(expandUpcE("24252614")).toBeNull(); // number system 2 is not UPC-E
  });

  it("finds every single-digit typo in a GTIN-13", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, position, delta) => {
          const body = digits.join("");
          const code = `${body}${gtinCheckDigit(body)}`;
          expect(barcodeProblem(code)).toBeNull();
          const typo = [...code];
          typo[position] = String((Number(typo[position]) + delta) % 10);
          expect(barcodeProblem(typo.join(""))).not.toBeNull();
        },
      ),
    );
  });
});

describe("barcodeIdentity", () => {
  it("treats leading zeros as padding, and leaves other codes as written", () => {
    expect(barcodeIdentity("0036000291452")).toBe(barcodeIdentity("036000291452"));
    expect(barcodeIdentity("05701234567899")).toBe(barcodeIdentity("5701234567899"));
    expect(barcodeIdentity("0AB")).toBe("0AB");
    expect(barcodeIdentity("5701234567899")).toBe("5701234567899");
  });
});
