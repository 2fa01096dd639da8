import { useState } from "react";
import { unwrap } from "../../api/client";
import { ErrorBanner } from "../../components/error-banner";
import { EmptyState, Loading } from "../../components/loading";
import { ReviewReasons } from "../../components/review-reasons";
import { StatusBadge } from "../../components/status-badge";
import { formatAgo, humanize } from "../../format";
import { useAsync } from "../../hooks/use-async";
import { Link, navigate } from "../../router";
import { useSession } from "../../session";

const PAGE = 50;

/** Documents waiting for a person, lowest confidence first (plus sampled confident ones). */
export function ReviewQueueScreen() {
  const session = useSession();
  const [offset, setOffset] = useState(0);
  const queue = useAsync(`queue:${offset}`, () =>
    unwrap(
      session.client.GET("/v1/projects/{project}/review-queue", {
        params: { path: { project: session.project.id }, query: { limit: PAGE, offset } },
      }),
    ),
  );
  const items = queue.data?.items ?? [];
  const first = items[0];

  return (
    <div className="page-pad">
      <div className="page-head">
        <div>
          <h1 className="title">Review queue</h1>
          <p className="muted">
            {queue.data
              ? `${queue.data.total} document${queue.data.total === 1 ? "" : "s"} to check, least certain first.`
              : "Documents to check, least certain first."}
          </p>
        </div>
        {first && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => navigate(`/documents/${encodeURIComponent(first.id)}?from=queue`)}
            data-testid="start-review"
          >
            Start reviewing
          </button>
        )}
      </div>
      <ErrorBanner error={queue.error} onRetry={queue.reload} />
      {queue.loading && !queue.data ? (
        <Loading />
      ) : items.length === 0 && !queue.error ? (
        <EmptyState title="Nothing to review">
          New documents that the models are unsure about appear here.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Document</th>
                <th>Status</th>
                <th>Category</th>
                <th>Why it waits</th>
                <th>Added</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} className="row-link" data-testid="review-queue-item" data-id={d.id}>
                  <td>
                    <Link
                      to={`/documents/${encodeURIComponent(d.id)}?from=queue`}
                      className="cell-link"
                    >
                      {d.filename}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                  <td>
                    {d.category ? humanize(d.category.name) : <span className="muted">—</span>}
                  </td>
                  <td>
                    <ReviewReasons reasons={d.reviewReasons} />
                  </td>
                  <td className="muted">{formatAgo(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queue.data && queue.data.total > PAGE && (
        <div className="pager">
          <button
            type="button"
            className="button button-small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Previous
          </button>
          <span className="small muted">
            {offset + 1}–{Math.min(offset + PAGE, queue.data.total)} of {queue.data.total}
          </span>
          <button
            type="button"
            className="button button-small"
            disabled={offset + PAGE >= queue.data.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </div>
      )}
    </div>
  );
}
