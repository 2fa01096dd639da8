import { type FieldType, type NormalizeHints, normalizeValue } from "@pagewise/core";
import { type KeyboardEvent, type RefObject, useEffect, useRef } from "react";
import type { CategoryDefinition, DocumentView, LabelSchema } from "../../api/types";
import { formatPercent, humanize } from "../../format";
import type { DraftAction } from "./draft-reducer";
import { type Draft, type FieldEntry, isCorrection } from "./review-model";

interface FieldPanelProps {
  draft: Draft;
  schema: LabelSchema;
  category: CategoryDefinition | undefined;
  document: DocumentView;
  threshold: number;
  /** The document's locale evidence, to normalize values as the API will. */
  hints: NormalizeHints;
  colourOf(name: string): string;
  dispatch(action: DraftAction): void;
  readOnly: boolean;
  inputRefs: RefObject<Map<string, HTMLInputElement>>;
  categoryRef: RefObject<HTMLSelectElement | null>;
}

/**
 * The category and every field of its schema with value, normalized value and confidence. Low
 * confidence stands out; the selected row is the one the page's clicks and the keys act on.
 */
export function FieldPanel(props: FieldPanelProps) {
  const { draft, category, dispatch, readOnly } = props;
  const listRef = useRef<HTMLOListElement>(null);
  const predicted = props.document.category;

  useEffect(() => {
    if (!draft.selectedKey) return;
    listRef.current
      ?.querySelector<HTMLElement>(`[data-entry-key="${CSS.escape(draft.selectedKey)}"]`)
      ?.scrollIntoView({ block: "nearest" });
  }, [draft.selectedKey]);

  return (
    <div className="field-panel">
      <div className="category-row">
        <label className="label" htmlFor="category">
          Category
        </label>
        <select
          id="category"
          ref={props.categoryRef}
          className={draft.category ? "select" : "select select-attention"}
          value={draft.category ?? ""}
          disabled={readOnly}
          onChange={(e) => dispatch({ type: "set-category", category: e.target.value })}
          data-testid="category-select"
        >
          {!draft.category && (
            <option value="" disabled>
              Choose a category…
            </option>
          )}
          {props.schema.categories.map((c) => (
            <option key={c.name} value={c.name}>
              {humanize(c.name)}
            </option>
          ))}
        </select>
        {predicted && predicted.modelVersion !== null && (
          <span
            className={
              predicted.confidence < props.threshold ? "chip chip-warning" : "chip chip-quiet"
            }
            title="What the classifier predicted"
          >
            model: {humanize(predicted.name)} · {formatPercent(predicted.confidence)}
          </span>
        )}
      </div>
      {!category ? (
        <p className="muted panel-hint">
          No model has decided this document's category yet. Choose it to see its fields.
        </p>
      ) : (
        <ol className="field-list" ref={listRef}>
          {draft.entries.map((entry, i) => {
            const def = category.fields.find((f) => f.name === entry.name);
            const first = draft.entries.findIndex((e) => e.name === entry.name) === i;
            const last = draft.entries.findLastIndex((e) => e.name === entry.name) === i;
            return (
              <FieldRow
                key={entry.key}
                entry={entry}
                required={def?.required ?? false}
                type={def?.type ?? "text"}
                showLabel={first}
                canAddAnother={def?.type === "list" && last && !readOnly}
                canRemove={def?.type === "list" && !first && !readOnly}
                corrected={isCorrection(entry, category, props.hints)}
                hints={props.hints}
                selected={entry.key === draft.selectedKey}
                colour={props.colourOf(entry.name)}
                threshold={props.threshold}
                dispatch={dispatch}
                readOnly={readOnly}
                inputRefs={props.inputRefs}
              />
            );
          })}
        </ol>
      )}
    </div>
  );
}

