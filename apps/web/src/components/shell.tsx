import { type ReactNode, useEffect, useState } from "react";
import { unwrap } from "../api/client";
import { Link, useLocation } from "../router";
import { useSession, useSessionState } from "../session";
import { QueuesLink } from "./queues-link";

interface NavItem {
  to: string;
  label: string;
  match: (p: string) => boolean;
  /** Shown only to admins. */
  admin?: boolean;
}

const NAV: NavItem[] = [
  { to: "/", label: "Overview", match: (p: string) => p === "/" },
  { to: "/queue", label: "Review queue", match: (p: string) => p.startsWith("/queue") },
  { to: "/documents", label: "Documents", match: (p: string) => p.startsWith("/documents") },
  { to: "/models", label: "Models", match: (p: string) => p.startsWith("/models") },
  { to: "/monitoring", label: "Monitoring", match: (p: string) => p.startsWith("/monitoring") },
  { to: "/audit", label: "Audit log", match: (p: string) => p.startsWith("/audit"), admin: true },
];

/** The frame around every signed-in screen: navigation, project, role, sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const session = useSession();
  const { signOut, selectProject } = useSessionState();
  const { path, query } = useLocation();
  // A document opened from the queue belongs to the queue in the navigation.
  const section = query.get("from") === "queue" ? "/queue" : path;
  const [queueTotal, setQueueTotal] = useState<number | null>(null);

  // The queue length in the navigation follows the reviewer from screen to screen.
  useEffect(() => {
    let live = true;
    void path;
    unwrap(
      session.client.GET("/v1/projects/{project}/review-queue", {
        params: { path: { project: session.project.id }, query: { limit: 1, offset: 0 } },
      }),
    ).then(
      (q) => live && setQueueTotal(q.total),
      () => live && setQueueTotal(null),
    );
    return () => {
      live = false;
    };
  }, [session, path]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Pagewise overview">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          Pagewise
        </Link>
        <nav className="nav" aria-label="Main">
          {NAV.filter((item) => !item.admin || session.role === "admin").map((item) => (
            <Link
              key={item.to}
              to={item.to}
              className={item.match(section) ? "nav-link nav-link-active" : "nav-link"}
              aria-current={item.match(section) ? "page" : undefined}
            >
              {item.label}
              {item.to === "/queue" && queueTotal !== null && queueTotal > 0 && (
                <span className="nav-count" data-testid="queue-count">
                  {queueTotal}
                </span>
              )}
            </Link>
          ))}
        </nav>
        <div className="topbar-end">
          {session.projects.length > 1 ? (
            <select
              className="select select-small"
              aria-label="Project"
              value={session.project.id}
              onChange={(e) => selectProject(e.target.value)}
              data-testid="project-picker"
            >
              {session.projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          ) : null}
          <span
            className="who"
            title={session.kind === "token" ? `Token: ${session.tokenName}` : session.who}
            data-testid="who"
          >
            {session.kind === "user" && <span className="who-user">{session.who}</span>}
            {session.projects.length <= 1 && (
              <span className="who-project">{session.project.name}</span>
            )}
            <span className={`role role-${session.role}`}>{session.role}</span>
          </span>
          <QueuesLink />
          <button
            type="button"
            className="button button-quiet button-small"
            // Ends the server-side session; the queue dashboard goes with it.
            onClick={() => signOut()}
            data-testid="sign-out"
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="main">
        {children}
      </main>
    </div>
  );
}
