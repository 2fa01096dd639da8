import { type ReactNode, useEffect, useState } from "react";
import { unwrap } from "../api/client";
import { Link, useLocation } from "../router";
import { useSession, useSessionState } from "../session";

const NAV = [
  { to: "/", label: "Overview", match: (p: string) => p === "/" },
  { to: "/queue", label: "Review queue", match: (p: string) => p.startsWith("/queue") },
  { to: "/documents", label: "Documents", match: (p: string) => p.startsWith("/documents") },
  { to: "/models", label: "Models", match: (p: string) => p.startsWith("/models") },
];

/** The frame around every signed-in screen: navigation, project, role, sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const session = useSession();
  const { signOut } = useSessionState();
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
          {NAV.map((item) => (
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
          <span className="who" title={`Token: ${session.tokenName}`}>
            <span className="who-project">{session.project.name}</span>
            <span className={`role role-${session.role}`}>{session.role}</span>
          </span>
          <button
            type="button"
            className="button button-quiet button-small"
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
