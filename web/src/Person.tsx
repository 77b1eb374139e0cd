// A person: vacancies now, what would close the gap for one, career moves
// with their gaps and local programmes, consents; the self-declared
// monitoring data for the person and admins; export and erasure for admins.
// The person's id is held in memory, never put in the address.
import { useState } from "react";
import { request } from "./api";
import type { Role } from "./auth";
import { ErasePersonMutation, ExportPersonMutation, PeopleQuery, PersonMovesQuery, PersonQuery, PersonVacanciesQuery, ProgrammesForQuery, SetConsentMutation } from "./ops";
import { Bars, describe, Empty, ErrorNote, percent, Show, useLoad } from "./ui";

export function People({ onOpen }: { onOpen(id: string): void }) {
  const [load, retry] = useLoad(() => request(PeopleQuery, { first: 50 }), []);
  return (
    <section aria-labelledby="people-h">
      <h2 id="people-h">People</h2>
      <Show load={load} what="your caseload" retry={retry}>
        {(d) =>
          d.people.nodes.length === 0 ? (
            <Empty>No one on your caseload yet.</Empty>
          ) : (
            <>
              <p role="status">{d.people.totalCount} people on your caseload</p>
              <ul className="cards" aria-label="Caseload">
                {d.people.nodes.map((p) => (
                  <li className="card row" key={p.id}>
                    <span>
                      <strong>{p.name ?? "(name hidden)"}</strong> · {p.place?.name ?? "area unknown"}
                      {p.seeks.length > 0 ? ` · seeks ${p.seeks.map((s) => s.label).join(", ")}` : ""}
                    </span>
                    <button type="button" onClick={() => onOpen(p.id)}>
                      Open {p.name ?? "person"}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Show>
    </section>
  );
}

export function Person({ personId, role, onBack, onErased }: { personId: string; role: Role; onBack?: () => void; onErased(): void }) {
  // Only the person and admins may see monitoring data: no one else asks for it.
  const withEquality = role === "ADMIN" || role === "PERSON";
  const [load, retry] = useLoad(() => request(PersonQuery, { id: personId, withEquality }), [personId, withEquality]);
  const [busy, setBusy] = useState("");
  const [actionError, setActionError] = useState("");
  const [consentOverride, setConsent] = useState<{ consentMatching: boolean; consentShareWithEmployers: boolean; consentMonitoring: boolean } | null>(null);
  const admin = role === "ADMIN";

  async function exportData() {
    setBusy("export");
    setActionError("");
    try {
      const d = await request(ExportPersonMutation, { id: personId });
      const url = URL.createObjectURL(new Blob([d.exportPerson], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "person-export.json";
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setActionError(describe(e));
    } finally {
      setBusy("");
    }
  }

  async function erase() {
    if (!window.confirm("Erase this person and everything linked to them? This cannot be undone.")) return;
    setBusy("erase");
    setActionError("");
    try {
      await request(ErasePersonMutation, { id: personId });
      onErased();
    } catch (e) {
      setActionError(describe(e));
    } finally {
      setBusy("");
    }
  }

  async function toggle(key: "matching" | "shareWithEmployers" | "monitoring", value: boolean) {
    setBusy(key);
    setActionError("");
    try {
      const d = await request(SetConsentMutation, { personId, consent: { [key]: value } });
      setConsent(d.setConsent);
    } catch (e) {
      setActionError(describe(e));
    } finally {
      setBusy("");
    }
  }

  return (
    <section aria-labelledby="person-h">
      {onBack && (
        <p>
          <button type="button" className="link" onClick={onBack}>
            ← Back
          </button>
        </p>
      )}
      <Show load={load} what="the person" retry={retry}>
        {(d) => {
          const p = d.person;
          if (!p) return <Empty>This person is not on your caseload, or no longer exists.</Empty>;
          const c = consentOverride ?? p;
          return (
            <>
              <h2 id="person-h">{p.name ?? "A person"}</h2>
              <p className="meta">
                {p.place?.name ?? "area unknown"} · travels up to {p.travelKm || "?"} km · {p.hoursPerWeek || "?"} hours a week
                {p.rightToWork ? " · right to work" : ""}
              </p>
              <p className="meta">
                Skills: {p.skills.length === 0 ? "none recorded" : p.skills.map((s) => s.skill.label).join(", ")}
              </p>
              {p.seeks.length > 0 && <p className="meta">Seeks: {p.seeks.map((s) => s.label).join(", ")}</p>}
              {p.registrations && p.registrations.length > 0 && (
                <p className="meta">
                  Registered with:{" "}
                  {p.registrations
                    .map((r) => `${r.regulator}${r.number ? ` ${r.number}` : ""}${r.expires ? ` until ${r.expires.slice(0, 10)}` : ""}`)
                    .join(", ")}
                </p>
              )}
              <fieldset className="consents">
                <legend>Consents</legend>
                {(
                  [
                    ["matching", "To be matched to vacancies", c.consentMatching],
                    ["shareWithEmployers", "To share details with employers", c.consentShareWithEmployers],
                    ["monitoring", "To keep equality monitoring data", c.consentMonitoring],
                  ] as const
                ).map(([key, text, on]) => (
                  <label key={key} className="check">
                    <input type="checkbox" checked={on} disabled={busy !== ""} onChange={(e) => void toggle(key, e.target.checked)} /> {text}
                  </label>
                ))}
              </fieldset>
              {withEquality && (
                <section aria-labelledby="equality-h">
                  <h3 id="equality-h">Equality monitoring (self-declared; never used in any score)</h3>
                  {p.equality ? (
                    <dl className="pairs">
                      {Object.entries(p.equality)
                        .filter(([k]) => k !== "__typename")
                        .map(([k, v]) => (
                          <div key={k}>
                            <dt>{k.replace(/([A-Z])/g, " $1").toLowerCase()}</dt>
                            <dd>{String(v) || "not given"}</dd>
                          </div>
                        ))}
                    </dl>
                  ) : (
                    <Empty>None recorded.</Empty>
                  )}
                </section>
              )}
              {admin && (
                <div className="actions">
                  <button type="button" onClick={() => void exportData()} disabled={busy !== ""}>
                    Export everything stored (JSON)
                  </button>
                  <button type="button" className="danger" onClick={() => void erase()} disabled={busy !== ""}>
                    Erase this person
                  </button>
                </div>
              )}
              {actionError && <ErrorNote error={actionError} />}
              <PersonVacancies personId={p.id} />
              <PersonMoves personId={p.id} placeId={p.place?.id} />
            </>
          );
        }}
      </Show>
    </section>
  );
}

function PersonVacancies({ personId }: { personId: string }) {
  const [load, retry] = useLoad(() => request(PersonVacanciesQuery, { personId }), [personId]);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="pv-h">
      <h3 id="pv-h">Vacancies that fit now</h3>
      <Show load={load} what="vacancies for this person" retry={retry}>
        {(d) =>
          d.vacanciesForPerson.edges.length === 0 ? (
            <Empty>{d.vacanciesForPerson.notes.join(" ") || "No open vacancy fits yet."}</Empty>
          ) : (
            <ol className="cards ranked">
              {d.vacanciesForPerson.edges.map((e) => {
                const missing = e.skills.filter((s) => s.tier === "MISSING" && s.essential);
                return (
                  <li className="card" key={e.vacancy.id}>
                    <h4>
                      {e.vacancy.title} <span className="score">score {percent(e.score)}</span>
                    </h4>
                    <p className="meta">
                      {e.vacancy.employer.name} · {e.vacancy.place?.name ?? ""}
                      {e.distanceKm != null ? ` · ${e.distanceKm.toFixed(1)} km` : ""}
                    </p>
                    <Bars
                      label={`Score breakdown for ${e.vacancy.title}`}
                      parts={[
                        ["Fit", e.breakdown.fit],
                        ["Skills", e.breakdown.skills],
                        ["Experience", e.breakdown.experience],
                        ["Distance", e.breakdown.distance],
                        ["Hours and timing", e.breakdown.preferences],
                        ["Good work", e.breakdown.goodWork?.score ?? 0],
                      ]}
                    />
                    {e.registration && !e.registration.held && (
                      <p className="gap">
                        Needs registration as a {e.registration.title}: {e.registration.route}
                      </p>
                    )}
                    <ul className="reasons">
                      {e.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                    {missing.length > 0 && (
                      <>
                        <p>
                          Missing: {missing.slice(0, 6).map((s) => s.skill.label).join(", ")}
                          {missing.length > 6 ? ` and ${missing.length - 6} more` : ""}
                        </p>
                        {open === e.vacancy.id ? (
                          <GapProgrammes personId={personId} vacancyId={e.vacancy.id} />
                        ) : (
                          <button type="button" onClick={() => setOpen(e.vacancy.id)}>
                            Programmes that close the gap for {e.vacancy.title}
                          </button>
                        )}
                      </>
                    )}
                  </li>
                );
              })}
            </ol>
          )
        }
      </Show>
    </section>
  );
}

function GapProgrammes({ personId, vacancyId }: { personId: string; vacancyId: string }) {
  const [load, retry] = useLoad(() => request(ProgrammesForQuery, { personId, vacancyId }), [personId, vacancyId]);
  return (
    <Show load={load} what="programmes" retry={retry}>
      {(d) =>
        d.programmesFor.programmes.length === 0 ? (
          <Empty>No local programme teaches what is missing.</Empty>
        ) : (
          <ul className="programmes">
            {d.programmesFor.programmes.map((r) => (
              <li key={r.programme.id}>
                Ready after <strong>{r.programme.title}</strong>
                {r.programme.provider ? ` (${r.programme.provider.name})` : ""}: closes {percent(r.share)} of the gap
                {r.reasons.length ? `. ${r.reasons.join("; ")}` : ""}
              </li>
            ))}
          </ul>
        )
      }
    </Show>
  );
}

function PersonMoves({ personId, placeId }: { personId: string; placeId?: string }) {
  const [load, retry] = useLoad(
    () => request(PersonMovesQuery, { personId, near: placeId ? { placeId, withinKm: 25 } : undefined }),
    [personId, placeId],
  );
  return (
    <section aria-labelledby="pm-h">
      <h3 id="pm-h">Career moves</h3>
      <Show load={load} what="career moves" retry={retry}>
        {(d) => <MovesList moves={d.careerMoves.moves} origin={d.careerMoves.origin?.label} />}
      </Show>
    </section>
  );
}

export interface MoveView {
  similarity: number;
  payRatio?: number | null;
  crossSector: boolean;
  vacanciesNearby?: number | null;
  reasons: string[];
  occupation: { id: string; label: string };
  missingSkills: { essential: boolean; skill: { label: string } }[];
  programmes: { id: string; title: string; provider?: { name: string } | null }[];
}

export function MovesList({ moves, origin }: { moves: MoveView[]; origin?: string }) {
  if (moves.length === 0) return <Empty>No viable move found{origin ? ` from ${origin}` : ""}.</Empty>;
  return (
    <>
      {origin && <p>From {origin}:</p>}
      <ol className="cards ranked" aria-label="Career moves">
        {moves.map((m) => (
          <li className="card" key={m.occupation.id}>
            <h4>
              {m.occupation.label} <span className="score">{percent(m.similarity)} similar</span>
            </h4>
            <p className="meta">
              {m.crossSector ? "another sector" : "same sector"}
              {m.payRatio != null ? ` · pay ${percent(m.payRatio)} of now` : ""}
              {m.vacanciesNearby != null ? ` · ${m.vacanciesNearby} open vacancies nearby` : ""}
            </p>
            <p>
              Gap:{" "}
              {m.missingSkills.filter((s) => s.essential).length === 0
                ? "no essential skill missing"
                : m.missingSkills
                    .filter((s) => s.essential)
                    .map((s) => s.skill.label)
                    .join(", ")}
            </p>
            {m.programmes.length > 0 && (
              <p>
                Local programmes: {m.programmes.map((p) => p.title + (p.provider ? ` (${p.provider.name})` : "")).join("; ")}
              </p>
            )}
            <ul className="reasons">
              {m.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}
