import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AuthConfig } from "./auth-config";

/** The browser session: HttpOnly (out of JavaScript's reach), SameSite=Lax, Secure on https. */
export const SESSION_COOKIE = "pagewise_session";
/** The header the web client echoes the session's CSRF token in, on unsafe requests. */
export const CSRF_HEADER = "X-CSRF-Token";

/** https when the public URL says so, or the request itself came over https. */
export function isSecure(c: Context, auth: AuthConfig): boolean {
  if (auth.publicUrl) return auth.publicUrl.protocol === "https:";
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(
  c: Context,
  auth: AuthConfig,
  secret: string,
  expiresAt: string,
): void {
  setCookie(c, SESSION_COOKIE, secret, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: isSecure(c, auth),
    maxAge: Math.max(1, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(c: Context, auth: AuthConfig): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: isSecure(c, auth) });
}

/** The origin browsers send for our own pages: the public URL's, else the request's. */
export function expectedOrigin(c: Context, auth: AuthConfig): string {
  return auth.publicUrl?.origin ?? new URL(c.req.url).origin;
}

/** Whether an `Origin` header (if the browser sent one) is our own. */
export function originAllowed(c: Context, auth: AuthConfig): boolean {
  const origin = c.req.header("origin");
  return origin === undefined || origin === expectedOrigin(c, auth);
}
