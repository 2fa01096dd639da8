import type { MimeType } from "./document";

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  magic.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF

/** Where "%PDF" starts within the first 1024 bytes (pdf.js accepts junk before it), or -1. */
export function pdfHeaderOffset(bytes: Uint8Array): number {
  const end = Math.min(bytes.length - PDF.length, 1024 - PDF.length);
  for (let i = 0; i <= end; i++) if (startsWith(bytes, PDF, i)) return i;
  return -1;
}

/**
 * The document type from its magic bytes, never from a file name or a client's claim.
 * Returns null for anything Pagewise does not read. Pure and browser-safe: the API refuses an
 * unreadable upload with it before storing anything, and the reader decides with the same code.
 */
export function sniffMimeType(bytes: Uint8Array): MimeType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return "image/tiff";
  }
  if (pdfHeaderOffset(bytes) >= 0 || looksLikeHeaderlessPdf(bytes)) return "application/pdf";
  if (looksLikeEInvoiceXml(bytes)) return "application/xml";
  return null;
}

/** Root elements of the e-invoice syntaxes Pagewise reads (CII 2.x, ZUGFeRD 1.0, UBL 2.1). */
export const EINVOICE_ROOT_ELEMENTS = [
  "CrossIndustryInvoice",
  "CrossIndustryDocument",
  "Invoice",
  "CreditNote",
] as const;

const ROOTS = EINVOICE_ROOT_ELEMENTS.join("|");
/** After an optional BOM: XML declaration, comments, processing instructions, whitespace. */
const PROLOG = /^\uFEFF?\s*(<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*/;
const OPEN_ROOT = new RegExp(`^<([A-Za-z_][\\w.-]*:)?(${ROOTS})[\\s/>]`);
const CLOSE_ROOT = new RegExp(`</([A-Za-z_][\\w.-]*:)?(${ROOTS})\\s*>\\s*$`);
const utf8 = new TextDecoder("utf-8");

/**
 * An XML e-invoice, by its root element: the text starts like XML (a declaration, a comment or
 * an element) and its root element, or the closing tag at its end (the API sees only the first
 * and last 1024 bytes, and e-invoice samples often open with a long licence comment), is one of
 * `EINVOICE_ROOT_ELEMENTS`. The reader then parses it for real.
 */
function looksLikeEInvoiceXml(bytes: Uint8Array): boolean {
  const head = utf8.decode(bytes.subarray(0, 1024));
  if (!/^\uFEFF?\s*</.test(head)) return false;
  const afterProlog = head.replace(PROLOG, "");
  if (OPEN_ROOT.test(afterProlog)) return true;
  if (afterProlog.length > 0 && !afterProlog.startsWith("<!--") && !afterProlog.startsWith("<?")) {
    return false; // another root element is visible
  }
  const tail = utf8.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return CLOSE_ROOT.test(tail);
}

const latin1 = new TextDecoder("latin1");

/**
 * Some writers omit the `%PDF-` line; pdf.js still opens such files. Accept them only when the
 * structure is unmistakable: the file starts (after comment lines) with an indirect object
 * `N G obj` and ends with a `startxref` … `%%EOF` trailer.
 */
function looksLikeHeaderlessPdf(bytes: Uint8Array): boolean {
  const head = latin1.decode(bytes.subarray(0, 1024));
  if (!/^\s*(%[^\r\n]*[\r\n]+\s*)*\d+\s+\d+\s+obj\b/.test(head)) return false;
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return /startxref\s+\d+\s+%%EOF\s*$/.test(tail);
}
