import { parentPort, workerData } from "node:worker_threads";
import { isPagewiseError } from "@pagewise/core";
import sharp from "sharp";
import { onePagePdf } from "./build-pdf";
import { inspectDocument } from "./inspect-document";
import { PageReader } from "./page-reader";
import { readPdfTextLayer } from "./pdf-text-layer";
import type { ReadRequest, ReadResponse, ReadThreadData } from "./read-protocol";

// libvips' operation cache is per process and keeps up to 50 MB of decoded pixels for reuse;
// every page here is new, so it only holds memory.
sharp.cache(false);

/** The body of one pool thread: answers read requests one at a time. */
const reader = new PageReader(workerData as ReadThreadData);
const port = parentPort!;

async function handle(request: ReadRequest): Promise<ReadResponse> {
  try {
    if (request.op === "inspect") {
      const { key, bytes, limits } = request;
      // Through the thread's PDF cache: the pages read next need the document open anyway.
      const countPdfPages = (b: Uint8Array) => reader.countPdfPages(key, b);
      const readPdfEInvoice = (b: Uint8Array) => reader.readPdfEInvoice(key, b);
      const info = await inspectDocument(bytes, limits, { countPdfPages, readPdfEInvoice });
      if (!request.textPages) return { ok: true, value: info };
      const textPages =
        info.mime === "application/pdf"
          ? await reader.readTextPages(key, bytes, info.pageCount)
          : [];
      return { ok: true, value: { info, textPages } };
    }
    const { key, bytes, mime, pageIndex, languages } = request;
    const value =
      request.op === "readPage"
        ? await reader.readPage(key, bytes, mime, pageIndex, { languages })
        : await reader.renderPage(key, bytes, mime, pageIndex);
    return { ok: true, value };
  } catch (error) {
    if (isPagewiseError(error)) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, details: error.details },
      };
    }
    return { ok: false, error: { code: "page_unreadable", message: String(error) } };
  }
}

let queue = Promise.resolve();
port.on("message", (message: ReadRequest | "close") => {
  if (message === "close") {
    queue = queue.then(() => reader.close()).finally(() => port.close());
    return;
  }
  queue = queue.then(async () => {
    const response = await handle(message);
    // Hand image bytes over instead of copying them.
    const transfer =
      response.ok && response.value && typeof response.value === "object"
        ? imageBuffers(response.value)
        : [];
    port.postMessage(response, transfer);
  });
});
/**
 * Read a one-page text PDF before saying ready: importing pdf.js, loading its standard font and
 * compiling its hot paths take 1–2 s the first time, which the first document given to this
 * thread would otherwise wait for. A failure here is not this thread's to report: the first
 * real document meets the same cause and gets a proper error.
 */
async function warmUp(): Promise<void> {
  const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  await readPdfTextLayer(
    onePagePdf("BT /F1 12 Tf 10 50 Td (Invoice 42 Total 12.50) Tj ET", helvetica),
  ).catch(() => {});
}

await warmUp();
port.postMessage("ready");

function imageBuffers(value: object): ArrayBuffer[] {
  const image = "png" in value ? value : "image" in value ? value.image : undefined;
  const png = (image as { png?: Uint8Array } | undefined)?.png;
  return png && png.buffer instanceof ArrayBuffer && png.byteLength === png.buffer.byteLength
    ? [png.buffer]
    : [];
}
