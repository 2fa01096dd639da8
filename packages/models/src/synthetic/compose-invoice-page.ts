import type { Prng } from "../util/prng";
import { addressLines, addressText, invoiceNumber, personName, pick } from "./invented-names";
import type { InvoiceContent, InvoiceParty } from "./invoice-content";
import { amountPrinter, datePrinter, WORDING } from "./invoice-wording";

/** One piece of text on the page; `y` is the top of its line, in points from the page's top. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  size: number;
  bold?: boolean;
  /** The ground-truth field this run prints (a value, never its label). */
  field?: string;
}

export interface ComposedPage {
  width: number;
  height: number;
  runs: TextRun[];
}

/** Width in points of `text` at `size` in the page's font. */
export type Measure = (text: string, size: number, bold: boolean) => number;

/** The ground-truth values a composed page prints, in the dataset format (ISO dates, "1234.56"). */
export type PrintedFields = Record<string, string>;

const PAGE_SIZES = [
  [595.28, 841.89], // A4
  [612, 792], // US Letter
] as const;

/**
 * Lay out one invoice on one page. Every choice that differs between real suppliers' templates is
 * drawn at random: where the seller's name and address stand (letterhead left, right or centred,
 * only in the footer, or in a "From" block), a sender line above the buyer's window address, the
 * buyer block with or without a label, the invoice facts as a label/value column, a row of labels
 * over their values, or under the buyer; the VAT id in the letterhead, the facts or the footer;
 * label wording, separators, date and amount formats, sizes and margins.
 */
