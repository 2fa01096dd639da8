/**
 * Write a PDF from its object bodies (object i + 1 is `objects[i]`; object 1 must be the catalog),
 * computing the xref table. Bodies are latin1 strings; streams carry their own /Length.
 */
export function buildPdf(objects: readonly string[]): Uint8Array {
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

/** A one-page PDF whose content stream is `content`, with font /F1 = `font` (a dictionary). */
export function onePagePdf(content: string, font: string): Uint8Array {
  return buildPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    font,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]);
}
