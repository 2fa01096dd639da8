import { useState } from "react";
import { unwrap } from "../api/client";
import { useSession } from "../session";

/**
 * The queue dashboard (bull-board at /admin/queues) is a server page; the browser's session
 * cookie reaches it. Only the instance admin (an admin of the `default` project, or a person
 * named in PAGEWISE_OIDC_ADMIN_EMAILS) sees the button.
 */
export function QueuesLink() {
  const session = useSession();
  const [failed, setFailed] = useState(false);
  const home = session.role === "admin" && session.project.name === "default";
  if (!session.instanceAdmin && !home) return null;
  const open = async () => {
    try {
      const { url } = await unwrap(session.client.POST("/v1/admin/queues-session"));
      window.location.assign(url);
    } catch {
      setFailed(true);
    }
  };
  return (
    <button
      type="button"
      className="button button-quiet button-small"
      onClick={() => void open()}
      title={failed ? "The queue dashboard could not be opened" : "BullMQ queues (bull-board)"}
      data-testid="open-queues"
    >
      Queues{failed ? " (failed)" : ""}
    </button>
  );
}
