import { describe, expect, it } from "vitest";
import { normalizeAmount } from "./amount";
import { normalizeCurrency } from "./currency";
import { findDates, normalizeDate } from "./date";
import { comparisonKey, normalizeValue } from "./normalize-value";
import { normalizeTerm } from "./term";
import { addressKey, textKey } from "./text";

describe("normalizeDate", () => {
  it("reads SROIE receipt dates day-first", () => {
    expect(normalizeDate("25/12/2018")).toBe("2018-12-25");
    expect(normalizeDate("15-01-2019")).toBe("2019-01-15");
    expect(normalizeDate("28/03/18")).toBe("2018-03-28");
    expect(normalizeDate("27 MAR 2018 18:46")).toBe("2018-03-27");
    expect(normalizeDate("DATE: 05-03-2018 19:02:50")).toBe("2018-03-05");
  });

  it("lets the parts decide when one of them is above 12, whatever the hint", () => {
    expect(normalizeDate("DATE : 12/28/2017 10:17:32 PM", { dateOrder: "dmy" })).toBe("2017-12-28");
    expect(normalizeDate("13/02/2018", { dateOrder: "mdy" })).toBe("2018-02-13");
  });

  it("uses the document's locale evidence for ambiguous numeric dates", () => {
    expect(normalizeDate("06/04/2018", { dateOrder: "dmy" })).toBe("2018-04-06");
    expect(normalizeDate("06/04/2018", { dateOrder: "mdy" })).toBe("2018-06-04");
  });

  it("reads German invoice dates and ISO dates", () => {
    expect(normalizeDate("Handelsrechnung (380) Nr. 471102 vom 05.06.2018")).toBe("2018-06-05");
    expect(normalizeDate("2018-04-06 17:36:35")).toBe("2018-04-06");
    expect(normalizeDate("5. Juni 2018")).toBe("2018-06-05");
  });

  it("reads contract dates written with month names and ordinals", () => {
    expect(normalizeDate("made as of April 18, 2001")).toBe("2001-04-18");
    expect(normalizeDate("this 18th day of April, 2001")).toBe("2001-04-18");
    expect(normalizeDate("February 10th, 2017")).toBe("2017-02-10");
    expect(normalizeDate("1st day of June 2010")).toBe("2010-06-01");
  });

  it("tolerates OCR letters inside the digits", () => {
    expect(normalizeDate("25/12/20l8")).toBe("2018-12-25");
    expect(normalizeDate("O6/O4/2018", { dateOrder: "dmy" })).toBe("2018-04-06");
    expect(normalizeDate("25/FEB/2017")).toBe("2017-02-25");
  });

  it("rejects impossible dates and plain numbers", () => {
    expect(normalizeDate("31/02/2018")).toBeNull();
    expect(normalizeDate("TD01167104")).toBeNull();
    expect(normalizeDate("9.00")).toBeNull();
  });

  it("reports which order a date itself proves", () => {
    expect(findDates("12/28/2017")[0]?.evidence).toBe("mdy");
    expect(findDates("25/12/2018")[0]?.evidence).toBe("dmy");
    expect(findDates("06/04/2018")[0]?.evidence).toBeUndefined();
  });
});

