import { unwrap } from "./api/client";
import type { DocumentView } from "./api/types";
import type { Session } from "./session";

/** Documents skipped in this tab: the queue does not offer them again until a reload. */
const skipped = new Set<string>();

export function skipDocument(id: string): void {
  skipped.add(id);
}

/** The next document to review (lowest confidence first), leaving out `current` and skipped ones. */
export async function nextInQueue(session: Session, current: string): Promise<DocumentView | null> {
  const queue = await unwrap(
    session.client.GET("/v1/projects/{project}/review-queue", {
      params: { path: { project: session.project.id }, query: { limit: 50, offset: 0 } },
    }),
  );
  return queue.items.find((d) => d.id !== current && !skipped.has(d.id)) ?? null;
}
