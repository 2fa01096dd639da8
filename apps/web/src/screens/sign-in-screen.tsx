import { type FormEvent, useState } from "react";
import { ErrorBanner } from "../components/error-banner";
import { useSessionState } from "../session";

/** Sign in with an API token; it stays in this tab only (sessionStorage). */
export function SignInScreen({ notice }: { notice?: string | undefined }) {
  const { signIn } = useSessionState();
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
        <p className="muted">
          Paste the API token you were given. It is kept in this browser tab only and forgotten when
          the tab closes.
        </p>
        {notice && (
          <div className="banner banner-info" role="status">
            {notice}
          </div>
        )}
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
        <ErrorBanner error={error} />
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
