import { type ReactNode, useEffect, useState } from "react";
import { unwrap } from "../../api/client";
import {
  DOCUMENT_STATUSES,
  type DocumentStatus,
  type DocumentListItem as ListItem,
  type SearchSnippet as Snippet,
} from "../../api/types";
import { ErrorBanner } from "../../components/error-banner";
import { EmptyState, Loading } from "../../components/loading";
import { ReviewReasons } from "../../components/review-reasons";
import { StatusBadge } from "../../components/status-badge";
import { useToasts } from "../../components/toasts";
import { formatAgo, formatBytes, humanize } from "../../format";
import { useAsync } from "../../hooks/use-async";
import { useProject } from "../../project-context";
import { Link, useLocation } from "../../router";
import { roleAtLeast, useSession } from "../../session";
import { UploadZone } from "./upload-zone";

const PAGE = 50;
const BUSY: ReadonlySet<string> = new Set(["queued", "processing"]);
/** Statuses whose review reasons matter now (a reviewed document's are history). */
const WAITING: ReadonlySet<string> = new Set(["needs_review", "processed"]);

type ServerSort =
  | "-created"
  | "created"
  | "filename"
  | "-filename"
  | "status"
  | "-status"
  | "relevance";
/** The sort box: the server's orders, or `field:<name>` (the loaded rows, ordered here). */
type Sort = ServerSort | `field:${string}` | "";

const SORT_LABELS: Record<ServerSort, string> = {
  relevance: "Best match",
  "-created": "Newest first",
  created: "Oldest first",
  filename: "File name A–Z",
  "-filename": "File name Z–A",
  status: "Status A–Z",
  "-status": "Status Z–A",
};
/** Key fields shown as columns when a category is chosen. */
const KEY_FIELDS = 3;

/** A snippet's text with its matched words in <mark>: React elements, never HTML. */
function SnippetText({ snippet }: { snippet: Snippet }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [i, h] of snippet.highlights.entries()) {
    if (h.start > at) parts.push(snippet.text.slice(at, h.start));
    parts.push(<mark key={i}>{snippet.text.slice(h.start, h.end)}</mark>);
    at = h.end;
  }
  if (at < snippet.text.length) parts.push(snippet.text.slice(at));
  return (
    <div className="small muted snippet" data-testid="document-snippet">
      {parts}
    </div>
  );
}

