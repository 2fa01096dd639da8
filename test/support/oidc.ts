import type { Server } from "node:http";
import Provider, { type Account } from "oidc-provider";

/** A person known to the test identity provider. */
export interface TestAccount {
  login: string;
  email: string;
  name: string;
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1: one confidential client whose
 * redirect URI is Pagewise's callback, PKCE required, accounts held in memory. Its own login
 * form and consent screen (the library's development interactions) are what the browser sees.
 */
export async function startIdentityProvider(options: {
  port: number;
  redirectUri: string;
  accounts: TestAccount[];
}): Promise<TestIdentityProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const clientId = "pagewise-test";
  const clientSecret = "pagewise-test-secret-0123456789abcdef";
  const byLogin = new Map(options.accounts.map((a) => [a.login, a]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["oidc-test-cookie-key-0123456789"] },
    findAccount: async (_ctx: unknown, sub: string): Promise<Account | undefined> => {
      const account = byLogin.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          email_verified: true,
          name: account.name,
        }),
      };
    },
  });
  const server: Server = provider.listen(options.port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
