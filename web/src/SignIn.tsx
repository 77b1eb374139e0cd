// The sign-in screen and the sign-in-again dialog.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { request } from "./api";
import { useAuth, type Role } from "./auth";
import { EmployersQuery, ProvidersQuery } from "./ops";
import { describe, ErrorNote } from "./ui";

const roles: { role: Role; label: string; hint: string }[] = [
  { role: "ADVISER", label: "Adviser", hint: "a careers adviser or work coach with a caseload" },
  { role: "EMPLOYER", label: "Employer", hint: "an employer: candidates for its vacancies, anonymised" },
  { role: "PROVIDER", label: "College or training provider", hint: "a provider's programmes and destinations" },
  { role: "PARTNER", label: "Partner app", hint: "reference data only, no personal data" },
  { role: "PARTNERSHIP_LEAD", label: "Partnership lead", hint: "the partnership's insights and fairness monitoring, aggregates only" },
  { role: "ADMIN", label: "Hub admin", hint: "everything, including export and erasure" },
  { role: "PERSON", label: "A job seeker", hint: "their own record (give their id)" },
];

async function suggestions(role: Role): Promise<{ id: string; name: string }[]> {
  switch (role) {
    case "ADVISER": {
      const res = await fetch(`/console/dev-orgs?role=${role}`, { credentials: "omit" });
      const body = await res.json();
      return (body.orgs as string[]).map((id) => ({ id, name: id }));
    }
    case "EMPLOYER":
      return (await request(EmployersQuery)).employers.nodes.map((e) => ({ id: e.id, name: e.name }));
    case "PROVIDER":
      return (await request(ProvidersQuery, { text: null })).providers.nodes.map((p) => ({ id: p.id, name: p.name }));
    case "PARTNER":
      return [{ id: "partner-demo", name: "A demonstration partner app" }];
    case "PARTNERSHIP_LEAD":
      return [{ id: "partnership", name: "The partnership" }];
    default:
      return [];
  }
}

/** DevPicker mints a development token for a role and organisation. */
export function DevPicker({ onDone }: { onDone?: () => void }) {
  const { signInDev } = useAuth();
  const [role, setRole] = useState<Role>("ADVISER");
  const [org, setOrg] = useState("");
  const [sub, setSub] = useState("");
  const [orgs, setOrgs] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [loadingOrgs, setLoadingOrgs] = useState(true);
  const ids = { org: useId(), sub: useId() };
  useEffect(() => {
    let live = true;
    setOrgs([]);
    setLoadingOrgs(true);
    suggestions(role)
      .then(
        (o) => {
          if (!live) return;
          setOrgs(o);
          setOrg(o[0]?.id ?? "");
        },
        () => live && setOrg(""),
      )
      .finally(() => live && setLoadingOrgs(false));
    return () => {
      live = false;
    };
  }, [role]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await signInDev(role, org, sub);
      onDone?.();
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  }
  const needsOrg = role !== "ADMIN" && role !== "PERSON";
  return (
    <form onSubmit={submit} className="signin" aria-label="Development sign-in">
      <fieldset>
        <legend>Who are you? (development sign-in)</legend>
        {roles.map((r) => (
          <label key={r.role} className="check">
            <input type="radio" name="role" value={r.role} checked={role === r.role} onChange={() => setRole(r.role)} /> <strong>{r.label}</strong>{" "}
            <span className="meta">{r.hint}</span>
          </label>
        ))}
      </fieldset>
      {needsOrg && (
        <div className="field">
          <label htmlFor={ids.org}>Organisation</label>
          {orgs.length > 0 ? (
            <select id={ids.org} value={org} onChange={(e) => setOrg(e.target.value)}>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          ) : (
            <input id={ids.org} value={org} onChange={(e) => setOrg(e.target.value)} />
          )}
        </div>
      )}
      {role === "PERSON" && (
        <div className="field">
          <label htmlFor={ids.sub}>Your person id</label>
          <input id={ids.sub} value={sub} onChange={(e) => setSub(e.target.value)} />
        </div>
      )}
      {error && <ErrorNote error={error} />}
      <button type="submit" disabled={busy || loadingOrgs}>
        Sign in
      </button>
    </form>
  );
}

export function SignIn() {
  const { config, signInOIDC } = useAuth();
  const [error, setError] = useState("");
  return (
    <section aria-labelledby="signin-h" className="signin-page">
      <h2 id="signin-h">Sign in</h2>
      {config.signIn === "dev" && <DevPicker />}
      {config.signIn === "oidc" && (
        <>
          <p>Sign in with your organisation's account.</p>
          <button type="button" onClick={() => signInOIDC().catch((e) => setError(describe(e)))}>
            Sign in with your organisation
          </button>
          {error && <ErrorNote error={error} />}
        </>
      )}
      {config.signIn === "none" && <p>This hub has no sign-in configured: you can search vacancies, career moves and programmes without signing in.</p>}
    </section>
  );
}

/** Reauth asks the user to sign in again when the API refuses the token; the waiting request then resumes. */
export function Reauth() {
  const { reauthReason, config, session, signInDev, reauthOIDC } = useAuth();
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (reauthReason && !d.open) d.showModal?.();
    if (!reauthReason && d.open) d.close();
  }, [reauthReason]);
  return (
    <dialog ref={ref} aria-labelledby="reauth-h" onCancel={(e) => e.preventDefault()}>
      <h2 id="reauth-h">Please sign in again</h2>
      <p>The API said: {reauthReason}. Your screen is kept; the request goes on once you are signed in.</p>
      {config.signIn === "dev" && session && (
        <button
          type="button"
          onClick={() => signInDev(session.role, session.org, session.role === "PERSON" ? session.sub : "").catch((e) => setError(describe(e)))}
        >
          Sign in again as {session.role.toLowerCase()}
        </button>
      )}
      {config.signIn === "dev" && !session && <DevPicker />}
      {config.signIn === "oidc" && (
        <button type="button" onClick={() => reauthOIDC().catch((e) => setError(describe(e)))}>
          Sign in again with your organisation
        </button>
      )}
      {error && <ErrorNote error={error} />}
    </dialog>
  );
}
