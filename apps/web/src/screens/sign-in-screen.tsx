import { type FormEvent, useEffect, useState } from "react";
import { ApiError } from "../api/api-error";
import { ErrorBanner } from "../components/error-banner";
import { useSessionState } from "../session";

/** Whether the API offers OpenID Connect sign-in (GET /auth/config; not part of /v1). */
function useOidcOffered(): boolean {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    let live = true;
    fetch("/auth/config")
      .then((r) => (r.ok ? r.json() : { oidc: false }))
      .then((c: { oidc?: boolean }) => live && setOffered(c.oidc === true))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return offered;
}

/**
 * Sign in as yourself (OpenID Connect, when configured) or with an API token. Either way the
 * browser keeps only an HttpOnly session cookie: the token is exchanged, never stored.
 */
export function SignInScreen({ notice }: { notice?: string | undefined }) {
  const { signIn } = useSessionState();
  const oidc = useOidcOffered();
  const [token, setToken] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!token.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(token);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          Pagewise
        </div>
        <h1 className="sign-in-title">Sign in</h1>
        {notice && (
          <div className="banner banner-info" role="status" data-testid="sign-in-notice">
            {notice}
          </div>
        )}
        {oidc && (
          <>
            <a
              className="button button-primary button-block"
              href="/auth/oidc/login"
              data-testid="sign-in-oidc"
            >
              Sign in with your organization
            </a>
            <p className="sign-in-or">or with an API token</p>
          </>
        )}
        <p className="muted">
          Paste the API token you were given. It is exchanged for a session of this browser and not
          kept by the page.
        </p>
        <label className="label" htmlFor="token">
          API token
        </label>
        <input
          id="token"
          className="input input-mono"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="pw_…"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          data-testid="sign-in-token"
          // biome-ignore lint/a11y/noAutofocus: the only thing to do on this screen
          autoFocus
        />
        {error instanceof ApiError &&
        (error.code === "unauthorized" || error.code === "token_expired") ? (
          // Not "signed out": the person was never signed in; the token itself was refused.
          <div className="banner banner-error" role="alert" data-testid="sign-in-rejected">
            <div className="banner-text">
              <strong>This token was not accepted.</strong> <span>{error.message}</span>{" "}
              <span>Check that you pasted all of it, or ask your admin for a new one.</span>
            </div>
          </div>
        ) : (
          <ErrorBanner error={error} />
        )}
        <button
          type="submit"
          className="button button-primary button-block"
          disabled={busy || !token.trim()}
          data-testid="sign-in-submit"
        >
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
