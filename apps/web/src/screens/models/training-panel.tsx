import { useEffect, useState } from "react";
import { unwrap } from "../../api/client";
import type { TrainingRun } from "../../api/types";
import { LossChart } from "../../components/charts/loss-chart";
import { ErrorBanner } from "../../components/error-banner";
import { useToasts } from "../../components/toasts";
import { formatAgo, humanize } from "../../format";
import { useSession } from "../../session";
import { stageStates, stepLabel, timing, triggerWords } from "./training-progress";

const POLL_MS = 1000;
const IDLE_POLL_MS = 5000;
const DONE = new Set(["succeeded", "failed"]);

/**
 * Start a retraining (admins) and watch it live: the run is polled until it ends, then the
 * versions are reloaded so the new challenger (promoted or rejected) appears.
 */
export function TrainingPanel(props: {
  active: TrainingRun | null;
  feedback: number;
  threshold: number;
  /** Some model has no champion yet: the next training is the first, started by labels alone. */
  firstModel: boolean;
  labeled: number;
  minLabeled: number;
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

  // While idle, look for a run someone else started (the scheduler, another admin, the CLI).
  useEffect(() => {
    if (running) return;
    let live = true;
    const timer = setInterval(async () => {
      try {
        const overview = await unwrap(
          session.client.GET("/v1/projects/{project}/models", {
            params: { path: { project: session.project.id } },
          }),
        );
        const active = overview?.training.active;
        if (live && active && active.id !== runId) setRun(active);
      } catch {
        // The next look tries again; the panel keeps what it shows.
      }
    }, IDLE_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [running, runId, session]);

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
      {run && p ? (
        <div
          className="training-run"
          data-testid="training-run"
          data-status={run.status}
          data-stage={p.stage}
        >
          <ol className="stages" data-testid="training-stages">
            {stageStates(run).map((s) => (
              <li key={s.stage} className={`stage stage-${s.state}`} data-state={s.state}>
                {s.label}
              </li>
            ))}
          </ol>
          <div className="small" data-testid="training-message">
            <strong>{humanize(run.status)}</strong>
            {p.stage !== "done" && ` · ${humanize(p.stage)}`}
            {p.message && ` — ${p.message}`}
          </div>
          {running && (
            <div className="step-progress">
              <progress
                max={1}
                {...(p.fraction !== undefined ? { value: p.fraction } : {})}
                aria-label="Progress of the current step"
                data-testid="step-progress"
                data-step={p.step ?? p.stage}
                data-fraction={p.fraction ?? ""}
              />
              <span className="small muted tabular">
                {stepLabel(run)}
                {p.fraction !== undefined && ` ${Math.round(p.fraction * 100)}%`}
              </span>
            </div>
          )}
          <div className="small muted" data-testid="training-timing">
            {timing(run)}
            {p.loss !== undefined && running && ` · loss ${p.loss.toFixed(4)}`} · started{" "}
            {formatAgo(run.startedAt ?? run.createdAt)} by {triggerWords(run.trigger)}
          </div>
          {p.losses && <LossChart losses={p.losses} />}
          {run.outcome && (
            <ul className="small outcome">
              {(["classifier", "extractor"] as const).map((k) => {
                const o = run.outcome?.[k];
                return o ? (
                  <li key={k} data-testid={`outcome-${k}`} data-promoted={o.promoted}>
                    {humanize(k)} v{o.version}:{" "}
                    {o.promoted ? "promoted to champion" : "not promoted"}
                    {o.reason && !o.promoted && <span className="text-danger"> — {o.reason}</span>}
                    {o.reason && o.promoted && <span className="muted"> ({o.reason})</span>}
                  </li>
                ) : null;
              })}
            </ul>
          )}
          {run.error && <div className="small text-danger">{run.error}</div>}
        </div>
      ) : (
        <p className="small muted" data-testid="training-idle">
          {props.firstModel
            ? props.labeled >= props.minLabeled
              ? `${props.labeled} labeled documents and no champion yet: the first model trains by itself shortly after the labels stop arriving.`
              : `No champion yet: the first model trains by itself once at least ${props.minLabeled} documents are labeled (${props.labeled} now).`
            : `${props.feedback} of ${props.threshold} reviews since the last training; a retraining starts by itself at ${props.threshold}.`}
        </p>
      )}
    </section>
  );
}
