// Candidates for a vacancy: ranked, each with the score breakdown as bars,
// held, related and missing skills, the reasons to read out, and readiness
// ("ready after programme X").
import { useState } from "react";
import { request } from "./api";
import { CandidatesQuery, ReferMutation, ReferralsForVacancyQuery, VacancyQuery } from "./ops";
import { Bars, describe, Empty, ErrorNote, percent, Show, useLoad, words } from "./ui";

export function Candidates({
  vacancyId,
  canRefer,
  ownOrg,
  onPerson,
  onBack,
}: {
  vacancyId: string;
  /** Advisers and admins may put a person forward (advisers: their own caseload, ownOrg). */
  canRefer?: boolean;
  ownOrg?: string;
  onPerson?: (id: string) => void;
  onBack(): void;
}) {
  const [vacancy] = useLoad(() => request(VacancyQuery, { id: vacancyId }), [vacancyId]);
  const [load, retry] = useLoad(() => request(CandidatesQuery, { vacancyId, first: 20 }), [vacancyId]);
  const [referred] = useLoad(canRefer ? () => request(ReferralsForVacancyQuery, { vacancyId }) : null, [vacancyId, canRefer]);
  const stages = new Map<string, string>();
  if (referred.state === "done") for (const r of referred.data.referrals.nodes) if (r.person) stages.set(r.person.id, r.stage);
  return (
    <section aria-labelledby="candidates-h">
      <p>
        <button type="button" className="link" onClick={onBack}>
          ← Back to vacancies
        </button>
      </p>
      <h2 id="candidates-h">Candidates</h2>
      <Show load={vacancy} what="the vacancy">
        {(d) =>
          d.vacancy ? (
            <div className="card">
              <h3>{d.vacancy.title}</h3>
              <p>
                {d.vacancy.employer.name} · {d.vacancy.place?.name ?? "place not stated"} · {d.vacancy.occupation?.label ?? "occupation not known"}
              </p>
              <p className="meta">
                {d.vacancy.requirements.length === 0
                  ? "No skills recorded for this vacancy."
                  : `Needs ${d.vacancy.requirements.filter((r) => r.essential).length} essential skills (${d.vacancy.requirements
                      .filter((r) => r.essential)
                      .slice(0, 6)
                      .map((r) => r.skill.label)
                      .join(", ")}${d.vacancy.requirements.filter((r) => r.essential).length > 6 ? ", …" : ""}) and ${
                      d.vacancy.requirements.filter((r) => !r.essential).length
                    } optional ones.`}
              </p>
            </div>
          ) : (
            <Empty>This vacancy no longer exists.</Empty>
          )
        }
      </Show>
      <Show load={load} what="candidates" retry={retry}>
        {(d) => (
          <>
            {d.candidatesForVacancy.notes.map((n) => (
              <p className="note" key={n}>
                {n}
              </p>
            ))}
            {d.candidatesForVacancy.edges.length === 0 ? (
              <Empty>No one you may see fits this vacancy yet.</Empty>
            ) : (
              <>
                <p role="status">
                  {d.candidatesForVacancy.totalCount} {d.candidatesForVacancy.totalCount === 1 ? "person fits" : "people fit"}, best first
                </p>
                <ol className="cards ranked" aria-label="Ranked candidates">
                  {d.candidatesForVacancy.edges.map((c, i) => {
                    const ordered = [...c.skills].sort((a, b) => Number(b.essential) - Number(a.essential));
                    const held = ordered.filter((s) => s.tier === "HELD");
                    const related = ordered.filter((s) => s.tier === "RELATED");
                    const missing = ordered.filter((s) => s.tier === "MISSING");
                    const who = c.person.name ?? `Candidate ${i + 1} (anonymised)`;
                    return (
                      <li className="card candidate" key={c.person.id}>
                        <h3>
                          {i + 1}. {who} <span className="score">score {percent(c.score)}</span>
                        </h3>
                        <p className="meta">
                          {c.person.place?.name ?? "area not shared"}
                          {c.distanceKm != null ? ` · ${c.distanceKm.toFixed(1)} km away` : ""} ·{" "}
                          <Readiness readiness={c.readiness} after={c.readyAfter} registration={c.registration} />
                        </p>
                        <Bars
                          label={`Score breakdown for ${who}`}
                          parts={[
                            ["Fit", c.breakdown.fit],
                            ["Skills", c.breakdown.skills],
                            ["Experience", c.breakdown.experience],
                            ["Distance", c.breakdown.distance],
                            ["Local", c.breakdown.local],
                            ["Widening access", c.breakdown.access],
                            ["Hours and timing", c.breakdown.preferences],
                          ]}
                        />
                        {c.experience && (
                          <p className="meta">
                            Experience: {c.experience.seeks ? "seeks" : "worked as"} {c.experience.occupation.label} ({percent(c.experience.closeness)} close to
                            this role)
                          </p>
                        )}
                        <div className="skills">
                          <SkillList title="Holds" items={held.map((s) => s.skill.label + (s.essential ? "" : " (optional)"))} kind="held" />
                          <SkillList title="Related" items={related.map((s) => `${s.skill.label}${s.via ? ` (via ${s.via.label})` : ""}`)} kind="related" />
                          <SkillList title="Missing" items={missing.map((s) => s.skill.label + (s.essential ? "" : " (optional)"))} kind="missing" />
                        </div>
                        <h4>Why</h4>
                        <ul className="reasons">
                          {c.reasons.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                        {onPerson && c.person.name != null && (
                          <button type="button" onClick={() => onPerson(c.person.id)}>
                            Open {who}
                          </button>
                        )}
                        {canRefer && c.person.name != null && (!ownOrg || c.person.orgId === ownOrg) && (
                          <PutForward personId={c.person.id} vacancyId={vacancyId} who={who} stage={stages.get(c.person.id)} />
                        )}
                      </li>
                    );
                  })}
                </ol>
              </>
            )}
          </>
        )}
      </Show>
    </section>
  );
}

/** PutForward refers a person to the vacancy, or shows how far an earlier referral has got. */
function PutForward({ personId, vacancyId, who, stage }: { personId: string; vacancyId: string; who: string; stage?: string }) {
  const [result, setResult] = useState<{ stage: string; changed: boolean; warning?: string | null } | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  async function refer() {
    setBusy(true);
    setError("");
    try {
      const r = (await request(ReferMutation, { personId, vacancyId })).refer;
      setResult({ stage: r.referral.stage, changed: r.changed, warning: r.warning });
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  }
  const shown = result?.stage ?? stage;
  return (
    <div className="put-forward">
      {shown ? (
        <p role="status" className="referral">
          {result?.changed ? `Put forward: ${words(shown).toLowerCase()}` : `Already put forward: ${words(shown).toLowerCase()}`}
          {result?.warning ? ` (${result.warning})` : ""}
        </p>
      ) : (
        <button type="button" onClick={refer} disabled={busy} aria-label={`Put forward ${who} for this vacancy`}>
          {busy ? "Putting forward…" : "Put forward"}
        </button>
      )}
      {error && <ErrorNote error={error} />}
    </div>
  );
}

function Readiness({
  readiness,
  after,
  registration,
}: {
  readiness: string;
  after?: { title: string; durationWeeks: number; provider?: { name: string } | null } | null;
  registration?: { title: string; route: string; held: boolean } | null;
}) {
  if (readiness === "READY") return <strong className="ready">Ready now</strong>;
  if (readiness === "NEEDS_REGISTRATION" && registration)
    return (
      <strong className="gap">
        Needs registration as a {registration.title}: {registration.route}
      </strong>
    );
  if (readiness === "AFTER_PROGRAMME" && after)
    return (
      <strong className="after">
        Ready after {after.title}
        {after.provider ? ` (${after.provider.name}` : " ("}
        {after.durationWeeks ? `, ${after.durationWeeks} weeks)` : ")"}
      </strong>
    );
  return <strong className="gap">{words(readiness)}: missing essential skills</strong>;
}

const shown = 5;

function SkillList({ title, items, kind }: { title: string; items: string[]; kind: string }) {
  return (
    <div className={`skill-list ${kind}`}>
      <h4>
        {title} ({items.length})
      </h4>
      {items.length === 0 ? (
        <p className="meta">none</p>
      ) : (
        <>
          <ul>
            {items.slice(0, shown).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          {items.length > shown && (
            <details>
              <summary>{items.length - shown} more</summary>
              <ul>
                {items.slice(shown).map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}
