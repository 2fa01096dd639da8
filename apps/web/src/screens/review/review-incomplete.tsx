import { humanize } from "../../format";
import type { reviewProblems } from "./review-model";

const list = (names: string[]) => names.map(humanize).join(", ");

/**
 * Why the review was not saved: required fields with neither a value nor a "not in this
 * document" mark, and values nobody checked. Accepting the unchecked ones is one explicit click.
 */
export function ReviewIncomplete(props: {
  problems: ReturnType<typeof reviewProblems>;
  onAcceptAll(): void;
  onDismiss(): void;
}) {
  const { missing, unchecked } = props.problems;
  return (
    <div className="banner banner-warning" role="alert" data-testid="review-incomplete">
      <div>
        <strong>Not saved: the review is not complete.</strong>
        {missing.length > 0 && (
          <p data-testid="review-missing">
            Give a value or mark “not in this document” (∅, X) for: {list(missing)}.
          </p>
        )}
        {unchecked.length > 0 && (
          <p data-testid="review-unchecked">Not checked yet: {list(unchecked)}.</p>
        )}
      </div>
      <div className="banner-actions">
        {unchecked.length > 0 && (
          <button type="button" className="button button-small" onClick={props.onAcceptAll}>
            Accept {unchecked.length === 1 ? "it" : `all ${unchecked.length}`}
          </button>
        )}
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={props.onDismiss}
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