function fieldValue(d: ListItem, name: string): string | null {
  return d.fields.find((f) => f.name === name)?.value ?? null;
}

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
  const [q, setQ] = useState("");
  const [sort, setSort] = useState<Sort>("");
  const [more, setMore] = useState<{ items: ListItem[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  // Search as the words are typed, once typing pauses. A search with no letter or digit in it
  // (only punctuation) is no search.
  useEffect(() => {
    const timer = setTimeout(() => {
      const words = search.trim();
      setQ(/[\p{L}\p{N}]/u.test(words) ? words : "");
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  const serverSort: ServerSort | undefined =
    sort === "" || sort.startsWith("field:")
      ? undefined
      : sort === "relevance" && !q
        ? undefined
        : (sort as ServerSort);
  const fieldSort = sort.startsWith("field:") ? sort.slice("field:".length) : null;

  const fetchPage = (cursor?: string) =>
    unwrap(
      session.client.GET("/v1/projects/{project}/documents", {
        params: {
          path: { project: session.project.id },
          query: {
            limit: PAGE,
            ...(status ? { status } : {}),
            ...(category ? { category } : {}),
            ...(q ? { q } : {}),
            ...(serverSort ? { sort: serverSort } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    );
  const first = useAsync(`docs:${status}:${category}:${q}:${serverSort ?? ""}`, () => {
    setMore(null);
    return fetchPage();
  });

  const loaded: ListItem[] = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  // Field values are encrypted at rest: the server cannot order by them, so a field sort orders
  // the rows loaded so far (documents without the field last).
  const items = fieldSort
    ? [...loaded].sort((a, b) => {
        const x = fieldValue(a, fieldSort);
        const y = fieldValue(b, fieldSort);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        return x.localeCompare(y, undefined, { numeric: true });
      })
    : loaded;
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
  // A chosen category shows its key fields (required ones first) as columns.
  const keyFields = (categories.find((c) => c.name === category)?.fields ?? [])
    .slice()
    .sort((a, b) => Number(b.required) - Number(a.required))
    .slice(0, KEY_FIELDS)
    .map((f) => f.name);
  const filtered = Boolean(status || category || q);
  return (
    <div className="page-pad">
      <div className="page-head">
        <div>
          <h1 className="title">Documents</h1>
          <p className="muted">Everything uploaded to {session.project.name}.</p>
        </div>
      </div>
      {roleAtLeast(session.role, "uploader") && <UploadZone onUploaded={reload} />}
      <div className="filters">
        <input
          className="input"
          type="search"
          placeholder="Search text, fields and file names"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search documents"
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
        <select
          className="select"
          value={sort === "" ? (q ? "relevance" : "-created") : sort}
          onChange={(e) => setSort(e.target.value as Sort)}
          aria-label="Sort"
          data-testid="sort-select"
        >
          {(Object.keys(SORT_LABELS) as ServerSort[])
            .filter((s) => s !== "relevance" || q)
            .map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          {keyFields.map((name) => (
            <option key={name} value={`field:${name}`}>
              {`${humanize(name)} (loaded rows)`}
            </option>
          ))}
        </select>
      </div>
      <ErrorBanner error={first.error} onRetry={reload} />
      {first.loading && !first.data ? (
        <Loading />
      ) : items.length === 0 && !first.error ? (
        <EmptyState
          title={items.length === 0 && !filtered ? "No documents yet" : "No documents match"}
        >
          {items.length === 0 && !filtered
            ? "Drop a PDF or an image above to start."
            : "Try another filter or search."}
        </EmptyState>
      ) : (
        <div className="table-wrap" data-testid="documents-table-wrap">
          <table className="table table-dense documents-table" data-testid="documents-table">
            <thead>
              <tr>
                <th className="col-name">Document</th>
                <th className="col-status">Status</th>
                <th className="col-category">Category</th>
                {keyFields.map((name) => (
                  <th key={name} className="col-field" data-testid="field-column">
                    {humanize(name)}
                  </th>
                ))}
                <th className="col-reasons">Why it waits</th>
                <th className="col-pages">Pages</th>
                <th className="col-size">Size</th>
                <th className="col-added">Added</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} className="row-link" data-testid="document-row" data-id={d.id}>
                  <td className="col-name">
                    <Link
                      to={`/documents/${encodeURIComponent(d.id)}`}
                      className="cell-link cell-ellipsis"
                      title={d.filename}
                    >
                      {d.filename}
                    </Link>
                    {d.search?.snippet && <SnippetText snippet={d.search.snippet} />}
                  </td>
                  <td className="col-status">
                    <StatusBadge status={d.status} />
                  </td>
                  <td className="col-category">
                    {d.category ? humanize(d.category.name) : <span className="muted">—</span>}
                  </td>
                  {keyFields.map((name) => (
                    <td key={name} className="col-field cell-ellipsis" data-field={name}>
                      {fieldValue(d, name) ?? <span className="muted">—</span>}
                    </td>
                  ))}
                  <td className="col-reasons">
                    {d.error ? (
                      <span className="small text-danger cell-ellipsis" title={d.error.message}>
                        {d.error.message}
                      </span>
                    ) : (
                      WAITING.has(d.status) && <ReviewReasons reasons={d.reviewReasons} limit={2} />
                    )}
                  </td>
                  <td className="col-pages tabular">{d.pageCount ?? "—"}</td>
                  <td className="col-size muted tabular">{formatBytes(d.sizeBytes)}</td>
                  <td className="col-added muted" title={d.createdAt}>
                    {formatAgo(d.createdAt)}
                  </td>
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
