import { useEffect } from "react";
import { unwrap } from "../../api/client";
import { MAX_PAGE, oldestFirst } from "../../api/paging";
import { DOCUMENT_STATUSES, type ModelsOverview, present } from "../../api/types";
import { BarChart } from "../../components/charts/bar-chart";
import { QualityChart, QualityLegend } from "../../components/charts/quality-chart";
import { ErrorBanner } from "../../components/error-banner";
import { Loading } from "../../components/loading";
import { MonitoringAlertBanner } from "../../components/monitoring-alert-banner";
import { formatAgo, formatPercent, formatScore, humanize } from "../../format";
import { useAsync } from "../../hooks/use-async";
import { useProject } from "../../project-context";
import { Link } from "../../router";
import { roleAtLeast, useSession } from "../../session";
import { qualityPoints } from "../models/quality-points";
import { stepLabel } from "../models/training-progress";
import { AccessCard } from "./access-card";
import { NextSteps } from "./next-steps";

const THROUGHPUT_DAYS = 14;
const POLL_MS = 1500;

/** Bars of documents finished per UTC day, from the API's daily counts. */
function throughputBars(
  days: readonly { day: string; processed: number; failed: number; reviewed: number }[],
) {
  const fmt = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", timeZone: "UTC" });
  return days.map((d) => {
    const date = new Date(`${d.day}T00:00:00Z`);
    return {
      label: String(date.getUTCDate()),
      value: d.processed,
      title: `${fmt.format(date)}: ${d.processed} processed, ${d.failed} failed, ${d.reviewed} reviewed`,
    };
  });
}

/** The project at a glance: documents by status, throughput, the queue, the models. */
export function OverviewScreen() {
  const session = useSession();
  const project = useProject();
  const path = { project: session.project.id };
  const data = useAsync("overview", async () => {
    const [queue, models, recent, versions, history] = await Promise.all([
      unwrap(
        session.client.GET("/v1/projects/{project}/review-queue", {
          params: { path, query: { limit: 1, offset: 0 } },
        }),
      ),
      unwrap(session.client.GET("/v1/projects/{project}/models", { params: { path } })),
      unwrap(
        session.client.GET("/v1/projects/{project}/stats/throughput", {
          params: { path, query: { days: THROUGHPUT_DAYS } },
        }),
      ),
      unwrap(
        session.client.GET("/v1/projects/{project}/models/{kind}/versions", {
          params: { path: { ...path, kind: "extractor" }, query: { limit: MAX_PAGE } },
        }),
      ),
      unwrap(
        session.client.GET("/v1/projects/{project}/models/{kind}/aliases/history", {
          params: {
            path: { ...path, kind: "extractor" },
            query: { order: "desc", limit: MAX_PAGE },
          },
        }),
      ).then(oldestFirst),
    ]);
    return { queue, models, recent, versions, history };
  });

  // While a retraining runs, follow it (the bar shows its stage and step, not a stale epoch).
  const active = data.data?.models.training.active;
  const reload = data.reload;
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, reload]);

  if (project.error || data.error) {
    return (
      <div className="page-pad">
        <h1 className="title">Overview</h1>
        <ErrorBanner
          error={project.error ?? data.error}
          onRetry={() => {
            project.reload();
            data.reload();
          }}
        />
      </div>
    );
  }
  if (!project.data || !data.data) return <Loading />;
  const counts = project.data.documents;
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const { queue, models, recent, versions, history } = data.data;
  const bars = throughputBars(recent.days);
  const lastDay = bars.at(-1)?.value ?? 0;
  const points = qualityPoints(present(versions.items), history.items, "extractor");

  return (
    <div className="page-pad">
      <div className="page-head">
        <div>
          <h1 className="title">{humanize(session.project.name)}</h1>
          <p className="muted">
            {total} document{total === 1 ? "" : "s"} · confidence threshold{" "}
            {formatPercent(project.data.settings.confidenceThreshold)}
            {project.data.settings.retentionDays !== null && (
              <span data-testid="retention">
                {" "}
                · documents deleted after {project.data.settings.retentionDays} day
                {project.data.settings.retentionDays === 1 ? "" : "s"}
              </span>
            )}
          </p>
        </div>
        {queue.total > 0 && (
          <Link to="/queue" className="button button-primary">
            Review {queue.total} document{queue.total === 1 ? "" : "s"}
          </Link>
        )}
      </div>

      <MonitoringAlertBanner />
      <NextSteps
        documents={total}
        models={models}
        checkEverySeconds={project.data.settings.retrainCheckIntervalSeconds}
        isAdmin={roleAtLeast(session.role, "admin")}
        onStarted={data.reload}
      />

      <div className="stats">
        <Stat label="To review" value={queue.total} testId="stat-queue" accent={queue.total > 0} />
        <Stat label="Processed today" value={lastDay} />
        <Stat label="Reviewed" value={counts.reviewed ?? 0} />
        <Stat label="Failed" value={counts.failed ?? 0} danger={(counts.failed ?? 0) > 0} />
      </div>

      <div className="grid-2">
        <section className="card">
          <h2 className="card-title">Documents by status</h2>
          <StatusBar counts={counts} total={total} />
        </section>
        <section className="card">
          <h2 className="card-title">Throughput</h2>
          <p className="small muted">
            Documents processed per day (UTC), last {THROUGHPUT_DAYS} days
          </p>
          <BarChart data={bars} label="Documents processed per day" />
        </section>
      </div>

      <div className="grid-2">
        <section className="card">
          <h2 className="card-title">Champions</h2>
          <Champions models={models} />
        </section>
        <section className="card">
          <h2 className="card-title">Extractor quality over versions</h2>
          {points.length === 0 ? (
            <p className="muted">No extractor has been trained yet.</p>
          ) : (
            <>
              <QualityChart points={points} metric="macro F1" />
              <QualityLegend />
            </>
          )}
        </section>
      </div>
      {roleAtLeast(session.role, "admin") && <AccessCard />}
    </div>
  );
}

