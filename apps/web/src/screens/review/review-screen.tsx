import { useEffect } from "react";
import { unwrap } from "../../api/client";
import type { DocumentStatus } from "../../api/types";
import { ErrorBanner } from "../../components/error-banner";
import { Loading } from "../../components/loading";
import { StatusBadge } from "../../components/status-badge";
import { useAsync } from "../../hooks/use-async";
import { useProject } from "../../project-context";
import { Link } from "../../router";
import { useSession } from "../../session";
import { ReviewWorkspace } from "./review-workspace";

const TERMINAL: ReadonlySet<DocumentStatus> = new Set([
  "processed",
  "needs_review",
  "reviewed",
  "failed",
]);

/** Loads a document, its layout and the project, then hands them to the review workspace. */
export function ReviewScreen({
  documentId,
  fromQueue,
}: {
  documentId: string;
  fromQueue: boolean;
}) {
  const session = useSession();
  const project = useProject();
  const params = { path: { project: session.project.id, id: documentId } };
  const doc = useAsync(`doc:${documentId}`, () =>
    unwrap(session.client.GET("/v1/projects/{project}/documents/{id}", { params })),
  );
  const status = doc.data?.status;
  const readable = status !== undefined && TERMINAL.has(status) && status !== "failed";
  const layout = useAsync(readable ? `layout:${documentId}` : null, () =>
    unwrap(session.client.GET("/v1/projects/{project}/documents/{id}/layout", { params })),
  );

  // A document still being read is watched until it is ready.
  const reload = doc.reload;
  const answer = doc.data;
  useEffect(() => {
    if (!answer || TERMINAL.has(answer.status)) return;
    const timer = setTimeout(reload, 1500);
    return () => clearTimeout(timer);
  }, [answer, reload]);

  const back = fromQueue ? (
    <Link to="/queue" className="back-link">
      ← Review queue
    </Link>
  ) : (
    <Link to="/documents" className="back-link">
      ← Documents
    </Link>
  );

  const error = doc.error ?? layout.error ?? project.error;
  if (error) {
    return (
      <div className="page-pad">
        {back}
        <ErrorBanner
          error={error}
          onRetry={() => {
            doc.reload();
            layout.reload();
            project.reload();
          }}
        />
      </div>
    );
  }
  if (!doc.data || !project.data) return <Loading label="Opening the document…" />;
  if (doc.data.status === "failed") {
    return (
      <div className="page-pad">
        {back}
        <h1 className="title">{doc.data.filename}</h1>
        <div className="banner banner-error" role="alert">
          <strong>This document could not be read.</strong>{" "}
          {doc.data.error?.message ?? "No reason was recorded."}
          {doc.data.error && <code className="code-inline">{doc.data.error.code}</code>}
        </div>
      </div>
    );
  }
  if (!readable) {
    return (
      <div className="page-pad">
        {back}
        <h1 className="title">{doc.data.filename}</h1>
        <p className="muted">
          <StatusBadge status={doc.data.status} /> Pagewise is still reading this document; it opens
          here as soon as it is ready.
        </p>
        <Loading label="Reading…" />
      </div>
    );
  }
  if (!layout.data) return <Loading label="Loading the page layout…" />;
  return (
    <ReviewWorkspace
      // A saved review answers the new document state: start a fresh draft from it.
      key={doc.data.updatedAt + (doc.data.review?.id ?? "")}
      document={doc.data}
      layout={layout.data}
      project={project.data}
      fromQueue={fromQueue}
      back={back}
      onSaved={doc.setData}
    />
  );
}
