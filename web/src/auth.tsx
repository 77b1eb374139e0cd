// Sign-in. In development (the server says signIn: "dev") a role and
// organisation picker mints a short-lived token through
// POST /console/dev-token, which exists only in development. In production
// (signIn: "oidc") the console signs in with OpenID Connect, authorisation
// code with PKCE, against the issuer the API trusts; the tokens live in
// memory only (oidc-client-ts with an in-memory user store; the PKCE
// verifier waits in sessionStorage for the one redirect).
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from "oidc-client-ts";
import { onUnauthenticated, setToken } from "./api";

export type Role = "ADMIN" | "ADVISER" | "EMPLOYER" | "PROVIDER" | "PARTNER" | "PERSON" | "PARTNERSHIP_LEAD";

export interface Session {
  role: Role;
  org: string;
  sub: string;
}

export interface ClientConfig {
  signIn: "dev" | "oidc" | "none";
  oidc?: { issuer: string; clientId: string; audience: string };
  /** A base map's tile URL template ({z}/{x}/{y}) and attribution, when the deployment has one. */
  map?: { tiles: string; attribution: string };
}

interface AuthState {
  config: ClientConfig;
  session: Session | null;
  /** Why the user is asked to sign in again, while they are. */
  reauthReason: string | null;
  signInDev(role: Role, org: string, sub: string, ttlSeconds?: number): Promise<void>;
  signInOIDC(): Promise<void>;
  /** reauthOIDC signs in again in a popup, so that the screen is kept. */
  reauthOIDC(): Promise<void>;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error("useAuth outside AuthProvider");
  return a;
}

function claims(jwt: string): Session {
  const part = jwt.split(".")[1] ?? "";
  const json = JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")));
  return { role: json.role, org: json.org ?? "", sub: json.sub ?? "" };
}

export function userManager(cfg: ClientConfig): UserManager | null {
  if (cfg.signIn !== "oidc" || !cfg.oidc) return null;
  const here = `${location.origin}/console/`;
  return new UserManager({
    authority: cfg.oidc.issuer,
    client_id: cfg.oidc.clientId,
    redirect_uri: here,
    popup_redirect_uri: here,
    post_logout_redirect_uri: here,
    response_type: "code",
    scope: "openid",
    resource: cfg.oidc.audience,
    extraTokenParams: { resource: cfg.oidc.audience },
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
}

export function AuthProvider({ config, children }: { config: ClientConfig; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [reauthReason, setReauthReason] = useState<string | null>(null);
  const waiting = useRef<(() => void)[]>([]);
  const um = useRef<UserManager | null>(null);
  if (um.current === null) um.current = userManager(config);

  const accept = useCallback((tok: string) => {
    setToken(tok);
    setSession(claims(tok));
    setReauthReason(null);
    const w = waiting.current;
    waiting.current = [];
    w.forEach((resume) => resume());
  }, []);

  useEffect(() => {
    onUnauthenticated(
      (reason) =>
        new Promise<void>((resume) => {
          waiting.current.push(resume);
          setReauthReason(reason);
        }),
    );
    return () => onUnauthenticated(null);
  }, []);

  // Coming back from the issuer: exchange the code, then clean the address.
  useEffect(() => {
    const m = um.current;
    if (!m) return;
    const q = new URLSearchParams(location.search);
    if ((!q.has("code") && !q.has("error")) || window.opener) return;
    m.signinRedirectCallback()
      .then((user) => {
        history.replaceState(null, "", `${location.pathname}${location.hash}`);
        accept(user.access_token);
      })
      .catch((e: Error) => {
        history.replaceState(null, "", `${location.pathname}${location.hash}`);
        setReauthReason(`sign-in failed: ${e.message}`);
      });
  }, [accept]);

  const signInDev = useCallback(
    async (role: Role, org: string, sub: string, ttlSeconds?: number) => {
      const res = await fetch("/console/dev-token", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ role, org, sub, ttlSeconds: ttlSeconds ?? 0 }),
        credentials: "omit",
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body.errors?.[0]?.message ?? `sign-in failed (${res.status})`);
      accept(body.token);
    },
    [accept],
  );

  const signInOIDC = useCallback(async () => {
    const m = um.current;
    if (!m) throw new Error("OpenID Connect is not configured");
    // Keep the screen (never personal data) across the redirect.
    await m.signinRedirect({ state: location.hash });
  }, []);

  const reauthOIDC = useCallback(async () => {
    const m = um.current;
    if (!m) throw new Error("OpenID Connect is not configured");
    const user = await m.signinPopup();
    accept(user.access_token);
  }, [accept]);

  const signOut = useCallback(() => {
    setToken(null);
    setSession(null);
    void um.current?.removeUser();
  }, []);

  return (
    <AuthContext.Provider value={{ config, session, reauthReason, signInDev, signInOIDC, reauthOIDC, signOut }}>
      {children}
    </AuthContext.Provider>
  );
}
