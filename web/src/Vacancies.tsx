// Vacancies: search by place and distance, occupation, employer kind and
// open now; a list and a map (over the deployment's tiles, or plain).
import { lazy, Suspense, useEffect, useId, useState, type FormEvent } from "react";
import { request } from "./api";
import { useAuth } from "./auth";
import type { EmployerKind, VacancyFilter } from "./gql/graphql";
import { OccupationsQuery, VacanciesQuery } from "./ops";
import { describe, Empty, ErrorNote, Loading, money, PlacePicker, SearchPicker, Show, useLoad, words, type Picked, type PickedPlace } from "./ui";

// The charts load on demand, keeping the first page small.
const PointsMap = lazy(() => import("./charts").then((m) => ({ default: m.PointsMap })));

const pageSize = 50;

const kinds: EmployerKind[] = ["NHS", "LOCAL_AUTHORITY", "CARE_PROVIDER", "VCSE", "EDUCATION", "PRIVATE"];

/**
 * Vacancies lists vacancies; onCandidates, when given, offers the ranked
 * candidates of those vacancies whose employer onlyEmployer is (all when
 * it is not set).
 */
export function Vacancies({ onCandidates, onlyEmployer }: { onCandidates?: (id: string, title: string) => void; onlyEmployer?: string }) {
  const [place, setPlace] = useState<PickedPlace | null>(null);
  const [km, setKm] = useState(15);
  const [text, setText] = useState("");
  const [occupation, setOccupation] = useState<Picked | null>(null);
  const [kind, setKind] = useState<EmployerKind | "">("");
  const [openNow, setOpenNow] = useState(true);
  const [filter, setFilter] = useState<VacancyFilter>({ openNow: true });
  const [load, retry] = useLoad(() => request(VacanciesQuery, { filter, first: pageSize }), [JSON.stringify(filter)]);
  type Page = Awaited<ReturnType<typeof fetchPage>>["vacancies"];
  const fetchPage = (after: string) => request(VacanciesQuery, { filter, first: pageSize, after });
  const empty = { nodes: [] as Page["nodes"], pageInfo: { hasNextPage: false, endCursor: null } as Page["pageInfo"], after: "" };
  const [more, setMore] = useState(empty);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState("");
  useEffect(() => {
    setMore(empty);
    setMoreError("");
  }, [JSON.stringify(filter)]);
  async function showMore(after?: string | null) {
    if (!after) return;
    setLoadingMore(true);
    setMoreError("");
    try {
      const p = (await fetchPage(after)).vacancies;
      setMore((m) => ({ nodes: [...m.nodes, ...p.nodes], pageInfo: p.pageInfo, after }));
    } catch (e) {
      setMoreError(describe(e));
    } finally {
      setLoadingMore(false);
    }
  }
  const ids = { km: useId(), text: useId(), kind: useId(), open: useId() };
  const { config } = useAuth();

  function search(e: FormEvent) {
    e.preventDefault();
    const f: VacancyFilter = { openNow: openNow || undefined };
    if (place) f.near = { placeId: place.id, withinKm: km };
    if (text.trim()) f.text = text.trim();
    if (occupation) f.occupationId = occupation.id;
    if (kind) f.employerKind = kind;
    setFilter(f);
  }

  return (
    <section aria-labelledby="vacancies-h">
      <h2 id="vacancies-h">Vacancies</h2>
      <form className="filters" onSubmit={search} aria-label="Search vacancies">
        <PlacePicker label="Near" value={place} onChange={setPlace} />
        <div className="field">
          <label htmlFor={ids.km}>Within</label>
          <select id={ids.km} value={km} onChange={(e) => setKm(Number(e.target.value))}>
            {[5, 10, 15, 25, 50].map((k) => (
              <option key={k} value={k}>
                {k} km
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.text}>Words in the title</label>
          <input id={ids.text} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <OccupationPicker value={occupation} onChange={setOccupation} />
        <div className="field">
          <label htmlFor={ids.kind}>Employer kind</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as EmployerKind | "")}>
            <option value="">Any</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {words(k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field check">
          <input id={ids.open} type="checkbox" checked={openNow} onChange={(e) => setOpenNow(e.target.checked)} />
          <label htmlFor={ids.open}>Open now</label>
        </div>
        <button type="submit">Search</button>
      </form>
      <Show load={load} what="vacancies" retry={retry}>
        {(first) => {
          // Later pages, fetched with "Show more", follow the first.
          const d = { vacancies: { ...first.vacancies, nodes: [...first.vacancies.nodes, ...more.nodes], pageInfo: more.after ? more.pageInfo : first.vacancies.pageInfo } };
          return d.vacancies.nodes.length === 0 ? (
            <Empty>No vacancies match. Try a wider distance, another place, or fewer filters.</Empty>
          ) : (
            <>
              <p role="status">
                {d.vacancies.totalCount} {d.vacancies.totalCount === 1 ? "vacancy" : "vacancies"}
                {d.vacancies.totalCount > d.vacancies.nodes.length ? `, the first ${d.vacancies.nodes.length} shown` : ""}
              </p>
              {moreError && <ErrorNote error={moreError} />}
              <div className="split">
                <ul className="cards" aria-label="Vacancies found">
                  {d.vacancies.nodes.map((v) => (
                    <li key={v.id} className="card">
                      <h3>{v.title}</h3>
                      <p>
                        {v.employer.name} · {words(v.employer.kind)}
                        {v.place ? ` · ${v.place.name}` : ""}
                      </p>
                      <p className="meta">
                        {v.occupation?.label ?? "occupation not known"} · {money(v.salaryMin)}
                        {v.salaryMax > v.salaryMin ? `–${money(v.salaryMax)}` : ""}
                        {v.contract ? ` · ${words(v.contract)}` : ""} · {v.openNow ? "open now" : "closed"}
                      </p>
                      <p className="tags">
                        {v.employer.realLivingWage && <span className="tag">Real Living Wage</span>}
                        {v.employer.charterLevel !== "NONE" && <span className="tag">Charter: {words(v.employer.charterLevel)}</span>}
                        {v.employer.disabilityConfident && <span className="tag">Disability Confident</span>}
                        {v.flexible && <span className="tag">Flexible</span>}
                      </p>
                      {onCandidates && (!onlyEmployer || v.employer.id === onlyEmployer) && (
                        <button type="button" onClick={() => onCandidates(v.id, v.title)}>
                          Candidates for {v.title}
                        </button>
                      )}
                    </li>
                  ))}
                  {d.vacancies.pageInfo.hasNextPage && (
                    <li>
                      <button type="button" disabled={loadingMore} onClick={() => void showMore(d.vacancies.pageInfo.endCursor)}>
                        {loadingMore ? "Loading more…" : "Show more vacancies"}
                      </button>
                    </li>
                  )}
                </ul>
                <Suspense fallback={<Loading what="the map" />}>
                  <PointsMap tiles={config.map} points={d.vacancies.nodes.flatMap((v) => (v.location ? [{ x: v.location.lon, y: v.location.lat, title: v.title }] : []))} />
                </Suspense>
              </div>
            </>
          );
        }}
      </Show>
    </section>
  );
}

const searchOccupations = (text: string) =>
  request(OccupationsQuery, { text }).then((d) => d.occupations.nodes.map((o) => ({ id: o.id, name: o.label })));

function OccupationPicker(props: { value: Picked | null; onChange(o: Picked | null): void }) {
  return <SearchPicker {...props} label="Occupation" minChars={3} search={searchOccupations} />;
}
