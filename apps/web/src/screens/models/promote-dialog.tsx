import { type FormEvent, useState } from "react";
import { unwrap } from "../../api/client";
import type { ModelKind } from "../../api/types";
import { Dialog } from "../../components/dialog";
import { ErrorBanner } from "../../components/error-banner";
import { useSession } from "../../session";

/** Point `champion` at a version (promote, or roll back to an older one) with a reason. */
export function PromoteDialog(props: {
  kind: ModelKind;
  version: number | null;
  championVersion: number | null;
  onClose(): void;
  onDone(message: string): void;
}) {
  const session = useSession();
  const rollback =
    props.version !== null &&
    props.championVersion !== null &&
    props.version < props.championVersion;
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verb = rollback ? "Roll back" : "Promote";

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (props.version === null) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        session.client.POST("/v1/projects/{project}/models/{kind}/aliases/champion", {
          params: { path: { project: session.project.id, kind: props.kind } },
          body: {
            version: props.version,
            reason: reason.trim() || `${verb} from the UI`,
          },
        }),
      );
      setReason("");
      props.onDone(
        rollback
          ? `Rolled back: ${props.kind} v${props.version} is the champion again.`
          : `${props.kind} v${props.version} is now the champion.`,
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={props.version !== null}
      title={`${verb} to ${props.kind} v${props.version}`}
      onClose={props.onClose}
    >
      <form onSubmit={submit} className="stack">
        <p className="muted">
          {rollback
            ? `The ${props.kind} goes back to v${props.version}. New documents use it at once; v${props.championVersion} stays in the registry.`
            : `v${props.version} becomes the ${props.kind} that processes new documents.`}{" "}
          The move is recorded in the alias history.
        </p>
        <label className="label" htmlFor="reason">
          Reason
        </label>
        <input
          id="reason"
          className="input"
          value={reason}
          maxLength={500}
          placeholder={`${verb} from the UI`}
          onChange={(e) => setReason(e.target.value)}
          data-testid="promote-reason"
          autoFocus
        />
        <ErrorBanner error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={busy}
            data-testid="promote-confirm"
          >
            {busy ? "Working…" : verb}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
