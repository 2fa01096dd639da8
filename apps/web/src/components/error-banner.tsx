import { describeError } from "../api/api-error";

/** An error in words, with a way to try again. Never silent. */
export function ErrorBanner({
  error,
  onRetry,
  onDismiss,
}: {
  error: unknown;
  onRetry?: (() => void) | undefined;
  onDismiss?: (() => void) | undefined;
}) {
  if (!error) return null;
  const { title, detail } = describeError(error);
  return (
    <div className="banner banner-error" role="alert">
      <div className="banner-text">
        <strong>{title}.</strong> <span>{detail}</span>
      </div>
      <div className="banner-actions">
        {onRetry && (
          <button type="button" className="button button-small" onClick={onRetry}>
            Try again
          </button>
        )}
        {onDismiss && (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={onDismiss}
            aria-label="Dismiss"
          >
            ✕
          </button>
        )}
      </div>
    </div>
  );
}