export function composeInvoicePage(
  content: InvoiceContent,
  prng: Prng,
  measure: Measure,
): { page: ComposedPage; printed: PrintedFields } {
  const [width, height] = pick(prng, PAGE_SIZES);
  const w = WORDING[content.language];
  const size = 8.5 + prng.nextInt(6) * 0.5;
  const margin = 36 + prng.nextInt(30);
  const right = width - margin;
  const lead = size * (1.25 + prng.next() * 0.2);
  const colon = pick(prng, [":", ":", ""]);
  const label = (words: readonly string[]) => {
    const text = pick(prng, words);
    return text.endsWith(":") || colon === "" ? text : `${text}${colon}`;
  };
  const date = datePrinter(prng, content.language);
  const amount = amountPrinter(prng, content.language, content.currency);
  const runs: TextRun[] = [];
  const printed: PrintedFields = {};
  const put = (text: string, x: number, y: number, opts: Partial<TextRun> = {}): void => {
    runs.push({ text, x, y, size: opts.size ?? size, ...opts });
  };
  const putRight = (text: string, xRight: number, y: number, opts: Partial<TextRun> = {}) =>
    put(text, xRight - measure(text, opts.size ?? size, opts.bold ?? false), y, opts);
  // An amount right-aligned at `xRight`; a printed currency is a run of its own (its own field).
  const putAmount = (value: number, xRight: number, y: number, opts: Partial<TextRun> = {}) => {
    const { number, currency } = amount(value);
    const s = opts.size ?? size;
    const b = opts.bold ?? false;
    if (!currency) return putRight(number, xRight, y, opts);
    const gap = currency.spaced ? measure(" ", s, b) : 0;
    const numberWidth = measure(number, s, b);
    const currencyWidth = measure(currency.text, s, b);
    const start = xRight - numberWidth - gap - currencyWidth;
    const currencyRun = { ...opts, field: "currency" };
    if (currency.before) {
      put(currency.text, start, y, currencyRun);
      put(number, start + currencyWidth + gap, y, opts);
    } else {
      put(currency.spaced ? `${number} ` : number, start, y, opts);
      put(currency.text, start + numberWidth + gap, y, currencyRun);
    }
  };
  const partyLines = (party: InvoiceParty, prefix: "vendor" | "customer") => [
    { text: party.name, field: prefix },
    ...addressLines(party.address).map((text) => ({ text, field: `${prefix}_address` })),
  ];
  // A party block as forms print it: sometimes an id line before the name ("Nummer: GE2020211",
  // "GLN 4000001987658"), a contact person after it, an id or phone line after the address. The
  // name is then not the block's first line, nor the address its last.
  const blockLines = (party: InvoiceParty, prefix: "vendor" | "customer") => {
    const lines: { text: string; field?: string }[] = partyLines(party, prefix);
    const idLine = () =>
      pick(prng, [
        `${label(w.customerNumber)} ${10000 + prng.nextInt(89999)}`,
        `GLN ${4000000000000 + prng.nextInt(999999999)}`,
        `${pick(prng, ["Nummer", "ID", "Réf."])}: ${pick(prng, ["GE", "K", "C"])}${100000 + prng.nextInt(899999)}`,
        `${pick(prng, ["Global ID", "Globale Nummer", "Identifiant"])}: ${4000000000000 + prng.nextInt(999999999)} (${pick(prng, ["GLN", "GTIN"])})`,
      ]);
    if (prng.next() < 0.2) lines.unshift({ text: idLine() });
    if (prng.next() < 0.2) {
      const attn = pick(prng, [w.attention, w.attention, [""]].flat());
      const at = lines.findIndex((l) => l.field === prefix);
      lines.splice(at + 1, 0, { text: `${attn} ${personName(prng, content.language)}`.trim() });
    }
    if (prng.next() < 0.15) lines.push({ text: idLine() });
    return lines;
  };
  const putBlock = (
    lines: { text: string; field?: string }[],
    x: number,
    y: number,
    nameBold: boolean,
  ) => {
    for (const [i, line] of lines.entries()) {
      const bold = nameBold && (line.field === "vendor" || line.field === "customer");
      put(line.text, x, y + i * lead, { field: line.field, bold });
    }
    return y + lines.length * lead;
  };
  printed.vendor = content.vendor.name;
  printed.vendor_address = addressText(content.vendor.address);
  printed.customer = content.customer.name;
  printed.customer_address = addressText(content.customer.address);

  // Letterhead: the seller's name (large) and, usually, its address and VAT id.
  const header = pick(prng, ["left", "right", "center", "from-block", "footer-only"] as const);
  const vatPlace = pick(prng, ["header", "facts", "footer", "footer"] as const);
  const nameSize = size * (1.4 + prng.next() * 0.8);
  let y = margin;
  const vendorLines = partyLines(content.vendor, "vendor");
  if (header === "left" || header === "right" || header === "center") {
    const xOf = (text: string, s: number, bold: boolean) =>
      header === "left"
        ? margin
        : header === "right"
          ? right - measure(text, s, bold)
          : (width - measure(text, s, bold)) / 2;
    put(content.vendor.name, xOf(content.vendor.name, nameSize, true), y, {
      size: nameSize,
      bold: true,
      field: "vendor",
    });
    y += nameSize * 1.4;
    // "VAT No.: DE123…" prints as two runs: the value alone is the field.
    const vatLabel = vatPlace === "header" ? label(w.vatId) : undefined;
    const rest: { text: string; field?: string; label?: string }[] = vendorLines.slice(1);
    if (vatLabel)
      rest.push({
        text: `${vatLabel} ${content.vendor.vatId}`,
        field: "vendor_vat_id",
        label: vatLabel,
      });
    const widest = Math.max(...rest.map((l) => measure(l.text, size, false)));
    for (const line of rest) {
      const lineWidth = measure(line.text, size, false);
      const x =
        header === "left" ? margin : header === "right" ? right - widest : (width - lineWidth) / 2;
      if (line.label) {
        // The space is drawn, not only left: the text layer then reads two words, as in real PDFs.
        put(`${line.label} `, x, y);
        put(content.vendor.vatId, x + measure(`${line.label} `, size, false), y, {
          field: line.field,
        });
        printed.vendor_vat_id = content.vendor.vatId;
      } else put(line.text, x, y, { field: line.field });
      y += lead;
    }
    y += lead;
  } else if (header === "footer-only") {
    // A logo-like name on top; the address is printed only in the footer.
    put(content.vendor.name, margin, y, { size: nameSize, bold: true, field: "vendor" });
    y += nameSize * 2;
  }

  // Title.
  const title = pick(prng, w.title);
  const titleSize = size * (1.5 + prng.next());
  const titleRight = header === "left" || prng.next() < 0.5;
  if (header === "from-block" || prng.next() < 0.5) {
    if (titleRight) putRight(title, right, margin, { size: titleSize, bold: true });
    else
      put(title, header === "right" ? margin : right - measure(title, titleSize, true), margin, {
        size: titleSize,
        bold: true,
      });
    y = Math.max(y, margin + titleSize * 2);
  }

  // The buyer (and, in a from/to layout, the seller beside it).
  const customerLines = blockLines(content.customer, "customer");
  const factsRight = prng.next() < 0.7;
  let blockTop = y;
  if (header === "from-block" && prng.next() < 0.4) {
    // Seller and buyer stacked, each under its label (the EN 16931 stylesheets' layout).
    put(label(w.from), margin, blockTop, { bold: true });
    y = putBlock(blockLines(content.vendor, "vendor"), margin, blockTop + lead, false) + lead;
    put(label(w.billTo), margin, y, { bold: true });
    y = putBlock(customerLines, margin, y + lead, false) + lead;
  } else if (header === "from-block") {
    const fromX = margin;
    const toX = margin + (width - 2 * margin) * (0.35 + prng.next() * 0.15);
    put(label(w.from), fromX, blockTop, { bold: true });
    put(label(w.billTo), toX, blockTop, { bold: true });
    blockTop += lead;
    const fromEnd = putBlock(blockLines(content.vendor, "vendor"), fromX, blockTop, true);
    const toEnd = putBlock(customerLines, toX, blockTop, false);
    y = Math.max(fromEnd, toEnd) + lead;
  } else {
    const sender = header !== "footer-only" && prng.next() < 0.45;
    if (sender) {
      const small = size * 0.75;
      const sep = pick(prng, [" · ", " - ", " | ", ", "]);
      const senderText = [
        content.vendor.name,
        ...content.vendor.address.street,
        content.vendor.address.cityLine,
      ].join(sep);
      put(senderText, margin, blockTop, { size: small });
      blockTop += small * 1.8;
    }
    const customerX = factsRight ? margin : margin + (width - 2 * margin) * 0.5;
    let top = blockTop;
    if (prng.next() < 0.5) {
      put(label(w.billTo), customerX, top, { bold: true });
      top += lead;
    }
    y = putBlock(customerLines, customerX, top, prng.next() < 0.5) + lead;
  }

  // Invoice facts: number, dates, customer number, maybe the VAT id.
  const facts: { label: string; value: string; field?: string }[] = [
    { label: label(w.invoiceNumber), value: content.invoiceNumber, field: "invoice_number" },
    { label: label(w.date), value: date(content.date), field: "date" },
  ];
  printed.invoice_number = content.invoiceNumber;
  printed.date = content.date;
  if (content.customer.customerNumber)
    facts.push({ label: label(w.customerNumber), value: content.customer.customerNumber });
  // The due date stands in the facts, or in the payment terms at the foot (then with a cash
  // discount date beside it, half the time: a date that is not the due date).
  const dueInTerms = content.dueDate !== undefined && prng.next() < 0.35;
  if (content.dueDate) {
    if (!dueInTerms)
      facts.push({ label: label(w.dueDate), value: date(content.dueDate), field: "due_date" });
    printed.due_date = content.dueDate;
  }
  if (prng.next() < 0.4)
    facts.splice(1 + prng.nextInt(facts.length), 0, {
      label: label(w.serviceDate),
      value: date(content.serviceDate),
    });
  if (vatPlace === "facts") {
    facts.push({ label: label(w.vatId), value: content.vendor.vatId, field: "vendor_vat_id" });
    printed.vendor_vat_id = content.vendor.vatId;
  }
  if (prng.next() > 0.5) facts.splice(0, 2, facts[1]!, facts[0]!);
  // Other references (order, delivery note): id-like values that are not the invoice number.
  if (prng.next() < 0.5) {
    const year = Number(content.date.slice(0, 4));
    const at = 1 + prng.nextInt(facts.length);
    facts.splice(at, 0, { label: label(w.otherReferences), value: invoiceNumber(prng, year) });
  }
  // A heading that carries the number and the date ("Rechnung Nr. 471102 vom 05.03.2018"): they
  // then leave the facts.
  if (prng.next() < 0.25) {
    const words = [
      { text: `${pick(prng, w.title)} ${pick(prng, w.numberWord)} ` },
      { text: content.invoiceNumber, field: "invoice_number" },
      { text: ` ${pick(prng, w.dateWord)} ` },
      { text: date(content.date), field: "date" },
    ];
    let x = margin;
    for (const word of words) {
      put(word.text, x, y, { bold: true, field: word.field });
      x += measure(word.text, size, true);
    }
    y += 2 * lead;
    for (const field of ["invoice_number", "date"])
      facts.splice(
        facts.findIndex((f) => f.field === field),
        1,
      );
  }
  const factsStyle =
    header === "from-block"
      ? pick(prng, ["row", "column-left"] as const)
      : pick(prng, ["column-right", "column-right", "row", "column-left"] as const);
  if (factsStyle === "column-right" && factsRight) {
    const x = margin + (width - 2 * margin) * (0.55 + prng.next() * 0.1);
    const valueX = x + Math.max(...facts.map((f) => measure(f.label, size, false))) + 8;
    const alignRight = prng.next() < 0.4;
    facts.forEach((f, i) => {
      put(f.label, x, blockTop + i * lead);
      if (alignRight) putRight(f.value, right, blockTop + i * lead, { field: f.field });
      else put(f.value, valueX, blockTop + i * lead, { field: f.field });
    });
    y = Math.max(y, blockTop + facts.length * lead + lead);
  } else if (factsStyle === "row") {
    const step = (width - 2 * margin) / facts.length;
    facts.forEach((f, i) => {
      put(f.label.replace(/:$/, ""), margin + i * step, y, { bold: true });
      put(f.value, margin + i * step, y + lead, { field: f.field });
    });
    y += 3 * lead;
  } else {
    const valueX = margin + Math.max(...facts.map((f) => measure(f.label, size, false))) + 10;
    facts.forEach((f, i) => {
      put(f.label, margin, y + i * lead);
      put(f.value, valueX, y + i * lead, { field: f.field });
    });
    y += (facts.length + 1) * lead;
  }

  // Line items.
  const cols = [
    pick(prng, w.columns.description),
    pick(prng, w.columns.quantity),
    pick(prng, w.columns.unitPrice),
    pick(prng, w.columns.amount),
  ];
  const colRight = [
    0,
    right - (width - 2 * margin) * 0.42,
    right - (width - 2 * margin) * 0.18,
    right,
  ];
  put(cols[0]!, margin, y, { bold: true });
  for (let c = 1; c < 4; c++) putRight(cols[c]!, colRight[c]!, y, { bold: true });
  y += lead * 1.3;
  for (const line of content.lines) {
    put(line.description, margin, y);
    putRight(
      String(line.quantity).replace(".", content.language === "en" ? "." : ","),
      colRight[1]!,
      y,
    );
    putAmount(line.unitPrice, colRight[2]!, y);
    putAmount(line.amount, colRight[3]!, y);
    y += lead;
  }
  y += lead;

  // Totals, right-aligned under the amount column.
  const totalsLabelX = right - (width - 2 * margin) * (0.38 + prng.next() * 0.1);
  const totals: { label: string; value: number; field: string; bold?: boolean }[] = [];
  if (prng.next() < 0.85)
    totals.push({ label: label(w.subtotal), value: content.subtotal, field: "total_untaxed" });
  const rate = String(content.taxRate).replace(".", content.language === "en" ? "." : ",");
  totals.push({ label: label(w.tax).replace("{rate}", rate), value: content.tax, field: "tax" });
  totals.push({ label: label(w.total), value: content.total, field: "total", bold: true });
  if (prng.next() < 0.35)
    totals.push({
      label: label(w.amountDue),
      value: content.total,
      field: "amount_due",
      bold: true,
    });
  for (const t of totals) {
    put(t.label, totalsLabelX, y, { bold: t.bold });
    putAmount(t.value, right, y, { field: t.field, bold: t.bold });
    printed[t.field] = t.value.toFixed(2);
    y += lead;
  }
  // The currency is a field only where it is printed: beside the amounts, or on a line of its own.
  if (runs.some((r) => r.field === "currency")) printed.currency = content.currency;
  else if (prng.next() < 0.3) {
    const lab = label(w.currency);
    put(`${lab} `, margin, y);
    put(content.currency, margin + measure(`${lab} `, size, false), y, { field: "currency" });
    printed.currency = content.currency;
  }
  y += lead * 1.5;
  if (dueInTerms) {
    const terms = pick(prng, w.terms) + (prng.next() < 0.5 ? pick(prng, w.discount) : "");
    // The sentence as runs: its dates are runs of their own, the due date a field.
    let x = margin;
    for (const piece of terms.split(/(\{due\}|\{other\})/)) {
      if (piece === "") continue;
      const run =
        piece === "{due}"
          ? { text: date(content.dueDate!), field: "due_date" }
          : piece === "{other}"
            ? { text: date(content.discountDate) }
            : { text: piece };
      put(run.text, x, y, { field: run.field });
      x += measure(run.text, size, false);
    }
    y += lead;
  }
  put(pick(prng, w.closing), margin, y);

  // Footer: the seller's details in columns.
  const footerSize = size * 0.8;
  const footerLead = footerSize * 1.3;
  const columns: { text: string; field?: string }[][] = [];
  if (header === "footer-only" || prng.next() < 0.6)
    columns.push(partyLines(content.vendor, "vendor"));
  columns.push([
    { text: `${pick(prng, w.phone)} ${content.vendor.phone}` },
    { text: content.vendor.email },
  ]);
  columns.push([{ text: pick(prng, w.bank) }, { text: content.vendor.iban }]);
  if (vatPlace === "footer") {
    columns.push([
      { text: label(w.vatId) },
      { text: content.vendor.vatId, field: "vendor_vat_id" },
    ]);
    printed.vendor_vat_id = content.vendor.vatId;
  }
  const rows = Math.max(...columns.map((c) => c.length));
  const footerTop = height - margin - rows * footerLead;
  const step = (width - 2 * margin) / columns.length;
  for (const [c, column] of columns.entries()) {
    for (const [i, line] of column.entries()) {
      const at = { size: footerSize, field: line.field };
      put(line.text, margin + c * step, footerTop + i * footerLead, at);
    }
  }
  return { page: { width, height, runs }, printed };
}
