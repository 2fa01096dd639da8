import type { GateReport } from "../../api/types";
import { formatScore } from "../../format";

type Classes = NonNullable<GateReport["classes"]>;
type Confusion = NonNullable<GateReport["confusion"]>;

/** The classifier's gate, per category: both models' precision, recall and F1, and the support. */
export function ClassTable({ classes }: { classes: Classes }) {
  return (
    <table className="table table-compact" data-testid="gate-classes">
      <thead>
        <tr>
          <th>Category</th>
          <th colSpan={3}>Champion P / R / F1</th>
          <th colSpan={3}>Challenger P / R / F1</th>
          <th>Support</th>
        </tr>
      </thead>
      <tbody>
        {classes.map((c) => (
          <tr
            key={c.name}
            data-testid={`gate-class-${c.name}`}
            className={c.champion && c.challenger.f1 < c.champion.f1 ? "row-bad" : undefined}
          >
            <td>{c.name}</td>
            <td className="tabular">{formatScore(c.champion?.precision)}</td>
            <td className="tabular">{formatScore(c.champion?.recall)}</td>
            <td className="tabular">{formatScore(c.champion?.f1)}</td>
            <td className="tabular">{formatScore(c.challenger.precision)}</td>
            <td className="tabular">{formatScore(c.challenger.recall)}</td>
            <td className="tabular">{formatScore(c.challenger.f1)}</td>
            <td className="tabular">{c.support}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Which category each validation document was given (rows: true, columns: predicted). */
export function ConfusionMatrix({
  labels,
  matrix,
  title,
  testId,
}: {
  labels: Confusion["labels"];
  matrix: number[][];
  title: string;
  testId: string;
}) {
  return (
    <table className="table table-compact confusion" data-testid={testId}>
      <caption className="small muted">{title} (rows: true category, columns: predicted)</caption>
      <thead>
        <tr>
          <th />
          {labels.map((l) => (
            <th key={l} className="cell">
              {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {labels.map((truth, r) => (
          <tr key={truth}>
            <th scope="row">{truth}</th>
            {labels.map((predicted, c) => (
              <td key={predicted} className={r === c ? "cell tabular diagonal" : "cell tabular"}>
                {matrix[r]?.[c] ?? 0}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
