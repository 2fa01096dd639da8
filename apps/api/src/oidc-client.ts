import * as client from "openid-client";
import type { AuthConfig } from "./auth-config";

/** What the login step keeps (in an HttpOnly cookie) for the callback to check. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The identity the provider vouched for in its ID token. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** Only an email the provider did not call unverified (`email_verified: false`). */
  email: string | null;
  name: string | null;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The relying party (openid-client): authorization code flow with PKCE (S256), state and nonce.
 * The provider's metadata is discovered on first use and kept; a failed discovery is retried on
 * the next sign-in.
 */
export class OidcClient {
  private config: Promise<client.Configuration> | undefined;

  constructor(
    private readonly oidc: NonNullable<AuthConfig["oidc"]>,
    private readonly redirectUri: string,
  ) {}

  private configuration(): Promise<client.Configuration> {
    this.config ??= client
      .discovery(
        this.oidc.issuer,
        this.oidc.clientId,
        undefined,
        client.ClientSecretPost(this.oidc.clientSecret),
        // Plain http is refused, except for a provider on this machine (tests, development).
        this.oidc.issuer.protocol === "http:" && LOOPBACK.has(this.oidc.issuer.hostname)
          ? { execute: [client.allowInsecureRequests] }
          : undefined,
      )
      .catch((err) => {
        this.config = undefined;
        throw err;
      });
    return this.config;
  }

  /** Where to send the browser, and what the callback must find again. */
  async startLogin(): Promise<{ url: URL; pending: PendingLogin }> {
    const config = await this.configuration();
    const pending: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: "openid email profile",
      response_type: "code",
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Exchange the callback's code (checking state, nonce and PKCE) for the ID token's identity. */
  async finishLogin(callbackQuery: string, pending: PendingLogin): Promise<OidcIdentity> {
    const config = await this.configuration();
    const current = new URL(this.redirectUri);
    current.search = callbackQuery;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error("the provider answered no ID token");
    // Many providers put email and name only in the UserInfo answer (OIDC Core 5.4: scope
    // claims go to the ID token only when no access token is issued).
    let claims: Record<string, unknown> = idToken;
    if (typeof idToken.email !== "string" || typeof idToken.name !== "string") {
      const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
      claims = { ...info, ...idToken };
    }
    const email =
      typeof claims.email === "string" && claims.email_verified !== false ? claims.email : null;
    const name = typeof claims.name === "string" ? claims.name : null;
    return { issuer: idToken.iss, subject: idToken.sub, email, name };
  }
}
