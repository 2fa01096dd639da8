import type { Monitoring } from "../../api/types";
import { type Mark, SeriesChart } from "../../components/charts/series-chart";
import { EmptyState } from "../../components/loading";
import { formatPercent, formatTime, humanize } from "../../format";
import {
  dailyKeptShare,
  type FieldSampleCounts,
  fieldRows,
  SAMPLES,
  share,
  type VersionMark,
} from "./monitoring-model";

const SAMPLE_TEXT = {
  audit: "Audit sample: confidently processed documents drawn at random for review (unbiased)",
  flagged: "Flagged: sent to review because the models were unsure (lower than the real accuracy)",
} as const;

/**
 * Live accuracy from people's reviews: the kept share per day for the audit sample and the
 * flagged documents apart, version changes marked, and per field what reviewers kept of the
 * predictions (kept / predicted) and what the model missed (added / labeled).
 */
export function LiveAccuracyCard({
  live,
  marks,
}: {
  live: Monitoring["liveAccuracy"];
  marks: VersionMark[];
}) {
  const series = dailyKeptShare(live);
  const chartMarks: Mark[] = marks.map((m) => ({
    at: m.at,
    label: `${m.kind === "extractor" ? "E" : "C"} v${m.version}`,
    title: `${humanize(m.kind)} v${m.version} became champion ${formatTime(m.at)} (${m.reason})`,
  }));
  return (
    <section className="card" data-testid="live-accuracy">
      <h2 className="card-title">Live accuracy</h2>
      {live.documents === 0 ? (
        <EmptyState title="No reviews of live documents in this window">
          Live accuracy comes from people's reviews of documents a model processed. Review documents
          from the queue (imports do not count) and their figures appear here.
        </EmptyState>
      ) : (
        <>
          <p className="small muted">
            Share of predicted values reviewers kept, per day (UTC), over {live.documents} reviewed
            document{live.documents === 1 ? "" : "s"}. Dashed lines: a new champion (E extractor, C
            classifier).
          </p>
          <div className="monitor-split">
            <div>
              <SeriesChart
                label="Kept share per day, audit sample and flagged documents"
                from={live.window.from}
                to={live.window.to}
                marks={chartMarks}
                series={SAMPLES.map((sample) => ({
                  name: sample,
                  className: `series-${sample}`,
                  points: series[sample].map((p) => ({
                    ...p,
                    title: `${p.day} ${sample}: ${formatPercent(p.value, 1)} kept over ${p.documents} documents`,
                  })),
                }))}
              />
              <div className="legend small muted">
                {SAMPLES.map((s) => (
                  <span key={s} title={SAMPLE_TEXT[s]}>
                    <span className={`legend-line series-${s}`} /> {humanize(s)}
                  </span>
                ))}
                <span>
                  <span className="legend-line legend-mark" /> new champion
                </span>
              </div>
            </div>
            <div>
              <div className="sample-stats">
                {SAMPLES.map((sample) => {
                  const s = live.samples.find((x) => x.sample === sample);
                  return (
                    <div key={sample} className="sample-stat" data-testid={`live-sample-${sample}`}>
                      <div className="small muted">{SAMPLE_TEXT[sample]}</div>
                      <div>
                        <strong className="tabular" data-testid="sample-documents">
                          {s?.documents ?? 0}
                        </strong>{" "}
                        documents · kept{" "}
                        <strong className="tabular">{formatPercent(s?.keptShare, 1)}</strong>
                        {s?.categoryAccuracy != null && (
                          <>
                            {" "}
                            · category{" "}
                            <strong className="tabular">
                              {formatPercent(s.categoryAccuracy, 1)}
                            </strong>
                          </>
                        )}
                      </div>
                    </div>
                  );
                })}
              </div>
              <LiveFieldTable live={live} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/**
 * Per field and review sample, what reviewers kept of the predictions (kept / predicted) and what
 * the model missed (added / labeled). The version page passes the figures of one version only.
 */
export function LiveFieldTable({ live }: { live: Pick<Monitoring["liveAccuracy"], "fields"> }) {
  const rows = fieldRows(live);
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <thead>
          <tr>
            <th>Field</th>
            {SAMPLES.map((s) => (
              <th key={s} colSpan={2}>
                {humanize(s)}: kept · missed
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} data-testid="live-field" data-field={row.field}>
              <td>{row.field}</td>
              {SAMPLES.map((sample) => (
                <FieldCells key={sample} sample={sample} counts={row.samples[sample]} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FieldCells({ sample, counts }: { sample: string; counts: FieldSampleCounts | undefined }) {
  if (!counts) {
    return (
      <>
        <td className="muted">—</td>
        <td className="muted">—</td>
      </>
    );
  }
  const kept = share(counts.kept, counts.predicted);
  return (
    <>
      <td
        className="tabular"
        data-testid={`kept-${sample}`}
        data-kept={counts.kept}
        data-predicted={counts.predicted}
        title={`Extractor v${counts.versions.join(", v")}: ${counts.corrected} corrected`}
      >
        {formatPercent(kept, 0)}{" "}
        <span className="muted">
          ({counts.kept}/{counts.predicted})
        </span>
      </td>
      <td
        className="tabular"
        data-testid={`missed-${sample}`}
        data-added={counts.added}
        data-labeled={counts.labeled}
      >
        {formatPercent(share(counts.added, counts.labeled), 0)}{" "}
        <span className="muted">
          ({counts.added}/{counts.labeled})
        </span>
      </td>
    </>
  );
}
