import { useEffect, useState } from "react";
import { unwrap } from "../../api/client";
import { DOCUMENT_STATUSES, type DocumentStatus, type DocumentView } from "../../api/types";
import { ErrorBanner } from "../../components/error-banner";
import { EmptyState, Loading } from "../../components/loading";
import { StatusBadge } from "../../components/status-badge";
import { useToasts } from "../../components/toasts";
import { formatAgo, formatBytes, formatPercent, humanize } from "../../format";
import { useAsync } from "../../hooks/use-async";
import { useProject } from "../../project-context";
import { Link, useLocation } from "../../router";
import { roleAtLeast, useSession } from "../../session";
import { UploadZone } from "./upload-zone";

const PAGE = 50;
const BUSY: ReadonlySet<string> = new Set(["queued", "processing"]);

/** Every document, newest first: filter, search, upload, and open one to review. */
export function DocumentsScreen() {
  const session = useSession();
  const project = useProject();
  const toasts = useToasts();
  const { query } = useLocation();
  const [status, setStatus] = useState<DocumentStatus | "">(() => {
    const wanted = query.get("status");
    return DOCUMENT_STATUSES.find((s) => s === wanted) ?? "";
  });
  const [category, setCategory] = useState("");
  const [search, setSearch] = useState("");
  const [filename, setFilename] = useState("");
  const [more, setMore] = useState<{ items: DocumentView[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  // Search as the name is typed, once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setFilename(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const fetchPage = (cursor?: string) =>
    unwrap(
      session.client.GET("/v1/projects/{project}/documents", {
        params: {
          path: { project: session.project.id },
          query: {
            limit: PAGE,
            ...(status ? { status } : {}),
            ...(category ? { category } : {}),
            ...(filename ? { filename } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    );
  const first = useAsync(`docs:${status}:${category}:${filename}`, () => {
    setMore(null);
    return fetchPage();
  });

  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  // Documents still being read refresh on their own.
  const reload = first.reload;
  const busy = items.some((d) => BUSY.has(d.status));
  const answer = first.data;
  useEffect(() => {
    // Each answer that still has busy documents asks again a little later.
    if (!busy || !answer) return;
    const timer = setTimeout(reload, 1500);
    return () => clearTimeout(timer);
  }, [busy, answer, reload]);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(cursor);
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (err) {
      toasts.error(err);
    } finally {
      setLoadingMore(false);
    }
  }

  const categories = project.data?.labelSchema.categories ?? [];
  return (
    <div className="page-pad">
      <div className="page-head">
        <div>
          <h1 className="title">Documents</h1>
          <p className="muted">Everything uploaded to {session.project.name}, newest first.</p>
        </div>
      </div>
      {roleAtLeast(session.role, "uploader") && <UploadZone onUploaded={reload} />}
      <div className="filters">
        <input
          className="input"
          type="search"
          placeholder="Search by file name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search by file name"
          data-testid="document-search"
        />
        <select
          className="select"
          value={status}
          onChange={(e) => setStatus(e.target.value as DocumentStatus | "")}
          aria-label="Status"
          data-testid="status-filter"
        >
          <option value="">All statuses</option>
          {DOCUMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
        <select
          className="select"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          aria-label="Category"
          data-testid="category-filter"
        >
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.name} value={c.name}>
              {humanize(c.name)}
            </option>
          ))}
        </select>
      </div>
      <ErrorBanner error={first.error} onRetry={reload} />
      {first.loading && !first.data ? (
        <Loading />
      ) : items.length === 0 && !first.error ? (
        <EmptyState
          title={
            items.length === 0 && !status && !filename ? "No documents yet" : "No documents match"
          }
        >
          {items.length === 0 && !status && !filename
            ? "Drop a PDF or an image above to start."
            : "Try another filter or search."}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="documents-table">
            <thead>
              <tr>
                <th>Document</th>
                <th>Status</th>
                <th>Category</th>
                <th>Lowest confidence</th>
                <th>Pages</th>
                <th>Size</th>
                <th>Added</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} className="row-link" data-testid="document-row" data-id={d.id}>
                  <td>
                    <Link to={`/documents/${encodeURIComponent(d.id)}`} className="cell-link">
                      {d.filename}
                    </Link>
                    {d.error && <div className="small text-danger">{d.error.message}</div>}
                  </td>
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                  <td>
                    {d.category ? humanize(d.category.name) : <span className="muted">—</span>}
                  </td>
                  <td>{formatPercent(d.minConfidence)}</td>
                  <td>{d.pageCount ?? "—"}</td>
                  <td className="muted">{formatBytes(d.sizeBytes)}</td>
                  <td className="muted">{formatAgo(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <div className="pager">
          <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </div>
  );
}
