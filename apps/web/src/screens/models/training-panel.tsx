import { useEffect, useState } from "react";
import { unwrap } from "../../api/client";
import type { TrainingRun } from "../../api/types";
import { ErrorBanner } from "../../components/error-banner";
import { useToasts } from "../../components/toasts";
import { formatAgo, humanize } from "../../format";
import { useSession } from "../../session";

const POLL_MS = 1000;
const DONE = new Set(["succeeded", "failed"]);

/**
 * Start a retraining (admins) and watch it live: the run is polled until it ends, then the
 * versions are reloaded so the new challenger (promoted or rejected) appears.
 */
export function TrainingPanel(props: {
  active: TrainingRun | null;
  feedback: number;
  threshold: number;
  isAdmin: boolean;
  onFinished(): void;
}) {
  const session = useSession();
  const toasts = useToasts();
  const [run, setRun] = useState<TrainingRun | null>(props.active);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const runId = run?.id;
  const running = run !== null && !DONE.has(run.status);

  useEffect(() => {
    if (props.active && props.active.id !== runId) setRun(props.active);
  }, [props.active, runId]);

  const onFinished = props.onFinished;
  useEffect(() => {
    if (!runId || !running) return;
    let live = true;
    const timer = setInterval(async () => {
      try {
        const next = await unwrap(
          session.client.GET("/v1/projects/{project}/training-runs/{runId}", {
            params: { path: { project: session.project.id, runId } },
          }),
        );
        if (!live || !next) return;
        setRun(next);
        if (DONE.has(next.status)) {
          if (next.status === "succeeded") toasts.success("The retraining finished.");
          else toasts.error(new Error(`The retraining failed: ${next.error ?? "no reason given"}`));
          onFinished();
        }
      } catch (err) {
        if (live) setError(err);
      }
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [runId, running, session, toasts, onFinished]);

  async function start() {
    setStarting(true);
    setError(null);
    try {
      const answer = await unwrap(
        session.client.POST("/v1/projects/{project}/models/train", {
          params: { path: { project: session.project.id } },
        }),
      );
      setRun(answer.run);
      if (!answer.created) toasts.info("A retraining was already running; showing it.");
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  }

  const p = run?.progress;
  const fraction = p?.epoch !== undefined && p.epochs ? p.epoch / p.epochs : undefined;
  return (
    <section className="card training" data-testid="training-panel">
      <div className="card-head">
        <h2 className="card-title">Retraining</h2>
        {props.isAdmin && (
          <button
            type="button"
            className="button"
            onClick={start}
            disabled={starting || running}
            data-testid="start-training"
          >
            {running ? "Retraining…" : starting ? "Starting…" : "Start retraining"}
          </button>
        )}
      </div>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {run ? (
        <div className="training-run" data-testid="training-run" data-status={run.status}>
          <div className="small">
            <strong>{humanize(run.status)}</strong>
            {p?.stage && ` · ${humanize(p.stage)}`}
            {p?.model && ` · ${p.model}`}
            {p?.message && ` — ${p.message}`}
          </div>
          {running && (
            <progress
              max={1}
              {...(fraction !== undefined ? { value: fraction } : {})}
              aria-label="Retraining progress"
            />
          )}
          <div className="small muted">
            {p?.epoch !== undefined && p.epochs && `epoch ${p.epoch} of ${p.epochs} · `}
            {p?.loss !== undefined && `loss ${p.loss.toFixed(4)} · `}
            started {formatAgo(run.startedAt ?? run.createdAt)} by{" "}
            {run.trigger === "admin" ? "an admin" : "the scheduler"}
          </div>
          {run.outcome && (
            <ul className="small outcome">
              {(["classifier", "extractor"] as const).map((k) => {
                const o = run.outcome?.[k];
                return o ? (
                  <li key={k}>
                    {humanize(k)} v{o.version}:{" "}
                    {o.promoted ? "promoted to champion" : "not promoted"}
                  </li>
                ) : null;
              })}
            </ul>
          )}
          {run.error && <div className="small text-danger">{run.error}</div>}
        </div>
      ) : (
        <p className="small muted">
          {props.feedback} of {props.threshold} reviews since the last training; a retraining starts
          by itself at {props.threshold}.
        </p>
      )}
    </section>
  );
}