function Stat(props: {
  label: string;
  value: number;
  testId?: string;
  accent?: boolean;
  danger?: boolean;
}) {
  const cls = props.danger ? "stat stat-danger" : props.accent ? "stat stat-accent" : "stat";
  return (
    <div className={cls} data-testid={props.testId}>
      <div className="stat-value">{props.value}</div>
      <div className="stat-label">{props.label}</div>
    </div>
  );
}

function StatusBar({
  counts,
  total,
}: {
  counts: Record<string, number | undefined>;
  total: number;
}) {
  if (total === 0)
    return <p className="muted">No documents yet. Upload some on the Documents page.</p>;
  return (
    <>
      <div className="status-bar" role="img" aria-label="Documents by status">
        {DOCUMENT_STATUSES.map((s) =>
          counts[s] ? (
            <span
              key={s}
              className={`status-seg badge-${s}`}
              style={{ flexGrow: counts[s] }}
              title={`${humanize(s)}: ${counts[s]}`}
            />
          ) : null,
        )}
      </div>
      <ul className="status-legend">
        {DOCUMENT_STATUSES.map((s) => (
          <li key={s}>
            <span className={`legend-swatch badge-${s}`} />
            <Link to={`/documents?status=${s}`} className="quiet-link">
              {humanize(s)}
            </Link>
            <span className="tabular">{counts[s] ?? 0}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Champions({ models }: { models: ModelsOverview }) {
  const t = models.training;
  return (
    <div className="champions">
      {models.models.map((m) => {
        const c = m.champion;
        const metric =
          m.kind === "extractor"
            ? { name: "macro F1", value: c?.metrics?.macroF1 }
            : { name: "accuracy", value: c?.metrics?.accuracy };
        return (
          <Link
            key={m.kind}
            to={`/models/${m.kind}`}
            className="champion"
            data-testid={`champion-${m.kind}`}
          >
            <div className="champion-kind">{humanize(m.kind)}</div>
            {c ? (
              <>
                <div className="champion-version">v{c.version}</div>
                <div className="small">
                  {metric.name} <strong className="tabular">{formatScore(metric.value)}</strong>
                </div>
                <div className="small muted">
                  {c.lineage.trainDocuments} training documents · {formatAgo(c.createdAt)}
                </div>
              </>
            ) : (
              <div className="muted small">No champion yet ({m.versions} versions)</div>
            )}
          </Link>
        );
      })}
      <div className="retrain" data-testid="overview-training">
        {t.active ? (
          <>
            <div className="small">
              Retraining · {humanize(t.active.progress.stage)}
              {t.active.progress.message && ` — ${t.active.progress.message}`}
            </div>
            <progress
              max={1}
              {...(t.active.progress.fraction !== undefined
                ? { value: t.active.progress.fraction }
                : {})}
              aria-label={`Retraining: ${stepLabel(t.active) || t.active.progress.stage}`}
            />
          </>
        ) : (
          <>
            <div className="small">
              Reviews since the last training: {t.feedbackSinceLastTraining} of{" "}
              {t.retrainAfterReviews}
            </div>
            <progress
              max={1}
              value={Math.min(1, t.feedbackSinceLastTraining / Math.max(1, t.retrainAfterReviews))}
              aria-label="Progress towards the next retraining"
            />
          </>
        )}
      </div>
    </div>
  );
}
