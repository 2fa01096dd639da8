import { describe, expect, it } from "vitest";
import { sniffMimeType } from "./sniff-mime-type";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)),
  );

describe("sniffMimeType", () => {
  it("recognizes PDF, PNG, JPEG and both TIFF byte orders by their magic bytes", () => {
    expect(sniffMimeType(bytes("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffMimeType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      "image/png",
    );
    expect(sniffMimeType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffMimeType(bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]))).toBe("image/tiff");
    expect(sniffMimeType(bytes([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]))).toBe("image/tiff");
  });

  it("accepts %PDF anywhere in the first 1024 bytes, as pdf.js does, but not later", () => {
    expect(sniffMimeType(bytes(" ".repeat(1000), "%PDF-1.4"))).toBe("application/pdf");
    expect(sniffMimeType(bytes(" ".repeat(1100), "%PDF-1.4"))).toBeNull();
  });

  it("accepts a headerless PDF only with an object first and a trailer last", () => {
    const body = "1 0 obj << >> endobj\ntrailer << >>\nstartxref\n9\n%%EOF\n";
    expect(sniffMimeType(bytes("%comment\n", body))).toBe("application/pdf");
    expect(sniffMimeType(bytes("1 0 obj << >> endobj"))).toBeNull();
  });

  it("refuses text, an empty file and unknown formats", () => {
    expect(sniffMimeType(bytes("just some notes\n"))).toBeNull();
    expect(sniffMimeType(new Uint8Array(0))).toBeNull();
    expect(sniffMimeType(bytes("GIF89a"))).toBeNull();
  });

  it("recognizes CII and UBL e-invoices by their root element, behind a prolog", () => {
    const cii = '<rsm:CrossIndustryInvoice xmlns:rsm="urn:x"><a/></rsm:CrossIndustryInvoice>';
    expect(sniffMimeType(bytes('<?xml version="1.0"?>\n', cii))).toBe("application/xml");
    expect(sniffMimeType(bytes([0xef, 0xbb, 0xbf], "<!-- c -->", cii))).toBe("application/xml");
    expect(sniffMimeType(bytes("<rsm:CrossIndustryDocument>x</rsm:CrossIndustryDocument>"))).toBe(
      "application/xml",
    );
    expect(sniffMimeType(bytes('<Invoice xmlns="urn:u">1</Invoice>'))).toBe("application/xml");
    expect(sniffMimeType(bytes("<ubl:CreditNote>1</ubl:CreditNote>\n"))).toBe("application/xml");
  });

  it("finds the root by its closing tag when a long comment hides the opening one", () => {
    const long = `<?xml version="1.0"?><!--${"licence ".repeat(500)}-->`;
    expect(
      sniffMimeType(bytes(long, "<rsm:CrossIndustryInvoice>…</rsm:CrossIndustryInvoice>\n")),
    ).toBe("application/xml");
    expect(sniffMimeType(bytes(long, "<html>…</html>"))).toBeNull();
  });

  it("refuses other XML and text", () => {
    expect(sniffMimeType(bytes('<?xml version="1.0"?><Order><ID>1</ID></Order>'))).toBeNull();
    expect(sniffMimeType(bytes("<html><body>Invoice</body></html>"))).toBeNull();
    expect(sniffMimeType(bytes("Invoice </Invoice>"))).toBeNull();
  });
});
