import type { ShadowComparison } from "../../api/types";
import { EmptyState } from "../../components/loading";
import { formatPercent, humanize } from "../../format";

type Counts = ShadowComparison["fields"][number]["champion"];

/**
 * Each challenger against its champion on the same live documents (the challenger predicted in
 * the shadow; people's reviews are the truth): counts, the shadow period, per field kept shares.
 */
export function ShadowCard({ shadow }: { shadow: ShadowComparison[] }) {
  return (
    <section className="card" data-testid="shadow">
      <h2 className="card-title">Shadow comparison</h2>
      {shadow.length === 0 ? (
        <EmptyState title="No challenger in the shadow">
          A retraining that waits for a shadow period (project setting monitoring.shadowDocuments)
          leaves its version as challenger; it then predicts live documents beside the champion and
          is compared here. With monitoring.shadowNewVersions every new version shadows for a while;
          its version page shows how it did.
        </EmptyState>
      ) : (
        shadow.map((c) => (
          <ShadowComparisonView key={`${c.kind}:${c.challengerVersion}`} c={c} as="challenger" />
        ))
      )}
    </section>
  );
}

/**
 * One version against the champion on the live documents it predicted in the shadow: on the
 * monitoring screen (the challengers) and on each version's page (any version that shadowed).
 */
export function ShadowComparisonView({
  c,
  as: role,
}: {
  c: ShadowComparison;
  /** What the version is to the reader: the current challenger, or the version on its page. */
  as: "challenger" | "this version";
}) {
  const period =
    c.required === 0
      ? "no shadow period required"
      : `${Math.min(c.documents, c.required)} of ${c.required} reviewed documents for the shadow period`;
  const side = role === "challenger" ? "Challenger" : `v${c.challengerVersion}`;
  return (
    <div className="shadow-item" data-testid="shadow-comparison" data-kind={c.kind}>
      <p>
        <strong>
          {humanize(c.kind)} v{c.challengerVersion}
        </strong>{" "}
        ({role}) against v{c.champion.version ?? "—"} (champion): {c.shadowed} live documents
        predicted in the shadow, {c.documents} of them reviewed and compared.{" "}
        <span
          className={c.passed ? "badge badge-ready" : "badge badge-needs_review"}
          data-testid="shadow-progress"
          data-documents={c.documents}
          data-required={c.required}
          data-passed={c.passed ? "true" : "false"}
        >
          {c.passed ? "shadow period passed" : period}
        </span>
      </p>
      {c.worse.length > 0 && (
        <p className="small" data-testid="shadow-worse">
          Worse than the champion beyond tolerance on: {c.worse.join(", ")}
        </p>
      )}
      {c.kind === "classifier" ? (
        <p className="small" data-testid="shadow-category">
          Category accuracy: champion {formatPercent(c.champion.categoryAccuracy, 1)},{" "}
          {role === "challenger" ? "challenger" : side}{" "}
          {formatPercent(c.challenger.categoryAccuracy, 1)}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th>Field</th>
                <th>Champion kept</th>
                <th>{side} kept</th>
                <th>Champion missed</th>
                <th>{side} missed</th>
              </tr>
            </thead>
            <tbody>
              {c.fields.map((f) => (
                <tr
                  key={f.field}
                  className={f.worse ? "row-bad" : undefined}
                  data-testid="shadow-field"
                  data-field={f.field}
                  data-worse={f.worse ? "true" : "false"}
                >
                  <td>{f.field}</td>
                  <Kept counts={f.champion} side="champion" />
                  <Kept counts={f.challenger} side="challenger" />
                  <Missed counts={f.champion} side="champion" />
                  <Missed counts={f.challenger} side="challenger" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Kept({ counts, side }: { counts: Counts; side: string }) {
  return (
    <td
      className="tabular"
      data-testid={`kept-${side}`}
      data-kept={counts.kept}
      data-predicted={counts.predicted}
    >
      {formatPercent(counts.keptShare, 0)}{" "}
      <span className="muted">
        ({counts.kept}/{counts.predicted})
      </span>
    </td>
  );
}

function Missed({ counts, side }: { counts: Counts; side: string }) {
  return (
    <td
      className="tabular"
      data-testid={`missed-${side}`}
      data-added={counts.added}
      data-labeled={counts.labeled}
    >
      {formatPercent(counts.missedShare, 0)}{" "}
      <span className="muted">
        ({counts.added}/{counts.labeled})
      </span>
    </td>
  );
}
