import { humanize } from "../format";

/** A document or model status as a small coloured label. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{humanize(status)}</span>;
}
