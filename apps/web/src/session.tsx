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

const STORAGE_KEY = "pagewise.token";

export interface Session {
  token: string;
  tokenName: string;
  role: Role;
  project: { id: string; name: string };
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
}

const SessionContext = createContext<SessionContextValue | null>(null);

const ROLE_RANK: Record<Role, number> = { viewer: 0, uploader: 1, reviewer: 2, admin: 3 };

/** Same order as the API's `roleAtLeast` (core): viewer < uploader < reviewer < admin. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

async function openSession(token: string, onUnauthorized: () => void): Promise<Session> {
  const client = createPagewiseClient(token, onUnauthorized);
  const me = await unwrap(client.GET("/v1/me"));
  return {
    token,
    tokenName: me.token.name,
    role: me.token.role as Role,
    project: me.project,
    client,
  };
}

/** The signed-in token (kept in sessionStorage: gone when the tab closes) and its role. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() =>
    sessionStorage.getItem(STORAGE_KEY) ? { status: "checking" } : { status: "signed-out" },
  );

  const signedIn = useRef(false);
  signedIn.current = state.status === "signed-in";

  const signOut = useCallback((notice?: string) => {
    sessionStorage.removeItem(STORAGE_KEY);
    setState(notice ? { status: "signed-out", notice } : { status: "signed-out" });
  }, []);

  // A 401 on any request of a live session: the token was revoked while it was in use.
  const expire = useCallback(() => {
    if (signedIn.current) {
      signOut("Your token is no longer accepted (revoked or unknown). Sign in again.");
    }
  }, [signOut]);

  const signIn = useCallback(
    async (token: string) => {
      const session = await openSession(token.trim(), expire);
      sessionStorage.setItem(STORAGE_KEY, session.token);
      setState({ status: "signed-in", session });
    },
    [expire],
  );

  useEffect(() => {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (!stored) return;
    openSession(stored, expire).then(
      (session) => setState({ status: "signed-in", session }),
      (err) =>
        signOut(
          err instanceof ApiError && err.code === "network"
            ? "Pagewise could not be reached to check your token. Sign in again when it is back."
            : undefined,
        ),
    );
  }, [expire, signOut]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
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
