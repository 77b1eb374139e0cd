// College view: a provider's programmes, where they lead and the live
// local demand for those destinations.
import { lazy, Suspense, useId, useState } from "react";
import { request } from "./api";
import { ProviderQuery, ProvidersQuery } from "./ops";
import { Empty, Loading, percent, Show, useLoad, words } from "./ui";

const DemandChart = lazy(() => import("./charts").then((m) => ({ default: m.DemandChart })));

export function College({ ownProvider }: { ownProvider?: string }) {
  const [chosen, setChosen] = useState<string>(ownProvider ?? "");
  const [list, retryList] = useLoad(ownProvider ? null : () => request(ProvidersQuery, { text: null }), [ownProvider]);
  const selectId = useId();
  return (
    <section aria-labelledby="college-h">
      <h2 id="college-h">College view</h2>
      {!ownProvider && (
        <Show load={list} what="providers" retry={retryList}>
          {(d) =>
            d.providers.nodes.length === 0 ? (
              <Empty>No providers recorded.</Empty>
            ) : (
              <div className="field">
                <label htmlFor={selectId}>Provider</label>
                <select id={selectId} value={chosen} onChange={(e) => setChosen(e.target.value)}>
                  <option value="">Choose a provider…</option>
                  {d.providers.nodes.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({words(p.kind)}{p.place ? `, ${p.place.name}` : ""})
                    </option>
                  ))}
                </select>
              </div>
            )
          }
        </Show>
      )}
      {chosen && <ProviderDetail id={chosen} />}
    </section>
  );
}

function ProviderDetail({ id }: { id: string }) {
  const [load, retry] = useLoad(() => request(ProviderQuery, { id }), [id]);
  return (
    <Show load={load} what="the provider's programmes" retry={retry}>
      {(d) => {
        const p = d.provider;
        if (!p) return <Empty>This provider is not recorded.</Empty>;
        const demand = new Map<string, { occupation: string; vacancies: number; learners: number }>();
        for (const prog of p.programmes.nodes)
          for (const dest of prog.destinations) {
            const row = demand.get(dest.occupation.id) ?? { occupation: dest.occupation.label, vacancies: dest.openVacanciesNearby, learners: 0 };
            row.vacancies = Math.max(row.vacancies, dest.openVacanciesNearby);
            row.learners += dest.learners;
            demand.set(dest.occupation.id, row);
          }
        const rows = [...demand.values()].sort((a, b) => b.vacancies - a.vacancies).slice(0, 10);
        return (
          <>
            <h3>{p.name}</h3>
            <p className="meta">
              {words(p.kind)} · {p.place?.name ?? ""} · {p.programmes.totalCount} programmes
            </p>
            {rows.length > 0 && (
              <Suspense fallback={<Loading what="the chart" />}>
                <DemandChart rows={rows} />
              </Suspense>
            )}
            {p.programmes.nodes.length === 0 ? (
              <Empty>No programmes recorded.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption>Programmes and their destinations</caption>
                  <thead>
                    <tr>
                      <th scope="col">Programme</th>
                      <th scope="col">Leads to</th>
                      <th scope="col">Skills taught</th>
                      <th scope="col">Learners</th>
                      <th scope="col">Open vacancies nearby</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.programmes.nodes.flatMap((prog) =>
                      prog.destinations.length === 0
                        ? [
                            <tr key={prog.id}>
                              <th scope="row">{prog.title}</th>
                              <td colSpan={4}>no destination recorded</td>
                            </tr>,
                          ]
                        : prog.destinations.map((dest, i) => (
                            <tr key={prog.id + dest.occupation.id}>
                              {i === 0 ? (
                                <th scope="row" rowSpan={prog.destinations.length}>
                                  {prog.title}
                                  <br />
                                  <span className="meta">
                                    {words(prog.kind)}
                                    {prog.durationWeeks ? `, ${prog.durationWeeks} weeks` : ""}
                                  </span>
                                </th>
                              ) : null}
                              <td>{dest.occupation.label}</td>
                              <td>{percent(dest.skillCoverage)}</td>
                              <td>{dest.learners}</td>
                              <td>{dest.openVacanciesNearby}</td>
                            </tr>
                          )),
                    )}
                  </tbody>
                </table>
              </div>
            )}
          </>
        );
      }}
    </Show>
  );
}
