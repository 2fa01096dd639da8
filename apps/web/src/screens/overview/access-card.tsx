import { unwrap } from "../../api/client";
import { ErrorBanner } from "../../components/error-banner";
import { formatAgo, formatTime } from "../../format";
import { useAsync } from "../../hooks/use-async";
import { useSession } from "../../session";

/** Who has access to the project (admins only): its API tokens and its people, with roles. */
export function AccessCard() {
  const session = useSession();
  const path = { project: session.project.id };
  const access = useAsync(`access:${session.key}:${session.project.id}`, async () => {
    const [tokens, members] = await Promise.all([
      unwrap(session.client.GET("/v1/projects/{project}/tokens", { params: { path } })),
      unwrap(
        session.client.GET("/v1/projects/{project}/members", {
          params: { path, query: { limit: 50, offset: 0 } },
        }),
      ),
    ]);
    return { tokens: tokens.items, members };
  });
  if (access.error) return <ErrorBanner error={access.error} />;
  if (!access.data) return null;
  const { tokens, members } = access.data;
  return (
    <div className="grid-2">
      <section className="card" data-testid="token-list">
        <h2 className="card-title">API tokens</h2>
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Last used</th>
              <th>Expires</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => {
              const expired = t.expiresAt !== null && Date.parse(t.expiresAt) <= Date.now();
              return (
                <tr key={t.id} data-testid="token-row">
                  <td>{t.name}</td>
                  <td>
                    <span className={`role role-${t.role}`}>{t.role}</span>
                  </td>
                  <td title={formatTime(t.lastUsedAt)}>
                    {t.lastUsedAt ? formatAgo(t.lastUsedAt) : "never"}
                  </td>
                  <td title={formatTime(t.expiresAt)} data-testid="token-expires">
                    {t.expiresAt === null ? "never" : expired ? "expired" : formatTime(t.expiresAt)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="card" data-testid="member-list">
        <h2 className="card-title">People</h2>
        {members.total === 0 ? (
          <p className="muted">
            Nobody signs in to this project yet. People sign in once, then an admin adds them (POST
            /v1/projects/{session.project.name}/members).
          </p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Person</th>
                <th>Role</th>
                <th>Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {members.items.map((m) => (
                <tr key={m.user.id} data-testid="member-row">
                  <td title={m.user.id}>{m.user.name ?? m.user.email ?? m.user.id}</td>
                  <td>
                    <span className={`role role-${m.role}`}>{m.role}</span>
                  </td>
                  <td title={formatTime(m.user.lastSignInAt)}>
                    {m.user.lastSignInAt ? formatAgo(m.user.lastSignInAt) : "never"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {members.total > members.items.length && (
          <p className="small muted">
            {members.items.length} of {members.total} shown.
          </p>
        )}
      </section>
    </div>
  );
}