function FieldRow(props: {
  entry: FieldEntry;
  required: boolean;
  type: string;
  showLabel: boolean;
  canAddAnother: boolean;
  canRemove: boolean;
  /** The value differs from the model's prediction (compared normalized). */
  corrected: boolean;
  hints: NormalizeHints;
  selected: boolean;
  colour: string;
  threshold: number;
  dispatch(action: DraftAction): void;
  readOnly: boolean;
  inputRefs: RefObject<Map<string, HTMLInputElement>>;
}) {
  const { entry, dispatch } = props;
  const confidence = entry.predicted?.confidence;
  const low =
    confidence !== undefined && confidence < props.threshold && !entry.edited && !props.corrected;
  const missing = props.required && entry.value.trim() === "" && !entry.absent;
  const state = entry.absent
    ? "absent"
    : entry.accepted
      ? "accepted"
      : entry.edited
        ? "edited"
        : low
          ? "low"
          : "pending";
  // A correction shows its own normal form; the model's value and confidence are history.
  const normalized = props.corrected
    ? normalizeValue(props.type as FieldType, entry.value, props.hints)
    : entry.value.trim() !== ""
      ? entry.predicted?.normalized
      : null;

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      dispatch({ type: "accept", key: entry.key });
      // Back to the keys (j/k, Enter, e…) on the next field, instead of typing into this one.
      e.currentTarget.blur();
    }
  }

  const classes = ["field-row", `field-row-${state}`];
  if (props.selected) classes.push("field-row-selected");
  if (missing) classes.push("field-row-missing");
  if (entry.absent) classes.push("field-row-absent");

  return (
    <li
      className={classes.join(" ")}
      data-testid="field-row"
      data-field={entry.name}
      data-entry-key={entry.key}
      data-state={state}
      aria-current={props.selected ? "true" : undefined}
      onPointerDown={() => !props.selected && dispatch({ type: "select", key: entry.key })}
      style={{ ["--colour" as string]: props.colour }}
    >
      <span className="swatch" aria-hidden="true" />
      <div className="field-main">
        <div className="field-label-row">
          <label className="field-name" htmlFor={`field-${entry.key}`}>
            {props.showLabel
              ? humanize(entry.name)
              : `… another ${humanize(entry.name).toLowerCase()}`}
            {props.required && props.showLabel && (
              <span className="required" title="Required">
                *
              </span>
            )}
          </label>
          <span className="field-type">{props.type}</span>
          {props.corrected ? (
            <span
              className="chip chip-quiet field-corrected"
              title={`The model read “${entry.predicted?.value}”`}
              data-testid="field-corrected"
            >
              corrected by reviewer
            </span>
          ) : (
            confidence !== undefined &&
            !entry.absent && (
              <span
                className={low ? "confidence confidence-low" : "confidence"}
                title={`Model confidence${low ? ": below the project's threshold" : ""}`}
                data-testid="field-confidence"
              >
                <span className="confidence-bar" aria-hidden="true">
                  <span style={{ width: formatPercent(confidence) }} />
                </span>
                {formatPercent(confidence)}
              </span>
            )
          )}
        </div>
        <input
          id={`field-${entry.key}`}
          ref={(el) => {
            if (el) props.inputRefs.current.set(entry.key, el);
            else props.inputRefs.current.delete(entry.key);
          }}
          className="input field-input"
          value={entry.value}
          placeholder={
            entry.absent
              ? "Not in this document"
              : props.readOnly
                ? "—"
                : "Click words on the page, or type"
          }
          readOnly={props.readOnly}
          spellCheck={false}
          autoComplete="off"
          onFocus={() => dispatch({ type: "select", key: entry.key })}
          onChange={(e) => dispatch({ type: "type-value", key: entry.key, value: e.target.value })}
          onKeyDown={onKeyDown}
          data-testid="field-value-input"
        />
        <div className="field-meta" data-testid="field-meta">
          {normalized && (
            <span title={props.corrected ? "Your value, normalized" : "Normalized by the model"}>
              → {normalized}
            </span>
          )}
          {props.corrected && (
            <span className="was" title="What the model read">
              was “{entry.predicted?.value}”
            </span>
          )}
          {entry.absent && <span>not in this document</span>}
          {entry.value.trim() !== "" && (
            <span>
              {entry.tokenIds.length > 0
                ? `${entry.tokenIds.length} word${entry.tokenIds.length === 1 ? "" : "s"} on the page`
                : "typed: matched to the page when saved"}
            </span>
          )}
          {missing && <span className="missing">required</span>}
        </div>
      </div>
      {!props.readOnly && (
        <div className="field-actions">
          <button
            type="button"
            className={entry.accepted ? "icon-button icon-button-on" : "icon-button"}
            onClick={() => dispatch({ type: "accept", key: entry.key })}
            title="Accept (Enter)"
            aria-label={`Accept ${entry.name}`}
            data-testid="accept-field"
          >
            ✓
          </button>
          <button
            type="button"
            className={entry.absent ? "icon-button icon-button-on" : "icon-button"}
            onClick={() => dispatch({ type: "toggle-absent", key: entry.key })}
            title="Not in this document (X)"
            aria-label={`${humanize(entry.name)} is not in this document`}
            aria-pressed={entry.absent}
            data-testid="absent-field"
          >
            ∅
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => dispatch({ type: "clear", key: entry.key })}
            title="Clear (Backspace)"
            aria-label={`Clear ${entry.name}`}
            disabled={entry.value === "" && entry.tokenIds.length === 0}
          >
            ⌫
          </button>
          {props.canRemove && (
            <button
              type="button"
              className="icon-button"
              onClick={() => dispatch({ type: "remove-entry", key: entry.key })}
              title="Remove this value"
              aria-label={`Remove this ${entry.name}`}
            >
              −
            </button>
          )}
          {props.canAddAnother && (
            <button
              type="button"
              className="icon-button"
              onClick={() => dispatch({ type: "add-entry", name: entry.name })}
              title="Add another value"
              aria-label={`Add another ${entry.name}`}
            >
              +
            </button>
          )}
        </div>
      )}
    </li>
  );
}
