import { useState } from "react";
import { unwrap } from "../../api/client";
import type { AuditEvent } from "../../api/types";
import { ErrorBanner } from "../../components/error-banner";
import { EmptyState, Loading } from "../../components/loading";
import { useToasts } from "../../components/toasts";
import { formatAgo } from "../../format";
import { useAsync } from "../../hooks/use-async";
import { roleAtLeast, useSession } from "../../session";

const PAGE = 100;

/** Actions an admin filters by most; any other can be typed (`token.*` for a prefix). */
const ACTIONS = [
  "token.*",
  "project.*",
  "document.uploaded",
  "document.downloaded",
  "document.deleted",
  "review.*",
  "training.started",
  "model.*",
  "auth.failed",
];

interface Filters {
  action: string;
  actor: string;
  targetId: string;
  since: string;
  until: string;
}

const NO_FILTERS: Filters = { action: "", actor: "", targetId: "", since: "", until: "" };

/** A `datetime-local` value (local time) as an ISO instant, or undefined when empty. */
function isoOf(local: string): string | undefined {
  if (!local) return undefined;
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** Details in one line: `key=value` pairs, nested values as JSON. */
function summarize(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join("  ");
}

/** The project's audit log for admins: who did what, when and from where, newest first. */
export function AuditScreen() {
  const session = useSession();
  const toasts = useToasts();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [more, setMore] = useState<{ items: AuditEvent[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const fetchPage = (cursor?: string) =>
    unwrap(
      session.client.GET("/v1/projects/{project}/audit-events", {
        params: {
          path: { project: session.project.id },
          query: {
            limit: PAGE,
            ...(filters.action ? { action: filters.action } : {}),
            ...(filters.actor ? { actor: filters.actor } : {}),
            ...(filters.targetId ? { targetId: filters.targetId } : {}),
            ...(isoOf(filters.since) ? { since: isoOf(filters.since) } : {}),
            ...(isoOf(filters.until) ? { until: isoOf(filters.until) } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    );
  const first = useAsync(`audit:${JSON.stringify(filters)}`, () => {
    setMore(null);
    return fetchPage();
  });
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

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

  if (!roleAtLeast(session.role, "admin")) {
    return (
      <div className="page-pad">
        <EmptyState title="For admins">The audit log needs the admin role.</EmptyState>
      </div>
    );
  }

  const field = (key: keyof Filters) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="page-pad">
      <div className="page-head">
        <div>
          <h1 className="title">Audit log</h1>
          <p className="muted">
            Who did what in {session.project.name}, when and from where, newest first.
          </p>
        </div>
      </div>
      <form
        className="filters audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft });
        }}
        data-testid="audit-filters"
      >
        <input
          className="input"
          list="audit-actions"
          placeholder="Action (token.*)"
          aria-label="Action"
          data-testid="audit-action"
          {...field("action")}
        />
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <input
          className="input"
          placeholder="Actor id (tok_…)"
          aria-label="Actor id"
          data-testid="audit-actor"
          {...field("actor")}
        />
        <input
          className="input"
          placeholder="Target id"
          aria-label="Target id"
          data-testid="audit-target"
          {...field("targetId")}
        />
        <input
          className="input"
          type="datetime-local"
          aria-label="Since"
          title="Since (inclusive)"
          {...field("since")}
        />
        <input
          className="input"
          type="datetime-local"
          aria-label="Until"
          title="Until (exclusive)"
          {...field("until")}
        />
        <button type="submit" className="button" data-testid="audit-apply">
          Apply
        </button>
        {filtered && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
            }}
          >
            Clear
          </button>
        )}
      </form>
      <ErrorBanner error={first.error} onRetry={first.reload} />
      {first.loading && !first.data ? (
        <Loading />
      ) : items.length === 0 && !first.error ? (
        <EmptyState title={filtered ? "No events match" : "No events yet"}>
          {filtered ? "Try other filters." : "Changes to this project will appear here."}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table-dense audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th>Details</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td className="muted nowrap" title={e.at}>
                    {formatAgo(e.at)}
                  </td>
                  <td title={e.actor.id ?? undefined}>
                    {e.actor.name ?? e.actor.id ?? <span className="muted">{e.actor.kind}</span>}
                  </td>
                  <td>
                    <code className="small">{e.action}</code>
                  </td>
                  <td className="small" title={e.target ? `${e.target.type} ${e.target.id}` : ""}>
                    {e.target ? (
                      <span className="cell-ellipsis">
                        <span className="muted">{e.target.type}</span> {e.target.id}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="small">
                    <span className="cell-ellipsis" title={summarize(e.details)}>
                      {summarize(e.details)}
                    </span>
                  </td>
                  <td className="small muted" title={e.userAgent ?? undefined}>
                    {e.remoteAddress ?? "—"}
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
