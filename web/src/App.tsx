// The console's frame: who is signed in, the screens their role may use,
// and the screen shown. The address holds only the screen's name (#/...),
// never a person's id or any other personal data.
import { useEffect, useState } from "react";
import { useAuth, type Role } from "./auth";
import { Candidates } from "./Candidates";
import { Careers } from "./Careers";
import { College } from "./College";
import { People, Person } from "./Person";
import { Reauth, SignIn } from "./SignIn";
import { Insights } from "./Insights";
import { Vacancies } from "./Vacancies";

type Screen = "vacancies" | "candidates" | "people" | "careers" | "college" | "insights" | "me" | "signin";

const screensFor: Record<Role | "ANONYMOUS", { screen: Screen; label: string }[]> = {
  ANONYMOUS: [
    { screen: "vacancies", label: "Vacancies" },
    { screen: "careers", label: "Career explorer" },
    { screen: "college", label: "College view" },
  ],
  ADVISER: [
    { screen: "vacancies", label: "Vacancies" },
    { screen: "people", label: "People" },
    { screen: "careers", label: "Career explorer" },
    { screen: "college", label: "College view" },
  ],
  EMPLOYER: [
    { screen: "vacancies", label: "Vacancies" },
    { screen: "careers", label: "Career explorer" },
  ],
  PROVIDER: [
    { screen: "college", label: "Our programmes" },
    { screen: "vacancies", label: "Vacancies" },
    { screen: "careers", label: "Career explorer" },
  ],
  PARTNER: [
    { screen: "vacancies", label: "Vacancies" },
    { screen: "careers", label: "Career explorer" },
    { screen: "college", label: "College view" },
  ],
  ADMIN: [
    { screen: "vacancies", label: "Vacancies" },
    { screen: "people", label: "People" },
    { screen: "careers", label: "Career explorer" },
    { screen: "college", label: "College view" },
    { screen: "insights", label: "Partnership insights" },
  ],
  PARTNERSHIP_LEAD: [
    { screen: "insights", label: "Partnership insights" },
    { screen: "vacancies", label: "Vacancies" },
    { screen: "careers", label: "Career explorer" },
    { screen: "college", label: "College view" },
  ],
  PERSON: [
    { screen: "me", label: "My page" },
    { screen: "vacancies", label: "Vacancies" },
    { screen: "careers", label: "Career explorer" },
  ],
};

const canSeeCandidates = (r?: Role) => r === "ADVISER" || r === "EMPLOYER" || r === "ADMIN";

function fromHash(): Screen {
  const h = location.hash.replace(/^#\/?/, "");
  return (["vacancies", "people", "careers", "college", "insights", "me", "signin"] as Screen[]).includes(h as Screen) ? (h as Screen) : "vacancies";
}

export function App() {
  const { session, config, signOut } = useAuth();
  const [screen, setScreenState] = useState<Screen>(fromHash());
  const [vacancy, setVacancy] = useState<{ id: string; title: string } | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const role = session?.role;
  const nav = screensFor[role ?? "ANONYMOUS"];

  function setScreen(s: Screen) {
    setScreenState(s);
    if (s !== "candidates") history.replaceState(null, "", `#/${s}`);
    document.getElementById("main")?.focus();
  }
  // After signing in, focus goes to the screen the user lands on.
  const signedIn = session !== null;
  useEffect(() => {
    if (signedIn) document.getElementById("main")?.focus();
  }, [signedIn]);
  useEffect(() => {
    const on = () => setScreenState(fromHash());
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  useEffect(() => {
    // A screen the role may not use falls back to the role's first.
    // Signed out, a screen that needs a sign-in asks for one.
    if (screen === "signin" && session) setScreenState(nav[0].screen);
    else if (screen !== "candidates" && screen !== "signin" && !nav.some((n) => n.screen === screen))
      setScreenState(!session && config.signIn !== "none" ? "signin" : nav[0].screen);
  }, [screen, nav, session, config.signIn]);

  const signedOutNeedsSignIn = !session && config.signIn !== "none";
  let body;
  if (screen === "signin" || (signedOutNeedsSignIn && screen !== "vacancies" && screen !== "careers" && screen !== "college")) {
    body = <SignIn />;
  } else if (screen === "candidates" && vacancy && canSeeCandidates(role)) {
    body = (
      <Candidates
        vacancyId={vacancy.id}
        canRefer={role === "ADVISER" || role === "ADMIN"}
        ownOrg={role === "ADVISER" ? session?.org : undefined}
        onBack={() => setScreen("vacancies")}
        onPerson={
          role === "EMPLOYER"
            ? undefined
            : (id) => {
                setPersonId(id);
                setScreen("people");
              }
        }
      />
    );
  } else if (screen === "people" && personId) {
    body = <Person personId={personId} role={role!} onBack={() => setPersonId(null)} onErased={() => setPersonId(null)} />;
  } else if (screen === "people") {
    body = <People onOpen={setPersonId} />;
  } else if (screen === "me" && session) {
    body = <Person personId={session.sub} role={role!} onErased={signOut} />;
  } else if (screen === "insights" && (role === "ADMIN" || role === "PARTNERSHIP_LEAD")) {
    body = <Insights />;
  } else if (screen === "careers") {
    body = <Careers />;
  } else if (screen === "college") {
    body = <College ownProvider={role === "PROVIDER" ? session?.org : undefined} />;
  } else {
    body = (
      <Vacancies
        onlyEmployer={role === "EMPLOYER" ? session?.org : undefined}
        onCandidates={
          canSeeCandidates(role)
            ? (id, title) => {
                setVacancy({ id, title });
                setScreen("candidates");
              }
            : undefined
        }
      />
    );
  }

  return (
    <>
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          // Move focus without changing the address, which names the screen.
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <header>
        <h1>OneWork</h1>
        <nav aria-label="Screens">
          <ul>
            {nav.map((n) => (
              <li key={n.screen}>
                <button
                  type="button"
                  aria-current={screen === n.screen ? "page" : undefined}
                  onClick={() => {
                    setPersonId(null);
                    setScreen(n.screen);
                  }}
                >
                  {n.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          {session ? (
            <>
              <span>
                Signed in as {session.role.toLowerCase()}
                {session.org ? ` (${session.org})` : ""}
              </span>{" "}
              <button type="button" onClick={() => { signOut(); setScreen("signin"); }}>
                Sign out
              </button>
            </>
          ) : (
            config.signIn !== "none" &&
            screen !== "signin" && (
              <button type="button" onClick={() => setScreen("signin")}>
                Sign in
              </button>
            )
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {body}
      </main>
      <Reauth />
    </>
  );
}
