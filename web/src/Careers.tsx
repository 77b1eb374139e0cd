// Career explorer: moves from any job title, near a place, with no
// personal data at all.
import { useId, useState, type FormEvent } from "react";
import { request } from "./api";
import { CareerMovesQuery } from "./ops";
import { MovesList } from "./Person";
import { PlacePicker, Show, useLoad, type PickedPlace } from "./ui";

export function Careers() {
  const [title, setTitle] = useState("");
  const [place, setPlace] = useState<PickedPlace | null>(null);
  const [cross, setCross] = useState(false);
  const [query, setQuery] = useState<{ title: string; placeId?: string; cross: boolean } | null>(null);
  const [load, retry] = useLoad(
    query
      ? () =>
          request(CareerMovesQuery, {
            title: query.title,
            near: query.placeId ? { placeId: query.placeId, withinKm: 25 } : undefined,
            filter: query.cross ? { crossSectorOnly: true } : undefined,
          })
      : null,
    [JSON.stringify(query)],
  );
  const ids = { title: useId(), cross: useId() };
  function go(e: FormEvent) {
    e.preventDefault();
    if (title.trim()) setQuery({ title: title.trim(), placeId: place?.id, cross });
  }
  return (
    <section aria-labelledby="careers-h">
      <h2 id="careers-h">Career explorer</h2>
      <form className="filters" onSubmit={go} aria-label="Explore career moves">
        <div className="field">
          <label htmlFor={ids.title}>Job title</label>
          <input id={ids.title} value={title} required onChange={(e) => setTitle(e.target.value)} placeholder="for example Retail Assistant" />
        </div>
        <PlacePicker label="Near (optional)" value={place} onChange={setPlace} />
        <div className="field check">
          <input id={ids.cross} type="checkbox" checked={cross} onChange={(e) => setCross(e.target.checked)} />
          <label htmlFor={ids.cross}>Other sectors only</label>
        </div>
        <button type="submit">Show moves</button>
      </form>
      <Show load={load} what="career moves" retry={retry}>
        {(d) => (
          <>
            {d.careerMoves.normalisedTitle && (
              <p className="meta">
                Read “{query?.title}” as {d.careerMoves.origin?.label ?? d.careerMoves.normalisedTitle}.
              </p>
            )}
            <MovesList moves={d.careerMoves.moves} origin={d.careerMoves.origin?.label} />
          </>
        )}
      </Show>
    </section>
  );
}
