import { useState } from "react";
import type { Monitoring } from "../../api/types";
import { DriftChart } from "../../components/charts/drift-chart";
import { HistogramChart } from "../../components/charts/histogram-chart";
import { EmptyState } from "../../components/loading";
import { formatAgo } from "../../format";
import { histogramOrder, signalLabel } from "./monitoring-model";

type Drift = Monitoring["drift"];

/**
 * Drift of live documents against the champions' reference: PSI per signal with the thresholds,
 * and the reference and live histograms of one signal (field confidences first).
 */
export function DriftCard({ drift, hasChampion }: { drift: Drift; hasChampion: boolean }) {
  const ordered = histogramOrder(drift.signals.map((s) => s.name));
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const selected = picked && ordered.includes(picked) ? picked : ordered[0];
  const signal = drift.signals.find((s) => s.name === selected);
  const { warnPsi, alertPsi, minDocuments } = drift.thresholds;

  return (
    <div className="grid-2 grid-top">
      <section className="card" data-testid="drift">
        <h2 className="card-title">Drift against the champions' reference</h2>
        {!drift.reference ? (
          <EmptyState
            title={
              hasChampion ? "No drift reference yet" : "No champion yet, so no drift reference"
            }
          >
            {hasChampion
              ? "The worker builds the reference from the labeled documents and the champions' predictions on the validation ones after a promotion; it appears here within a minute or two."
              : "Drift compares live documents with the labeled documents and the champion's predictions on them. Train a first model (Models page) and the reference follows."}
          </EmptyState>
        ) : (
          <>
            <p className="small muted">
              Reference: {drift.reference.documents} labeled documents (the champions' predictions
              on the validation ones) for extractor v{drift.reference.extractorVersion ?? "—"} /
              classifier v{drift.reference.classifierVersion ?? "—"}, built{" "}
              {formatAgo(drift.reference.createdAt)}. Live: {drift.documents} document
              {drift.documents === 1 ? "" : "s"} in the window. A signal is judged from{" "}
              {minDocuments} documents and when the shift is beyond noise: p &lt; 0.01 once adjusted
              (Holm) for all the signals tested together.
            </p>
            <DriftChart
              warnPsi={warnPsi}
              alertPsi={alertPsi}
              selected={selected}
              onSelect={setPicked}
              bars={drift.signals.map((s) => ({
                name: s.name,
                label: signalLabel(s.name),
                psi: s.psi,
                status: s.status,
                title: `${signalLabel(s.name)}: PSI ${s.psi.toFixed(3)}, ${s.status}, p ${s.pValue}, adjusted ${s.adjustedPValue} (${s.observations} live, ${s.referenceObservations} reference observations)`,
              }))}
            />
            <ul className="drift-list" aria-label="Drift signals">
              {drift.signals.map((s) => (
                <li key={s.name} data-testid="drift-signal" data-signal={s.name}>
                  <span className={`badge badge-drift-${s.status}`}>{s.status}</span>{" "}
                  {signalLabel(s.name)}{" "}
                  <span
                    className="muted tabular"
                    title="PSI, and the p-value of the shift adjusted for all signals (raw in brackets)"
                  >
                    PSI {s.psi.toFixed(3)} · p {s.adjustedPValue} ({s.pValue})
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {drift.reference && signal && (
        <section className="card" data-testid="histogram">
          <div className="card-head">
            <h2 className="card-title">Reference vs live</h2>
            <label className="small">
              Signal{" "}
              <select
                className="select"
                value={selected}
                onChange={(e) => setPicked(e.target.value)}
                data-testid="histogram-signal"
              >
                {ordered.map((name) => (
                  <option key={name} value={name}>
                    {signalLabel(name)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {signal.bins ? (
            <>
              <HistogramChart
                label={`${signalLabel(signal.name)}: reference and live shares per bin`}
                labels={signal.bins.labels}
                reference={signal.bins.reference}
                live={signal.bins.live}
              />
              <div className="legend small muted">
                <span>
                  <span className="legend-dot legend-champion" /> reference (
                  {signal.referenceObservations})
                </span>
                <span>
                  <span className="legend-dot legend-challenger" /> live ({signal.observations})
                </span>
              </div>
            </>
          ) : (
            <p className="muted">This API does not send histogram bins.</p>
          )}
        </section>
      )}
    </div>
  );
}