describe("normalizeAmount", () => {
  it("reads receipt totals with currency prefixes", () => {
    expect(normalizeAmount("9.00")).toBe("9.00");
    expect(normalizeAmount("RM9.00")).toBe("9.00");
    expect(normalizeAmount("TOTAL AMOUNT:$6.90")).toBe("6.90");
    expect(normalizeAmount("ROUND D TOTAL (RM): 9.00")).toBe("9.00");
  });

  it("reads German amounts with decimal comma and thousands dots", () => {
    expect(normalizeAmount("197,65")).toBe("197.65");
    expect(normalizeAmount("1.234,56", { decimalComma: true })).toBe("1234.56");
    expect(normalizeAmount("571,04 €")).toBe("571.04");
    expect(normalizeAmount("-50,00")).toBe("-50.00");
    expect(normalizeAmount("4.904,94 €", { decimalComma: true })).toBe("4904.94");
  });

  it("reads English thousands separators", () => {
    expect(normalizeAmount("1,234.56")).toBe("1234.56");
    expect(normalizeAmount("$4,904.94")).toBe("4904.94");
    expect(normalizeAmount("1,234")).toBe("1234.00");
  });

  it("decides a lone 3-decimal group by the locale", () => {
    expect(normalizeAmount("1.234", { decimalComma: true })).toBe("1234.00");
    expect(normalizeAmount("9.000")).toBe("9.00");
  });

  it("keeps meaningful extra decimals and pads to two", () => {
    expect(normalizeAmount("3,3333")).toBe("3.3333");
    expect(normalizeAmount("15")).toBe("15.00");
    expect(normalizeAmount("4.1")).toBe("4.10");
  });

  it("repairs OCR letters inside a number", () => {
    expect(normalizeAmount("9.0O")).toBe("9.00");
    expect(normalizeAmount("1S.90")).toBe("15.90");
  });

  it("returns null without digits", () => {
    expect(normalizeAmount("TOTAL")).toBeNull();
  });
});

describe("normalizeCurrency", () => {
  it("maps symbols and codes to ISO 4217", () => {
    expect(normalizeCurrency("€")).toBe("EUR");
    expect(normalizeCurrency("571,04 €")).toBe("EUR");
    expect(normalizeCurrency("Währung: EUR")).toBe("EUR");
    expect(normalizeCurrency("RM")).toBe("MYR");
    expect(normalizeCurrency("Rs. 319")).toBe("INR");
    expect(normalizeCurrency("usd")).toBe("USD");
    expect(normalizeCurrency("TOTAL")).toBeNull();
  });
});

describe("normalizeTerm", () => {
  it("reads contract terms written in words and digits", () => {
    expect(normalizeTerm("two (2) years")).toBe("2 years");
    expect(normalizeTerm("for a period of one year")).toBe("1 year");
    expect(normalizeTerm("eighteen (18) months")).toBe("18 months");
    expect(normalizeTerm("twenty-four months")).toBe("24 months");
    expect(normalizeTerm("a term of 5 years")).toBe("5 years");
    expect(normalizeTerm("(3) year")).toBe("3 years");
    expect(normalizeTerm("Employee")).toBeNull();
  });
});

describe("comparison keys", () => {
  it("ignore case, spacing and punctuation of texts", () => {
    expect(textKey("NIKE, Inc.")).toBe(textKey("Nike Inc."));
    expect(textKey("BOOK TA .K(TAMAN DAYA) SDN BHD")).toBe(
      textKey("BOOK TA .K (TAMAN DAYA) SDN BHD"),
    );
    expect(textKey("Leonard Green & Partners, L.P.")).toBe(
      textKey("Leonard Green and Partners LP"),
    );
    expect(textKey("TEO HENG")).not.toBe(textKey("TED HENG"));
  });

  it("compare addresses as bags of words without a country code", () => {
    expect(addressKey("Lieferantenstraße 20 DE 80333 München")).toBe(
      addressKey("Lieferantenstraße 20, 80333 München, DE"),
    );
    expect(addressKey("Ecke 12 12345 Stadthausen")).toBe(
      addressKey("Ecke 12, 12345 Stadthausen, DE"),
    );
  });

  it("compare typed values by their normalized form", () => {
    const total = { name: "total", type: "amount" as const };
    expect(comparisonKey(total, "RM 9.00")).toBe(comparisonKey(total, "9.00"));
    const date = { name: "date", type: "date" as const };
    expect(comparisonKey(date, "2018-04-06")).toBe(
      comparisonKey(date, "06/04/2018", { dateOrder: "dmy" }),
    );
    expect(normalizeValue("id", " RE-20140703/502: ")).toBe("RE-20140703/502");
  });
});
