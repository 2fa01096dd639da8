import { inferLocaleHints } from "@pagewise/core";
import { type ReactNode, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { ApiError } from "../../api/api-error";
import { unwrap } from "../../api/client";
import type { Box, DocumentView, Layout, Project } from "../../api/types";
import { ErrorBanner } from "../../components/error-banner";
import { ReviewReasons } from "../../components/review-reasons";
import { StatusBadge } from "../../components/status-badge";
import { useToasts } from "../../components/toasts";
import { formatAgo } from "../../format";
import { nextInQueue, skipDocument } from "../../queue";
import { navigate, setLeaveGuard } from "../../router";
import { roleAtLeast, useSession } from "../../session";
import { draftReducer } from "./draft-reducer";
import { FieldPanel } from "./field-panel";
import { HelpOverlay } from "./help-overlay";
import { LineItemsPanel } from "./line-items-panel";
import { MAX_ZOOM, MIN_ZOOM, PageViewer, type PlacedEntry } from "./page-viewer";
import { ReviewIncomplete } from "./review-incomplete";
import {
  entryLocation,
  fieldColour,
  findCategoryDefinition,
  indexTokens,
  initialDraft,
  isChecked,
  reviewBody,
  reviewProblems,
  toViewPages,
} from "./review-model";
import { usePageImages } from "./use-page-images";
import { useReviewKeys } from "./use-review-keys";

const REVIEWABLE = new Set(["processed", "needs_review", "reviewed"]);

interface WorkspaceProps {
  document: DocumentView;
  layout: Layout;
  project: Project;
  fromQueue: boolean;
  back: ReactNode;
  onSaved(document: DocumentView): void;
}

/** The review of one document: the page with its boxes beside the fields, driven by keys. */
export function ReviewWorkspace({ document: doc, layout, project, ...props }: WorkspaceProps) {
  const session = useSession();
  const toasts = useToasts();
  const schema = project.labelSchema;
  const threshold = project.settings.confidenceThreshold;
  const pages = useMemo(() => toViewPages(layout), [layout]);
  const tokens = useMemo(() => indexTokens(pages), [pages]);
  const hints = useMemo(() => inferLocaleHints(layout), [layout]);
  const reducer = useMemo(() => draftReducer({ schema, tokens }), [schema, tokens]);
  const [state, dispatch] = useReducer(reducer, null, () => ({
    draft: initialDraft(doc, schema),
    history: [],
    future: [],
    typingIn: null,
  }));
  const { draft } = state;
  const category = findCategoryDefinition(schema, draft.category);
  const problems = reviewProblems(draft, category);
  const [pageIndex, setPageIndex] = useState(0);
  // The line-item row shown on the page (its index in `doc.lineItems`), and where it is.
  const [shownRow, setShownRow] = useState<{ index: number; page: number; box: Box } | null>(null);
  const [zoom, setZoom] = useState(1);
  const [fitRequest, setFitRequest] = useState(0);
  const [help, setHelp] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  // Shown after a refused save, and kept current while the reviewer fixes what it names.
  const [showProblems, setShowProblems] = useState(false);
  const [allLabels, setAllLabels] = useState(false);
  const inputRefs = useRef(new Map<string, HTMLInputElement>());
  const categoryRef = useRef<HTMLSelectElement>(null);
  const canReview = roleAtLeast(session.role, "reviewer") && REVIEWABLE.has(doc.status);
  const dirty = state.history.length > 0;
  const page = pages[Math.min(pageIndex, pages.length - 1)];
  const basePath = `/v1/projects/${encodeURIComponent(session.project.id)}/documents/${encodeURIComponent(doc.id)}`;
  const image = usePageImages(session.key, basePath, page?.index ?? 0, pages.length);

  const colourOf = (name: string) => fieldColour(schema, draft.category, name);
  const locations = useMemo(
    () => new Map(draft.entries.map((e) => [e.key, entryLocation(e, tokens)])),
    [draft.entries, tokens],
  );

  const placed: PlacedEntry[] = [];
  const tokenOwners = new Map<string, { key: string; colour: string }>();
  for (const entry of draft.entries) {
    const location = locations.get(entry.key);
    if (!location || location.page !== page?.index || entry.value.trim() === "") continue;
    const colour = colourOf(entry.name);
    const confidence = entry.predicted?.confidence;
    placed.push({
      key: entry.key,
      name: entry.name,
      colour,
      box: location.box,
      tokenIds: entry.tokenIds,
      lowConfidence: confidence !== undefined && confidence < threshold && !entry.edited,
    });
    for (const id of entry.tokenIds) {
      if (!tokenOwners.has(id) || entry.key === draft.selectedKey) {
        tokenOwners.set(id, { key: entry.key, colour });
      }
    }
  }

  // Selecting a field that sits on another page turns to that page.
  // Only on selection changes: turning pages by hand must not snap back.
  const lastSelected = useRef<string | null>(null);
  useEffect(() => {
    if (draft.selectedKey === lastSelected.current) return;
    lastSelected.current = draft.selectedKey;
    const location = draft.selectedKey ? locations.get(draft.selectedKey) : null;
    if (location && location.page !== pageIndex) setPageIndex(location.page);
  }, [draft.selectedKey, locations, pageIndex]);

  // Unsaved corrections are not lost by accident: to a closed tab, a reload or a link.
  useEffect(() => {
    if (!dirty || !canReview) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    setLeaveGuard(() => window.confirm("Leave this document without saving your corrections?"));
    return () => {
      window.removeEventListener("beforeunload", warn);
      setLeaveGuard(null);
    };
  }, [dirty, canReview]);

  async function goNext() {
    const next = await nextInQueue(session, doc.id);
    // After a save there is nothing to lose; a skip leaves the corrections on purpose.
    if (next) navigate(`/documents/${encodeURIComponent(next.id)}?from=queue`, { force: true });
    else {
      toasts.info("The review queue is empty. Nothing left to check.");
      navigate("/queue", { force: true });
    }
  }

  async function save(andNext: boolean) {
    if (!canReview || saving) return;
    if (!draft.category) {
      setSaveError(
        new ApiError("validation_failed", "Choose the document's category before saving.", 0),
      );
      categoryRef.current?.focus();
      return;
    }
    // A complete review vouches for every field: nothing saves that nobody looked at.
    if (problems.missing.length > 0 || problems.unchecked.length > 0) {
      setShowProblems(true);
      return;
    }
    setShowProblems(false);
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await unwrap(
        session.client.PUT("/v1/projects/{project}/documents/{id}/review", {
          params: { path: { project: session.project.id, id: doc.id } },
          body: reviewBody(draft),
        }),
      );
      toasts.success(`Saved the review of ${doc.filename}.`);
      if (andNext) await goNext();
      else props.onSaved(saved);
    } catch (err) {
      setSaveError(err);
      setSaving(false);
    }
  }

  async function skip() {
    if (
      dirty &&
      canReview &&
      !window.confirm("Skip this document without saving your corrections?")
    )
      return;
    skipDocument(doc.id);
    try {
      await goNext();
    } catch (err) {
      toasts.error(err);
    }
  }

  const zoomBy = (factor: number) =>
    setZoom((z) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(z * factor * 100) / 100)));
  const turnPage = (by: number) =>
    setPageIndex((p) => Math.min(pages.length - 1, Math.max(0, p + by)));

  useReviewKeys({
    draft,
    dispatch,
    help,
    setHelp,
    canReview,
    save,
    skip,
    zoomBy,
    resetZoom: () => setFitRequest((n) => n + 1),
    turnPage,
    toggleLabels: () => setAllLabels((on) => !on),
    focusValue: (key) => inputRefs.current.get(key)?.focus(),
    focusCategory: () => categoryRef.current?.focus(),
  });

  const checked = draft.entries.filter(isChecked).length;
  const incomplete = problems.missing.length > 0 || problems.unchecked.length > 0;
  const modelVersions = [
    doc.category?.modelVersion != null ? `classifier v${doc.category.modelVersion}` : null,
    doc.fields[0]?.modelVersion != null ? `extractor v${doc.fields[0].modelVersion}` : null,
  ].filter(Boolean);

  return (
    <div className="review" data-testid="review-screen" data-document-id={doc.id}>
      <header className="review-header">
        <div className="review-title">
          {props.back}
          <h1 className="title title-tight" title={doc.filename}>
            {doc.filename}
          </h1>
          <StatusBadge status={doc.status} />
          <span className="muted small">
            {doc.pageCount ?? pages.length} page{(doc.pageCount ?? pages.length) === 1 ? "" : "s"}
            {doc.einvoice && " · fields read from its e-invoice XML"}
            {modelVersions.length > 0 && ` · ${modelVersions.join(", ")}`}
            {!modelVersions.length && !doc.einvoice && " · no model yet"}
            {doc.review && ` · reviewed ${formatAgo(doc.review.createdAt)}`}
          </span>
          {doc.status !== "reviewed" && <ReviewReasons reasons={doc.reviewReasons} />}
        </div>
        <div className="review-actions">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setHelp(true)}
            title="Keyboard shortcuts (?)"
            aria-label="Keyboard shortcuts"
          >
            ?
          </button>
          <button type="button" className="button" onClick={skip} title="Skip (N)">
            Skip
          </button>
          {canReview && (
            <>
              <button
                type="button"
                className="button"
                onClick={() => void save(false)}
                disabled={saving}
                title="Save (Ctrl+S)"
                data-testid="save-only"
              >
                Save
              </button>
              <button
                type="button"
                className="button button-primary"
                onClick={() => void save(true)}
                disabled={saving}
                title="Save and open the next document (Ctrl+Enter)"
                data-testid="save-review"
              >
                {saving ? "Saving…" : "Save & next"}
              </button>
            </>
          )}
        </div>
      </header>
      {!canReview && (
        <div className="banner banner-info" role="status">
          {roleAtLeast(session.role, "reviewer")
            ? `This document is ${doc.status}; it cannot be reviewed.`
            : `Your role (${session.role}) can look at documents but not save reviews.`}
        </div>
      )}
      {showProblems && incomplete && canReview && (
        <ReviewIncomplete
          problems={problems}
          onDismiss={() => setShowProblems(false)}
          onAcceptAll={() => dispatch({ type: "accept-all" })}
        />
      )}
      <ErrorBanner error={saveError} onDismiss={() => setSaveError(null)} />
      <div className="review-body">
        <section className="viewer" aria-label="Page">
          <div className="viewer-toolbar">
            <div className="toolbar-group">
              <button
                type="button"
                className="button button-small"
                onClick={() => turnPage(-1)}
                disabled={pageIndex === 0}
                aria-label="Previous page"
              >
                ‹
              </button>
              <span className="small" data-testid="page-indicator">
                Page {pageIndex + 1} of {pages.length}
              </span>
              <button
                type="button"
                className="button button-small"
                onClick={() => turnPage(1)}
                disabled={pageIndex >= pages.length - 1}
                aria-label="Next page"
              >
                ›
              </button>
            </div>
            <span className="muted small viewer-hint">
              {draft.selectedKey && canReview
                ? "Click or drag over words to fill the selected field"
                : "Drag to pan · Ctrl+wheel to zoom"}
            </span>
            <div className="toolbar-group">
              <button
                type="button"
                className="button button-small"
                onClick={() => zoomBy(1 / 1.25)}
                aria-label="Zoom out"
              >
                −
              </button>
              <button
                type="button"
                className="button button-small zoom-level"
                onClick={() => setFitRequest((n) => n + 1)}
                title="Fit the words on the page (0)"
              >
                {Math.round(zoom * 100)}%
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => zoomBy(1.25)}
                aria-label="Zoom in"
              >
                +
              </button>
            </div>
          </div>
          {image.error != null && <ErrorBanner error={image.error} onRetry={image.retry} />}
          {page ? (
            <PageViewer
              page={page}
              imageUrl={image.url}
              imageError={image.error != null}
              entries={placed}
              rowBox={shownRow && shownRow.page === page.index ? shownRow.box : null}
              selectedKey={canReview ? draft.selectedKey : null}
              allLabels={allLabels}
              tokenOwners={tokenOwners}
              zoom={zoom}
              onZoom={setZoom}
              fitRequest={fitRequest}
              onSelectEntry={(key) => dispatch({ type: "select", key })}
              onPickTokens={(ids, mode) =>
                canReview &&
                draft.selectedKey &&
                dispatch({ type: "assign-tokens", key: draft.selectedKey, tokenIds: ids, mode })
              }
            />
          ) : (
            <p className="muted page-pad">This document has no pages.</p>
          )}
        </section>
        <aside className="panel" aria-label="Fields">
          <FieldPanel
            draft={draft}
            schema={schema}
            category={category}
            document={doc}
            threshold={threshold}
            hints={hints}
            colourOf={colourOf}
            dispatch={dispatch}
            readOnly={!canReview}
            inputRefs={inputRefs}
            categoryRef={categoryRef}
          />
          <LineItemsPanel
            document={doc}
            threshold={threshold}
            highlighted={shownRow?.index ?? null}
            onShowRow={(index, row) => {
              setShownRow({ index, page: row.page, box: row.box as Box });
              setPageIndex(row.page);
            }}
          />
          {canReview && category && (
            <footer className="panel-footer">
              <span className="small muted" data-testid="review-progress">
                {checked} of {draft.entries.length} checked
              </span>
              <button
                type="button"
                className="button button-small"
                onClick={() => dispatch({ type: "undo" })}
                disabled={state.history.length === 0}
                title="Undo (Ctrl+Z)"
              >
                Undo
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => dispatch({ type: "redo" })}
                disabled={state.future.length === 0}
                title="Redo (Ctrl+Shift+Z, Ctrl+Y)"
              >
                Redo
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => dispatch({ type: "accept-all" })}
                title="Accept all (Shift+A)"
                data-testid="accept-all"
              >
                Accept all
              </button>
            </footer>
          )}
        </aside>
      </div>
      <HelpOverlay open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
