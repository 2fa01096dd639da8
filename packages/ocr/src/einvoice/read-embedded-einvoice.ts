import type { EInvoice } from "@pagewise/core";
import type { PDFDocumentProxy } from "pdfjs-dist";
import { parseEInvoice } from "./parse-einvoice";

/**
 * The names the e-invoice standards give their embedded XML: Factur-X / ZUGFeRD 2.1+
 * (`factur-x.xml`), ZUGFeRD 2.0 (`zugferd-invoice.xml`), ZUGFeRD 1.0 (`ZUGFeRD-invoice.xml`),
 * XRechnung (`xrechnung.xml`). Compared case-insensitively.
 */
export const EINVOICE_ATTACHMENT_NAMES = [
  "factur-x.xml",
  "zugferd-invoice.xml",
  "xrechnung.xml",
] as const;

/** An embedded XML larger than this is not an invoice worth parsing. */
const MAX_XML_BYTES = 16 * 1024 * 1024;

interface Attachment {
  filename?: string;
  rawFilename?: string;
  content?: Uint8Array;
}

/**
 * The e-invoice embedded in an open PDF (ZUGFeRD / Factur-X / XRechnung), read from the PDF's
 * embedded files with pdf.js. Null when the PDF has none, or when the XML cannot be read as an
 * invoice: the pages are still read, so the document is processed like any other PDF.
 */
export async function readEmbeddedEInvoice(
  doc: PDFDocumentProxy,
  onInvalid?: (message: string) => void,
): Promise<EInvoice | null> {
  const attachments = ((await doc.getAttachments()) ?? {}) as Record<string, Attachment>;
  for (const attachment of Object.values(attachments)) {
    const name = attachment.filename ?? attachment.rawFilename ?? "";
    if (!(EINVOICE_ATTACHMENT_NAMES as readonly string[]).includes(name.toLowerCase())) continue;
    const content = attachment.content;
    if (!content || content.byteLength > MAX_XML_BYTES) continue;
    try {
      return parseEInvoice(new TextDecoder("utf-8").decode(content), name);
    } catch (error) {
      onInvalid?.(`${name}: ${(error as Error).message}`);
    }
  }
  return null;
}
