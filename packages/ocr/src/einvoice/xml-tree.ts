import { PagewiseError } from "@pagewise/core";
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** An element as fast-xml-parser gives it with `isArray: () => true`: a string or an object. */
export type XmlNode = string | { [name: string]: unknown };

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: false,
  // Every element is a list, so one code path reads one or many occurrences.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/**
 * The base64 content of files an e-invoice carries inside itself (CII `AttachmentBinaryObject`,
 * UBL `EmbeddedDocumentBinaryObject`): nothing here reads it, and it is often most of the XML
 * (a 1.3 MB scan of a delivery note in a 1.3 MB invoice), which would cost the validator and the
 * parser 10–20× the rest of the invoice. Only content that is base64 and nothing else matches,
 * so removing it keeps a well-formed document well-formed and a broken one broken.
 */
const BINARY_OBJECT_CONTENT =
  /(<(?:[\w.-]+:)?(?:AttachmentBinaryObject|EmbeddedDocumentBinaryObject)\b[^<>]*>)[A-Za-z0-9+/=\s]+(?=<\/)/g;

/**
 * Parse an XML document into a tree of elements (namespace prefixes removed). A document type
 * declaration is refused: e-invoices never have one, and entity definitions are how XML bombs
 * and external entity reads get in. Throws `invalid_einvoice` for anything not well-formed.
 * Embedded files' base64 content is left out (`BINARY_OBJECT_CONTENT`).
 */
export function parseXmlTree(source: string): Record<string, XmlNode[]> {
  if (/<!DOCTYPE/i.test(source)) {
    throw new PagewiseError("invalid_einvoice", "The XML has a document type declaration");
  }
  const xml = source.replace(BINARY_OBJECT_CONTENT, "$1");
  let valid: ReturnType<typeof XMLValidator.validate>;
  try {
    valid = XMLValidator.validate(xml);
    if (valid === true) return parser.parse(xml) as Record<string, XmlNode[]>;
  } catch (error) {
    // e.g. nesting deep enough to exhaust the stack: hostile, not an invoice.
    throw new PagewiseError("invalid_einvoice", `The XML cannot be parsed: ${String(error)}`);
  }
  throw new PagewiseError(
    "invalid_einvoice",
    `The XML is not well-formed: ${valid.err.msg} (line ${valid.err.line})`,
  );
}

/** Every child element `name` of `node`. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === "string") return [];
  const value = node[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/** The first element at the end of `path` below `node` (first match at every step). */
export function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) {
    current = children(current, name)[0];
    if (current === undefined) return undefined;
  }
  return current;
}

/** An element's trimmed text, null when absent or empty. */
export function text(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  const value = typeof node === "string" ? node : node["#text"];
  if (typeof value !== "string" && typeof value !== "number") return null;
  const trimmed = String(value).trim();
  return trimmed === "" ? null : trimmed;
}

/** The text at `path` below `node`. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string | null {
  return text(child(node, ...path));
}

/** An attribute of an element. */
export function attribute(node: XmlNode | undefined, name: string): string | null {
  if (node === undefined || typeof node === "string") return null;
  const value = node[`@_${name}`];
  return typeof value === "string" ? value.trim() : null;
}
