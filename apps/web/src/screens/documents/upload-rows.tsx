import { useEffect, useRef } from "react";
import { unwrap } from "../../api/client";
import type { DocumentStatus, ReviewReason } from "../../api/types";
import { ReviewReasons } from "../../components/review-reasons";
import { StatusBadge } from "../../components/status-badge";
import { formatBytes, formatPercent } from "../../format";
import { Link } from "../../router";
import { useSession } from "../../session";

export interface UploadItem {
  id: number;
  name: string;
  size: number;
  progress: number;
  /** The upload itself; once `done`, `status` follows the document through the pipeline. */
  state: "waiting" | "uploading" | "done" | "failed";
  message?: string | undefined;
  documentId?: string | undefined;
  status?: DocumentStatus | undefined;
  reviewReasons?: ReviewReason[];
  error?: string | undefined;
}

const FINAL: ReadonlySet<string> = new Set(["processed", "needs_review", "reviewed", "failed"]);
const POLL_MS = 1500;

/** Ask for each uploaded document that is still being read until it reaches its final status. */
function useFollowDocuments(
  items: readonly UploadItem[],
  onChange: (id: number, change: Partial<UploadItem>) => void,
  onSettled: () => void,
) {
  const session = useSession();
  const change = useRef(onChange);
  change.current = onChange;
  const settled = useRef(onSettled);
  settled.current = onSettled;
  const following = items
    .filter((it) => it.documentId && !FINAL.has(it.status ?? ""))
    .map((it) => `${it.id}=${it.documentId}`)
    .join(" ");

  useEffect(() => {
    if (!following) return;
    let live = true;
    const targets = following.split(" ").map((pair) => {
      const [id, documentId] = pair.split("=");
      return { id: Number(id), documentId: documentId! };
    });
    const timer = setInterval(() => {
      for (const { id, documentId } of targets) {
        unwrap(
          session.client.GET("/v1/projects/{project}/documents/{id}", {
            params: { path: { project: session.project.id, id: documentId } },
          }),
        ).then(
          (doc) => {
            if (!live) return;
            change.current(id, {
              status: doc.status,
              reviewReasons: doc.reviewReasons,
              error: doc.error?.message,
            });
            // The list below shows the same document: refresh it when the upload settles.
            if (FINAL.has(doc.status)) settled.current();
          },
          // A deleted document stops being followed; a passing network error is retried.
          (err: { status?: number }) =>
            live &&
            err.status === 404 &&
            change.current(id, { documentId: undefined, message: "deleted" }),
        );
      }
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [following, session]);
}

/** What a row says after its bytes left: the document's status, why it waits, or its error. */
function Outcome({ item }: { item: UploadItem }) {
  if (item.state === "waiting") return <span className="small muted">waiting</span>;
  if (item.state === "uploading") {
    return <span className="small muted">{formatPercent(item.progress)}</span>;
  }
  if (item.state === "failed") return <span className="small text-danger">{item.message}</span>;
  return (
    <span className="upload-outcome">
      {item.status && <StatusBadge status={item.status} />}
      {item.status && !FINAL.has(item.status) && <span className="small muted">reading…</span>}
      {item.message && <span className="small muted">{item.message}</span>}
      {item.status === "failed" && item.error && (
        <span className="small text-danger cell-ellipsis" title={item.error}>
          {item.error}
        </span>
      )}
      {item.reviewReasons && item.status !== "failed" && (
        <ReviewReasons reasons={item.reviewReasons} limit={2} />
      )}
    </span>
  );
}

/** The uploads of this visit: each follows its document live, links to it, and can be cleared. */
export function UploadRows({
  items,
  onChange,
  onClear,
  onClearAll,
  onSettled,
}: {
  items: readonly UploadItem[];
  onChange(id: number, change: Partial<UploadItem>): void;
  onClear(id: number): void;
  onClearAll(): void;
  /** A followed document reached its final status. */
  onSettled(): void;
}) {
  useFollowDocuments(items, onChange, onSettled);
  if (items.length === 0) return null;
  return (
    <div className="uploads-box">
      <div className="uploads-head">
        <span className="small muted">
          {items.length} upload{items.length === 1 ? "" : "s"}
        </span>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={onClearAll}
          data-testid="upload-clear-all"
        >
          Clear all
        </button>
      </div>
      <ul className="uploads">
        {items.map((it) => (
          <li
            key={it.id}
            className={`upload-item upload-${it.state}`}
            data-testid="upload-item"
            data-status={it.status ?? it.state}
          >
            {it.documentId ? (
              <Link
                to={`/documents/${encodeURIComponent(it.documentId)}`}
                className="upload-name cell-link"
                title={it.name}
              >
                {it.name}
              </Link>
            ) : (
              <span className="upload-name" title={it.name}>
                {it.name}
              </span>
            )}
            <span className="small muted upload-size">{formatBytes(it.size)}</span>
            <progress max={1} value={it.progress} aria-label={`Upload of ${it.name}`} />
            <Outcome item={it} />
            <button
              type="button"
              className="icon-button"
              onClick={() => onClear(it.id)}
              aria-label={`Clear ${it.name}`}
              title="Clear this row"
              data-testid="upload-clear"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
