import { useState } from "react";
import { unwrap } from "../../api/client";
import type { ModelsOverview } from "../../api/types";
import { ErrorBanner } from "../../components/error-banner";
import { formatDuration } from "../../format";
import { Link } from "../../router";
import { useSession } from "../../session";

/**
 * What a young project needs next, in order: documents (import labeled ones or upload), reviews,
 * then the first training — said in words, with the command to run and, for admins, a button
 * that trains now. Shown while the project has no champion.
 */
export function NextSteps(props: {
  documents: number;
  models: ModelsOverview;
  checkEverySeconds: number;
  isAdmin: boolean;
  onStarted(): void;
}) {
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const t = props.models.training;
  if (props.models.models.every((m) => m.champion)) return null;
  const labeled = t.labeledDocuments ?? 0;
  const needed = t.minLabeledDocuments ?? 4;
  const name = session.project.name;
  const ready = labeled >= needed;

  async function train() {
    setStarting(true);
    setError(null);
    try {
      await unwrap(
        session.client.POST("/v1/projects/{project}/models/train", {
          params: { path: { project: session.project.id } },
        }),
      );
      props.onStarted();
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className="card" data-testid="next-steps">
      <h2 className="card-title">Next steps: the first model</h2>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {t.active ? (
        <p className="small">The first model is training now; its progress is shown below.</p>
      ) : (
        <ol className="next-steps small">
          <li data-done={props.documents > 0}>
            {props.documents > 0 ? (
              `${props.documents} document${props.documents === 1 ? "" : "s"} in the project.`
            ) : (
              <>
                Bring documents: import labeled ones with{" "}
                <code>pnpm pagewise import --project {name} --data DIR</code> (add{" "}
                <code>--layout dataset</code> for a dataset's own OCR), or upload files on the{" "}
                <Link to="/documents">Documents</Link> page.
              </>
            )}
          </li>
          <li data-done={ready}>
            {ready ? (
              `${labeled} labeled documents: enough to train (at least ${needed}).`
            ) : (
              <>
                Label at least {needed} documents ({labeled} so far): review them in the{" "}
                <Link to="/queue">review queue</Link>, or import labeled ones.
              </>
            )}
          </li>
          <li data-done={false}>
            {ready
              ? `Train: the first model trains by itself within ${formatDuration(props.checkEverySeconds * 1000)} (the scheduler's next look)${props.isAdmin ? ", or start it now." : "; an admin can start it now."}`
              : "Train: once enough documents are labeled, the first model trains by itself."}
          </li>
        </ol>
      )}
      {props.isAdmin && ready && !t.active && (
        <button
          type="button"
          className="button button-primary"
          onClick={train}
          disabled={starting}
          data-testid="train-first-model"
        >
          {starting ? "Starting…" : "Train the first model now"}
        </button>
      )}
    </section>
  );
}
