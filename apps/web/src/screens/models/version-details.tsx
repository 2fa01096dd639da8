import type { ModelVersion } from "../../api/types";
import { GateChart } from "../../components/charts/gate-chart";
import { StatusBadge } from "../../components/status-badge";
import { formatDuration, formatScore, formatTime } from "../../format";
import { ClassTable, ConfusionMatrix } from "./class-report";
import { VersionLive } from "./version-live";

/**
 * One version: its metrics per field, its lineage, the gate report that decided it, and beside
 * it how the version does on live documents (shadow comparison; a champion's live accuracy).
 */
export function VersionDetails({ version: v }: { version: ModelVersion }) {
  const fields = Object.entries(v.metrics?.fields ?? {});
  const l = v.lineage;
  const report = v.gateReport;
  return (
    <section className="card" data-testid="version-details" aria-label={`Version ${v.version}`}>
      <div className="card-head">
        <h2 className="card-title">
          {v.kind} v{v.version} <StatusBadge status={v.status} />
          {v.aliases.map((a) => (
            <span key={a} className={`alias alias-${a}`}>
              {a}
            </span>
          ))}
        </h2>
      </div>
      {v.error && <div className="banner banner-error">{v.error}</div>}
      <div className="grid-2">
        <div>
          <h3 className="subtitle">Metrics</h3>
          {v.metrics ? (
            <>
              <dl className="kv">
                <dt>Validation documents</dt>
                <dd>{v.metrics.documents}</dd>
                {v.metrics.macroF1 !== undefined && (
                  <>
                    <dt>Macro F1</dt>
                    <dd>{formatScore(v.metrics.macroF1)}</dd>
                  </>
                )}
                {v.metrics.microF1 !== undefined && (
                  <>
                    <dt>Micro F1</dt>
                    <dd>{formatScore(v.metrics.microF1)}</dd>
                  </>
                )}
                {v.metrics.accuracy !== undefined && (
                  <>
                    <dt>Accuracy</dt>
                    <dd>{formatScore(v.metrics.accuracy)}</dd>
                  </>
                )}
                {v.metrics.msPerPage !== undefined && (
                  <>
                    <dt>Latency</dt>
                    <dd>{v.metrics.msPerPage.toFixed(1)} ms per page</dd>
                  </>
                )}
              </dl>
              {fields.length > 0 && (
                <table className="table table-compact">
                  <thead>
                    <tr>
                      <th>Field</th>
                      <th>Precision</th>
                      <th>Recall</th>
                      <th>F1</th>
                      <th>Support</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map(([name, s]) => (
                      <tr key={name}>
                        <td>{name}</td>
                        <td className="tabular">{formatScore(s.precision)}</td>
                        <td className="tabular">{formatScore(s.recall)}</td>
                        <td className="tabular">{formatScore(s.f1)}</td>
                        <td className="tabular">{s.support}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          ) : (
            <p className="muted small">
              Not evaluated {l.origin === "upload" ? "(uploaded; trained elsewhere)" : "yet"}.
            </p>
          )}
        </div>
        <div>
          <h3 className="subtitle">Lineage</h3>
          <dl className="kv" data-testid="lineage">
            <dt>Origin</dt>
            <dd>{l.origin === "upload" ? "uploaded" : "trained here"}</dd>
            <dt>Training run</dt>
            <dd className="mono">{l.trainingRunId ?? "—"}</dd>
            <dt>Dataset snapshot</dt>
            <dd className="mono">{l.datasetSnapshotId ?? "—"}</dd>
            <dt>Dataset hash</dt>
            <dd className="mono" title={l.datasetHash ?? undefined}>
              {l.datasetHash ? l.datasetHash.slice(0, 16) : "—"}
            </dd>
            <dt>Documents</dt>
            <dd>
              {l.trainDocuments} train · {l.validationDocuments} validation
            </dd>
            <dt>Label schema</dt>
            <dd>{l.labelSchemaVersion !== null ? `v${l.labelSchemaVersion}` : "—"}</dd>
            <dt>Code version</dt>
            <dd className="mono">{l.codeVersion.slice(0, 16)}</dd>
            <dt>Seed · backend</dt>
            <dd>
              {l.seed} · {l.backend}
            </dd>
            <dt>Training time</dt>
            <dd>{formatDuration(l.trainingDurationMs)}</dd>
            <dt>Weights sha256</dt>
            <dd className="mono" title={l.weightsHash}>
              {l.weightsHash.slice(0, 16)}
            </dd>
            <dt>Created</dt>
            <dd>{formatTime(v.createdAt)}</dd>
          </dl>
          {Object.keys(l.hyperparameters).length > 0 && (
            <details className="small">
              <summary>Hyperparameters</summary>
              <pre className="pre">{JSON.stringify(l.hyperparameters, null, 2)}</pre>
            </details>
          )}
        </div>
      </div>
      {report && (
        <div className="gate" data-testid="gate-report">
          <h3 className="subtitle">
            Gate: challenger v{report.challengerVersion} against{" "}
            {report.championVersion !== null
              ? `champion v${report.championVersion}`
              : "no champion"}{" "}
            <span className={report.passed ? "chip chip-ok" : "chip chip-danger"}>
              {report.passed ? "passed" : "failed"}
            </span>
          </h3>
          <p className="small muted">
            On {report.validationDocuments} validation documents; a field may drop by at most{" "}
            {report.tolerances.field}, the overall score by at most {report.tolerances.overall}.
          </p>
          {report.reasons.length > 0 && (
            <ul className="small reasons">
              {report.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          <div className="grid-2">
            <div>
              <GateChart report={report} />
              <div className="legend small muted">
                <span>
                  <span className="legend-swatch legend-champion" /> champion
                </span>
                <span>
                  <span className="legend-swatch legend-challenger" /> challenger
                </span>
                <span>
                  <span className="legend-swatch legend-bad" /> beyond tolerance
                </span>
              </div>
            </div>
            {report.fields.length > 0 ? (
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th>Field</th>
                    <th>Champion</th>
                    <th>Challenger</th>
                    <th>Δ</th>
                    <th>Support</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {report.fields.map((f) => (
                    <tr key={f.name} className={f.ok ? undefined : "row-bad"}>
                      <td>{f.name}</td>
                      <td className="tabular">{formatScore(f.champion)}</td>
                      <td className="tabular">{formatScore(f.challenger)}</td>
                      <td className="tabular">
                        {f.delta === null ? "—" : `${f.delta >= 0 ? "+" : ""}${f.delta.toFixed(3)}`}
                      </td>
                      <td className="tabular">{f.support}</td>
                      <td>{f.ok ? "✓" : "✗"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : report.classes && report.classes.length > 0 ? (
              <ClassTable classes={report.classes} />
            ) : (
              <p className="small muted" data-testid="gate-no-rows">
                {report.kind === "classifier"
                  ? "This report was made before per-category results were kept."
                  : "No field of this model had validation documents."}
              </p>
            )}
          </div>
          {report.confusion && (
            <div className="grid-2">
              <ConfusionMatrix
                labels={report.confusion.labels}
                matrix={report.confusion.challenger}
                title={`Challenger v${report.challengerVersion}`}
                testId="confusion-challenger"
              />
              {report.confusion.champion && (
                <ConfusionMatrix
                  labels={report.confusion.labels}
                  matrix={report.confusion.champion}
                  title={`Champion v${report.championVersion}`}
                  testId="confusion-champion"
                />
              )}
            </div>
          )}
        </div>
      )}
      {v.status !== "pending" && v.status !== "failed" && <VersionLive version={v} />}
    </section>
  );
}
