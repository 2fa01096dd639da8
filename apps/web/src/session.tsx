import type { Role } from "@pagewise/core";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { ApiError } from "./api/api-error";
import { createPagewiseClient, type PagewiseClient, unwrap } from "./api/client";

/**
 * Which of the person's projects this tab shows (a project id: not a credential, so it may live
 * in sessionStorage; the credential is the HttpOnly session cookie, out of this code's reach).
 */
const PROJECT_KEY = "pagewise.project";

export interface SessionProject {
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  /** Changes with every sign-in (for caches keyed by the session). */
  key: string;
  kind: "token" | "user";
  /** The token's name (token sign-in) or the person's name or email. */
  who: string;
  tokenName: string | null;
  user: { id: string; email: string | null; name: string | null } | null;
  /** The role in the project shown. */
  role: Role;
  /** The project shown. */
  project: { id: string; name: string };
  /** Every project the caller may open (one for a token). */
  projects: SessionProject[];
  instanceAdmin: boolean;
  /** Echoed in X-CSRF-Token on unsafe requests; useless without the cookie. */
  csrfToken: string;
  client: PagewiseClient;
}

type SessionState =
  | { status: "checking" }
  | { status: "signed-out"; notice?: string }
  | { status: "signed-in"; session: Session };

interface SessionContextValue {
  state: SessionState;
  signIn(token: string): Promise<void>;
  signOut(notice?: string): void;
  selectProject(id: string): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

const ROLE_RANK: Record<Role, number> = { viewer: 0, uploader: 1, reviewer: 2, admin: 3 };

/** Same order as the API's `roleAtLeast` (core): viewer < uploader < reviewer < admin. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

interface SessionInfo {
  kind: "token" | "user";
  csrfToken: string | null;
  user: { id: string; email: string | null; name: string | null } | null;
  token: { id: string; name: string; role: string } | null;
  instanceAdmin: boolean;
  projects: { id: string; name: string; role: string }[];
}

/** The session behind this browser's cookie, or an ApiError (401 when there is none). */
async function loadSession(onUnauthorized: () => void): Promise<Session | { noProject: string }> {
  const bare = createPagewiseClient(null, () => {});
  const info = (await unwrap(bare.GET("/v1/session"))) as SessionInfo;
  const who = info.user
    ? (info.user.name ?? info.user.email ?? info.user.id)
    : (info.token?.name ?? "token");
  const projects = info.projects.map((p) => ({ ...p, role: p.role as Role }));
  const wanted = sessionStorage.getItem(PROJECT_KEY);
  const project = projects.find((p) => p.id === wanted) ?? projects[0];
  if (!project || !info.csrfToken) {
    // The session stays: once an admin adds them, signing in again finds the project.
    return {
      noProject: `You are signed in as ${info.user?.email ?? who}, but no project has added you yet. Ask a project admin to add you, then sign in again.`,
    };
  }
  return {
    key: info.csrfToken,
    kind: info.kind,
    who,
    tokenName: info.token?.name ?? null,
    user: info.user,
    role: project.role,
    project: { id: project.id, name: project.name },
    projects,
    instanceAdmin: info.instanceAdmin,
    csrfToken: info.csrfToken,
    client: createPagewiseClient(info.csrfToken, onUnauthorized),
  };
}

/** Whether this browser has a live session (asked without a refused request in the console). */
async function hasSession(): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch("/auth/config", { credentials: "same-origin" });
  } catch {
    throw new ApiError("network", "Pagewise cannot be reached.", 0);
  }
  const config = (await response.json().catch(() => ({}))) as { session?: boolean };
  return config.session === true;
}

/** A sentence the API's OIDC callback left in the address (`?signInError=`), removed from it. */
function takeSignInError(): string | undefined {
  const url = new URL(window.location.href);
  const message = url.searchParams.get("signInError");
  if (message === null) return undefined;
  url.searchParams.delete("signInError");
  window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  return message;
}

/**
 * The browser's session: an HttpOnly cookie the API set (OIDC sign-in, or a token exchanged at
 * the sign-in form), described by GET /v1/session. Nothing secret is kept in JavaScript.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "checking" });

  const signedIn = useRef<Session | null>(null);
  signedIn.current = state.status === "signed-in" ? state.session : null;

  const forget = useCallback((notice?: string) => {
    setState(notice ? { status: "signed-out", notice } : { status: "signed-out" });
  }, []);

  const signOut = useCallback(
    (notice?: string) => {
      const session = signedIn.current;
      if (!session) {
        forget(notice);
        return;
      }
      // Ends the session on the server first (the cookie is HttpOnly: only the API can clear it),
      // so the sign-in screen appears only once the old cookie is refused. A failed request
      // (server down) still signs this tab out; the cookie then expires on its own.
      void session.client
        .DELETE("/v1/session")
        .catch(() => {})
        .finally(() => forget(notice));
    },
    [forget],
  );

  // A 401 on any request of a live session: it was revoked, expired or signed out elsewhere.
  const expire = useCallback(() => {
    if (signedIn.current) {
      forget("Your session is no longer accepted (signed out, expired or revoked). Sign in again.");
    }
  }, [forget]);

  const adopt = useCallback(
    (loaded: Session | { noProject: string }) => {
      if ("noProject" in loaded) {
        forget(loaded.noProject);
        return;
      }
      setState({ status: "signed-in", session: loaded });
    },
    [forget],
  );

  const signIn = useCallback(
    async (token: string) => {
      const bare = createPagewiseClient(null, () => {});
      await unwrap(bare.POST("/v1/session", { body: { token: token.trim() } }));
      adopt(await loadSession(expire));
    },
    [adopt, expire],
  );

  const selectProject = useCallback((id: string) => {
    const session = signedIn.current;
    const project = session?.projects.find((p) => p.id === id);
    if (!session || !project) return;
    sessionStorage.setItem(PROJECT_KEY, id);
    setState({
      status: "signed-in",
      session: { ...session, project: { id: project.id, name: project.name }, role: project.role },
    });
  }, []);

  useEffect(() => {
    const error = takeSignInError();
    hasSession()
      .then((live) => (live ? loadSession(expire) : Promise.reject(null)))
      .then(adopt, (err) =>
        forget(
          error ??
            (err instanceof ApiError && err.code === "network"
              ? "Pagewise could not be reached to check your session. Sign in again when it is back."
              : undefined),
        ),
      );
  }, [adopt, expire, forget]);

  const value = useMemo(
    () => ({ state, signIn, signOut, selectProject }),
    [state, signIn, signOut, selectProject],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSessionState outside SessionProvider");
  return value;
}

/** The signed-in session (screens behind sign-in only). */
export function useSession(): Session {
  const { state } = useSessionState();
  if (state.status !== "signed-in") throw new Error("useSession needs a signed-in session");
  return state.session;
}
