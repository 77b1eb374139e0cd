// Partnership insights, for admins and partnership leads: aggregate tables
// (vacancies and reach, fairness of referrals) with suppressed cells marked,
// one chart, and each table's CSV export. Never individual records.
import { lazy, Suspense, useState } from "react";
import { download, request as api } from "./api";
import type { ConsoleInsightsQuery } from "./gql/graphql";
import { InsightsQuery } from "./ops";
import { describe, Empty, ErrorNote, Loading, Show, useLoad } from "./ui";

const InsightChart = lazy(() => import("./charts").then((m) => ({ default: m.InsightChart })));

type Table = ConsoleInsightsQuery["reach"];

/** The last three years, to the start of next month (UTC). */
function window3y(): { from: string; to: string } {
  const now = new Date();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear() - 3, to.getUTCMonth(), 1));
  return { from: from.toISOString().replace(".000Z", "Z"), to: to.toISOString().replace(".000Z", "Z") };
}

export function Insights() {
  const [win] = useState(window3y);
  const [load, retry] = useLoad(() => request(win), [win]);
  return (
    <section aria-labelledby="insights-h">
      <h2 id="insights-h">Partnership insights</h2>
      <p className="meta">
        From {win.from.slice(0, 10)} to {win.to.slice(0, 10)}. Counts of fewer than 5 people, and figures that would reveal them, are shown as
        “suppressed”.
      </p>
      <Show load={load} what="the insights" retry={retry}>
        {(d) => (
          <>
            <InsightTable table={d.vacancies} chart />
            <InsightTable table={d.reach} />
            <InsightTable table={d.fairness} />
          </>
        )}
      </Show>
    </section>
  );
}

function request(win: { from: string; to: string }) {
  return api(InsightsQuery, { slice: { window: win } });
}

function InsightTable({ table, chart }: { table: Table; chart?: boolean }) {
  const [error, setError] = useState("");
  const id = `insight-${table.name}`;
  const label = table.columns.find((c) => c.kind === "LABEL")?.name;
  const measure = table.columns.find((c) => c.kind === "COUNT");
  const points: { label: string; value: number }[] = [];
  let hidden = 0;
  if (chart && measure)
    for (const r of table.rows) {
      const v = r.cells.find((c) => c.column === measure.name);
      if (!v || v.suppressed || v.value == null) hidden++;
      else points.push({ label: r.cells.find((c) => c.column === label)?.text ?? "All", value: v.value });
    }
  const suppressed = table.rows.reduce((n, r) => n + r.cells.filter((c) => c.suppressed).length, 0);
  return (
    <article className="card insight" aria-labelledby={id}>
      <h3 id={id}>{table.title}</h3>
      <p className="meta">
        As of {new Date(table.asOf).toISOString().slice(0, 16).replace("T", " ")} UTC
        {suppressed > 0 ? ` · ${suppressed} ${suppressed === 1 ? "cell" : "cells"} suppressed` : ""}
      </p>
      {table.notes.map((n) => (
        <p className="note" key={n}>
          {n}
        </p>
      ))}
      {table.allSuppressed && <p className="note">Every count in this table is suppressed: too few people to show safely.</p>}
      {chart && points.length > 0 && measure && (
        <Suspense fallback={<Loading what="the chart" />}>
          <InsightChart
            rows={points}
            measure={measure.description || measure.name}
            caption={`${table.title}: ${measure.description || measure.name}${hidden ? ` (${hidden} suppressed ${hidden === 1 ? "row" : "rows"} left out)` : ""}. The table below has the same figures.`}
          />
        </Suspense>
      )}
      {table.rows.length === 0 ? (
        <Empty>No figures for this window.</Empty>
      ) : (
        <div className="table-wrap" role="region" aria-label={`${table.title} table`} tabIndex={0}>
          <table>
            <caption>{table.title}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th scope="col" key={c.name} title={c.description}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {table.columns.map((col) => {
                    const c = r.cells.find((x) => x.column === col.name);
                    if (!c) return <td key={col.name} />;
                    return c.suppressed ? (
                      <td key={col.name} className="suppressed">
                        <abbr title="fewer than 5 people, or would reveal such a count">suppressed</abbr>
                      </td>
                    ) : (
                      <td key={col.name}>{c.text}</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <button
          type="button"
          className="link"
          onClick={() => download(table.csvPath, `${table.name}.csv`).then(() => setError(""), (e) => setError(describe(e)))}
        >
          Download {table.title} as CSV
        </button>
      </p>
      {error && <ErrorNote error={error} />}
    </article>
  );
}
