import type { DocumentView } from "../../api/types";

type ReadRow = NonNullable<DocumentView["lineItems"]>[number];
type XmlRow = NonNullable<DocumentView["einvoice"]>["lineItems"][number];

const COLUMNS = [
  ["description", "Description"],
  ["quantity", "Qty"],
  ["unit", "Unit"],
  ["unitPrice", "Price"],
  ["amount", "Amount"],
  ["taxRate", "Tax %"],
] as const;

/**
 * An invoice's line items under its fields: the lines the reader found on its pages, or else the
 * lines its e-invoice XML states (each with its confidence; a click shows the row on its page).
 * Read-only: line items are not part of a review yet.
 */
export function LineItemsPanel(props: {
  document: DocumentView;
  threshold: number;
  highlighted: number | null;
  onShowRow(index: number, row: ReadRow): void;
}) {
  // Lines read from the pages exist only where the XML was not used (a project that reads
  // e-invoices with its models): then they are what the pipeline produced.
  const read = props.document.lineItems ?? [];
  const xml = read.length > 0 ? [] : (props.document.einvoice?.lineItems ?? []);
  if (xml.length === 0 && read.length === 0) return null;
  return (
    <section className="line-items" aria-label="Line items" data-testid="line-items">
      <h3 className="line-items-title">
        Line items{" "}
        <span className="muted small">
          {xml.length > 0 ? "from the e-invoice XML" : "read from the pages"}
        </span>
      </h3>
      <table className="line-items-table">
        <thead>
          <tr>
            {COLUMNS.map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xml.length > 0
            ? xml.map((row: XmlRow, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the XML's lines have no id; their order is fixed
                <tr key={i} data-testid="line-item-row">
                  {COLUMNS.map(([key]) => (
                    <td key={key}>{row[key] ?? ""}</td>
                  ))}
                </tr>
              ))
            : read.map((row, i) => {
                const doubtful = row.confidence < props.threshold;
                return (
                  <tr
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are re-read as a whole; their order is fixed
                    key={i}
                    data-testid="line-item-row"
                    className={[
                      props.highlighted === i ? "line-item-shown" : "",
                      doubtful ? "line-item-doubtful" : "",
                    ].join(" ")}
                    title={`Page ${row.page + 1} · confidence ${row.confidence.toFixed(2)}`}
                    onClick={() => props.onShowRow(i, row)}
                  >
                    {COLUMNS.map(([key]) => (
                      <td key={key}>{row.cells[key]?.value ?? ""}</td>
                    ))}
                  </tr>
                );
              })}
        </tbody>
      </table>
    </section>
  );
}
