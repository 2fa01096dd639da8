import { unwrap } from "../../api/client";
import { MAX_PAGE, oldestFirst } from "../../api/paging";
import type { MonitoringAlert } from "../../api/types";
import { ErrorBanner } from "../../components/error-banner";
import { Loading } from "../../components/loading";
import { formatAgo, formatPercent, formatTime, humanize } from "../../format";
import { useAsync } from "../../hooks/use-async";
import { useProject } from "../../project-context";
import { Link, navigate, useLocation } from "../../router";
import { useSession } from "../../session";
import { DriftCard } from "./drift-card";
import { LiveAccuracyCard } from "./live-accuracy-card";
import { versionMarks, WINDOWS, windowOf } from "./monitoring-model";
import { ShadowCard } from "./shadow-card";

/**
 * Model monitoring: the review load, live accuracy from reviews, drift against the champions'
 * reference, the challengers' shadow comparison and the alerts, over a chosen window.
 */
export function MonitoringScreen() {
  const session = useSession();
  const project = useProject();
  const { query } = useLocation();
  const window = windowOf(query.get("window"));
  const path = { project: session.project.id };
  const data = useAsync(`monitoring:${window}`, async () => {
    const history = (kind: "classifier" | "extractor") =>
      unwrap(
        session.client.GET("/v1/projects/{project}/models/{kind}/aliases/history", {
          params: { path: { ...path, kind }, query: { order: "desc", limit: MAX_PAGE } },
        }),
      ).then((h) => oldestFirst(h).items);
    const [report, queue, models, classifier, extractor] = await Promise.all([
      unwrap(
        session.client.GET("/v1/projects/{project}/monitoring", {
          params: { path, query: { window } },
        }),
      ),
      unwrap(
        session.client.GET("/v1/projects/{project}/review-queue", {
          params: { path, query: { limit: 1, offset: 0 } },
        }),
      ),
      unwrap(session.client.GET("/v1/projects/{project}/models", { params: { path } })),
      history("classifier"),
      history("extractor"),
    ]);
    return { report, queue, models, history: { classifier, extractor } };
  });

  const head = (
    <div className="page-head">
      <div>
        <h1 className="title">Monitoring</h1>
        <p className="muted">How the champions do on live documents</p>
      </div>
      <fieldset className="segmented" aria-label="Window" data-testid="window-selector">
        {WINDOWS.map((w) => (
          <button
            key={w}
            type="button"
            className={w === window ? "segment segment-active" : "segment"}
            aria-pressed={w === window}
            onClick={() => navigate(`/monitoring?window=${w}`, { replace: true })}
          >
            {w}
          </button>
        ))}
      </fieldset>
    </div>
  );

  if (data.error || project.error) {
    return (
      <div className="page-pad">
        {head}
        <ErrorBanner
          error={data.error ?? project.error}
          onRetry={() => {
            data.reload();
            project.reload();
          }}
        />
      </div>
    );
  }
  if (!data.data || !project.data) {
    return (
      <div className="page-pad">
        {head}
        <Loading />
      </div>
    );
  }
  const { report, queue, models, history } = data.data;
  const counts = project.data.documents;
  // Of the documents the pipeline finished and no person has reviewed yet, the share it sent to
  // review (reviewed documents are left out: imports are reviewed without passing the models).
  const waiting = counts.needs_review ?? 0;
  const rate =
    waiting + (counts.processed ?? 0) === 0 ? null : waiting / (waiting + (counts.processed ?? 0));
  const hasChampion = models.models.some((m) => m.champion);
  const marks = versionMarks(history, report.liveAccuracy.window);
  const shown = report.alerts;

  return (
    <div className="page-pad" data-testid="monitoring" data-window={window}>
      {head}
      {shown.length > 0 && <AlertList alerts={shown} />}
      <div className="stats">
        <Stat label="Waiting for review" value={String(queue.total)} testId="stat-queue-depth" />
        <Stat
          label="Oldest waiting since"
          value={queue.oldestAt ? formatAgo(queue.oldestAt) : "—"}
          title={queue.oldestAt ? formatTime(queue.oldestAt) : "The queue is empty"}
          testId="stat-queue-age"
        />
        <Stat
          label="Sent to review (of unreviewed)"
          value={formatPercent(rate, 0)}
          title={`${waiting} need review, ${counts.processed ?? 0} processed without review`}
          testId="stat-review-rate"
        />
        <Stat
          label={`Live documents reviewed (${window})`}
          value={String(report.liveAccuracy.documents)}
          testId="stat-live-reviewed"
        />
      </div>
      <LiveAccuracyCard live={report.liveAccuracy} marks={marks} />
      <DriftCard drift={report.drift} hasChampion={hasChampion} />
      <ShadowCard shadow={report.shadow} />
      <p className="small muted">
        Thresholds and the shadow period are project settings (monitoring). Version history:{" "}
        <Link to="/models/extractor">extractor</Link>,{" "}
        <Link to="/models/classifier">classifier</Link>.
      </p>
    </div>
  );
}

function Stat(props: { label: string; value: string; title?: string; testId: string }) {
  return (
    <div className="stat" data-testid={props.testId} title={props.title}>
      <div className="stat-value">{props.value}</div>
      <div className="stat-label">{props.label}</div>
    </div>
  );
}

function AlertList({ alerts }: { alerts: MonitoringAlert[] }) {
  return (
    <ul className="alert-list" aria-label="Monitoring alerts">
      {alerts.map((a) => (
        <li
          key={`${a.code}:${a.subject}`}
          className={`alert-item alert-${a.severity}`}
          data-testid="monitoring-alert"
          data-code={a.code}
          data-severity={a.severity}
        >
          <span className={`badge badge-drift-${a.severity}`}>{a.severity}</span>{" "}
          <strong>{humanize(a.code)}</strong> ·{" "}
          {a.message.startsWith(a.subject) ? a.message : `${a.subject}: ${a.message}`}{" "}
          <span className="muted">since {formatAgo(a.since)}</span>
        </li>
      ))}
    </ul>
  );
}
