import { useCallback, useState } from "react";
import { unwrap } from "../../api/client";
import { MAX_PAGE, oldestFirst } from "../../api/paging";
import { MODEL_KINDS, type ModelKind, present } from "../../api/types";
import { QualityChart, QualityLegend } from "../../components/charts/quality-chart";
import { ErrorBanner } from "../../components/error-banner";
import { EmptyState, Loading } from "../../components/loading";
import { StatusBadge } from "../../components/status-badge";
import { useToasts } from "../../components/toasts";
import { formatAgo, formatScore, formatTime, humanize } from "../../format";
import { useAsync } from "../../hooks/use-async";
import { Link } from "../../router";
import { roleAtLeast, useSession } from "../../session";
import { PromoteDialog } from "./promote-dialog";
import { qualityPoints } from "./quality-points";
import { TrainingPanel } from "./training-panel";
import { VersionDetails } from "./version-details";

/** A model's versions, lineage and gate reports, its alias history, and (admins) its controls. */
export function ModelsScreen({ kind }: { kind: ModelKind }) {
  const session = useSession();
  const toasts = useToasts();
  const isAdmin = roleAtLeast(session.role, "admin");
  const path = { project: session.project.id };
  const data = useAsync(`models:${kind}`, async () => {
    const [overview, versions, history] = await Promise.all([
      unwrap(session.client.GET("/v1/projects/{project}/models", { params: { path } })),
      unwrap(
        session.client.GET("/v1/projects/{project}/models/{kind}/versions", {
          params: { path: { ...path, kind }, query: { limit: MAX_PAGE } },
        }),
      ),
      unwrap(
        session.client.GET("/v1/projects/{project}/models/{kind}/aliases/history", {
          params: { path: { ...path, kind }, query: { order: "desc", limit: MAX_PAGE } },
        }),
      ).then(oldestFirst),
    ]);
    return { overview, versions: present(versions.items), history: history.items };
  });
  const [selected, setSelected] = useState<number | null>(null);
  const [promoting, setPromoting] = useState<number | null>(null);
  const reload = data.reload;
  const onTrainingFinished = useCallback(() => reload(), [reload]);

  const tabs = (
    <nav className="tabs" aria-label="Models">
      {MODEL_KINDS.map((k) => (
        <Link
          key={k}
          to={`/models/${k}`}
          className={k === kind ? "tab tab-active" : "tab"}
          aria-current={k === kind ? "page" : undefined}
        >
          {humanize(k)}
        </Link>
      ))}
    </nav>
  );

  if (data.error) {
    return (
      <div className="page-pad">
        <h1 className="title">Models</h1>
        {tabs}
        <ErrorBanner error={data.error} onRetry={reload} />
      </div>
    );
  }
  if (!data.data) return <Loading />;
  const { overview, versions, history } = data.data;
  const champion = versions.find((v) => v.aliases.includes("champion")) ?? null;
  const shown = versions.find((v) => v.version === selected) ?? champion ?? versions[0] ?? null;
  const points = qualityPoints(versions, history, kind);
  const metricName = kind === "extractor" ? "macro F1" : "accuracy";

  return (
    <div className="page-pad">
      <div className="page-head">
        <div>
          <h1 className="title">Models</h1>
          <p className="muted">
            Every version is kept with what made it. The champion processes new documents.
          </p>
        </div>
      </div>
      {tabs}
      <div className="grid-2">
        <TrainingPanel
          active={overview.training.active}
          feedback={overview.training.feedbackSinceLastTraining}
          threshold={overview.training.retrainAfterReviews}
          firstModel={overview.models.some((m) => !m.champion)}
          labeled={overview.training.labeledDocuments ?? 0}
          minLabeled={overview.training.minLabeledDocuments ?? 4}
          isAdmin={isAdmin}
          onFinished={onTrainingFinished}
        />
        <section className="card">
          <h2 className="card-title">Quality over versions</h2>
          {points.some((p) => p.score !== null) ? (
            <>
              <QualityChart points={points} metric={metricName} />
              <QualityLegend />
            </>
          ) : (
            <p className="muted small">No evaluated versions yet.</p>
          )}
        </section>
      </div>

      <section className="card">
        <h2 className="card-title">Versions</h2>
        {versions.length === 0 ? (
          <EmptyState title={`No ${kind} yet`}>
            A retraining creates the first version once enough documents are reviewed.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="versions-table">
              <thead>
                <tr>
                  <th>Version</th>
                  <th>Status</th>
                  <th>{humanize(metricName)}</th>
                  <th>Trained on</th>
                  <th>Origin</th>
                  <th>Created</th>
                  {isAdmin && <th aria-label="Actions" />}
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => {
                  const score = kind === "extractor" ? v.metrics?.macroF1 : v.metrics?.accuracy;
                  const isChampion = v.aliases.includes("champion");
                  return (
                    <tr
                      key={v.version}
                      className={shown?.version === v.version ? "row-selected" : undefined}
                      data-testid="model-version-row"
                      data-version={v.version}
                      data-champion={isChampion ? "true" : "false"}
                    >
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setSelected(v.version)}
                          aria-pressed={shown?.version === v.version}
                        >
                          v{v.version}
                        </button>
                        {v.aliases.map((a) => (
                          <span key={a} className={`alias alias-${a}`}>
                            {a}
                          </span>
                        ))}
                      </td>
                      <td>
                        <StatusBadge status={v.status} />
                      </td>
                      <td className="tabular">{formatScore(score)}</td>
                      <td>{v.lineage.trainDocuments} docs</td>
                      <td>{v.lineage.origin === "upload" ? "uploaded" : "trained"}</td>
                      <td className="muted">{formatAgo(v.createdAt)}</td>
                      {isAdmin && (
                        <td className="cell-actions">
                          {!isChampion && v.status !== "failed" && v.status !== "pending" && (
                            <button
                              type="button"
                              className="button button-small"
                              onClick={() => setPromoting(v.version)}
                              data-testid="promote-button"
                            >
                              {champion && v.version < champion.version
                                ? "Roll back to"
                                : "Promote"}{" "}
                              v{v.version}
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {shown && <VersionDetails version={shown} />}

      <section className="card">
        <h2 className="card-title">Alias history</h2>
        {history.length === 0 ? (
          <p className="muted small">No alias has moved yet.</p>
        ) : (
          <table className="table table-compact" data-testid="alias-history">
            <thead>
              <tr>
                <th>When</th>
                <th>Alias</th>
                <th>Move</th>
                <th>Who</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {[...history].reverse().map((m) => (
                <tr key={m.id} data-testid="alias-move">
                  <td title={formatTime(m.createdAt)}>{formatAgo(m.createdAt)}</td>
                  <td>
                    <span className={`alias alias-${m.alias}`}>{m.alias}</span>
                  </td>
                  <td className="tabular">
                    {m.fromVersion !== null ? `v${m.fromVersion}` : "none"} →{" "}
                    {m.toVersion !== null ? `v${m.toVersion}` : "none"}
                  </td>
                  <td className="small" title={m.actor} data-testid="alias-move-actor">
                    {m.actorName ?? m.actor}
                  </td>
                  <td>{m.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {isAdmin && (
        <PromoteDialog
          kind={kind}
          version={promoting}
          championVersion={champion?.version ?? null}
          onClose={() => setPromoting(null)}
          onDone={(message) => {
            setPromoting(null);
            toasts.success(message);
            reload();
          }}
        />
      )}
    </div>
  );
}
