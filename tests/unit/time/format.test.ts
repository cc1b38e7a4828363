/** The one display formatter (app/format): by language, currency and the shop's time zone. */
import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatter,
} from "~/format";

const dk = { currencyCode: "DKK", countryCode: "DK" };
const da = formatter("da", dk, "Europe/Copenhagen");
const en = formatter("en", { currencyCode: "USD", countryCode: "US" }, "America/New_York");

describe("numbers, money and percentages", () => {
  it("rounds percentages to one decimal", () => {
    expect(formatPercent(da, 0.9747191011235955)).toBe("97,5\u00a0%");
    expect(formatPercent(en, 0.9747191011235955)).toBe("97.5%");
    expect(formatPercent(en, 1)).toBe("100%");
  });

  it("writes money in the shop's currency for the reader's language", () => {
    expect(formatMoney(da, 1234.5)).toBe("1.234,50\u00a0kr.");
    expect(formatMoney(en, 1234.5)).toBe("$1,234.50");
    expect(formatMoney(en, 1234.5, "EUR")).toBe("€1,234.50");
    expect(formatMoney({ ...en, currencyCode: null }, 1234.5)).toBe("1,234.5");
  });

  it("groups and rounds numbers by language", () => {
    expect(formatNumber(da, 12345.678, 1)).toBe("12.345,7");
    expect(formatNumber(en, 12345.678)).toBe("12,346");
  });
});

describe("dates in the shop's time zone", () => {
  it("shows the shop's calendar day, whatever the machine's zone", () => {
    const instant = "2025-12-31T10:30:00Z";
    const east = formatter("en", dk, "Pacific/Kiritimati");
    const west = formatter("en", dk, "Pacific/Pago_Pago");
    expect(formatDate(east, instant)).toBe("1 Jan 2026");
    expect(formatDate(west, instant)).toBe("30 Dec 2025");
    // The hour that exists twice when Copenhagen falls back reads the same both times.
    expect(formatDateTime(da, "2026-10-25T00:30:00Z")).toBe("25. okt. 2026, 02.30");
    expect(formatDateTime(da, "2026-10-25T01:30:00Z")).toBe("25. okt. 2026, 02.30");
  });
});
