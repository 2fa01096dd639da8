import type { ApiEnv } from "./env";

/** Sign-in settings of the API, from the environment (`authConfigFromEnv`). */
export interface AuthConfig {
  /** Where people reach Pagewise; unset: the origin of each request. */
  publicUrl?: URL | undefined;
  /** OpenID Connect, when configured. */
  oidc?: { issuer: URL; clientId: string; clientSecret: string } | undefined;
  /** Lower-case emails that are admins of every project (and instance admins). */
  adminEmails: ReadonlySet<string>;
  sessionTtlSeconds: number;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  adminEmails: new Set(),
  sessionTtlSeconds: 12 * 60 * 60,
};

/** The auth settings; half a configuration of OpenID Connect is refused in words. */
export function authConfigFromEnv(env: ApiEnv): AuthConfig {
  const oidcVars = {
    PAGEWISE_OIDC_ISSUER: env.PAGEWISE_OIDC_ISSUER,
    PAGEWISE_OIDC_CLIENT_ID: env.PAGEWISE_OIDC_CLIENT_ID,
    PAGEWISE_OIDC_CLIENT_SECRET: env.PAGEWISE_OIDC_CLIENT_SECRET,
  };
  const missing = Object.entries(oidcVars)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length > 0 && missing.length < 3) {
    throw new Error(`OpenID Connect is half configured: set ${missing.join(", ")} too.`);
  }
  const oidcOn = missing.length === 0;
  if (oidcOn && !env.PAGEWISE_PUBLIC_URL) {
    throw new Error(
      "OpenID Connect needs PAGEWISE_PUBLIC_URL (the redirect URI is built from it).",
    );
  }
  return {
    publicUrl: env.PAGEWISE_PUBLIC_URL ? new URL(env.PAGEWISE_PUBLIC_URL) : undefined,
    oidc: oidcOn
      ? {
          issuer: new URL(env.PAGEWISE_OIDC_ISSUER as string),
          clientId: env.PAGEWISE_OIDC_CLIENT_ID as string,
          clientSecret: env.PAGEWISE_OIDC_CLIENT_SECRET as string,
        }
      : undefined,
    adminEmails: new Set(
      env.PAGEWISE_OIDC_ADMIN_EMAILS.split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
    sessionTtlSeconds: env.PAGEWISE_SESSION_TTL_SECONDS,
  };
}
