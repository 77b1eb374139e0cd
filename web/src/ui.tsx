// Small building blocks every screen uses: loading, empty and error states,
// a place picker, and score bars.
import { useEffect, useId, useState, type ReactNode } from "react";
import { ApiError, request } from "./api";
import { PlacesQuery } from "./ops";

export type Load<T> = { state: "idle" } | { state: "loading" } | { state: "error"; error: string } | { state: "done"; data: T };

export function describe(e: unknown): string {
  if (e instanceof ApiError) return e.readable;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** useLoad runs fn whenever deps change (and key is not null), and tracks its state. */
export function useLoad<T>(fn: (() => Promise<T>) | null, deps: unknown[]): [Load<T>, () => void] {
  const [s, set] = useState<Load<T>>({ state: "idle" });
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!fn) {
      set({ state: "idle" });
      return;
    }
    let live = true;
    set({ state: "loading" });
    fn().then(
      (data) => live && set({ state: "done", data }),
      (e) => live && set({ state: "error", error: describe(e) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, n]);
  return [s, () => setN((x) => x + 1)];
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error, retry }: { error: string; retry?: () => void }) {
  return (
    <div className="error" role="alert">
      <p>{error}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Show renders a Load in its state, or children with the data. */
export function Show<T>({ load, what, retry, children }: { load: Load<T>; what: string; retry?: () => void; children: (d: T) => ReactNode }) {
  switch (load.state) {
    case "idle":
      return null;
    case "loading":
      return <Loading what={what} />;
    case "error":
      return <ErrorNote error={load.error} retry={retry} />;
    default:
      return <>{children(load.data)}</>;
  }
}

export interface PickedPlace {
  id: string;
  name: string;
}

/** PlacePicker searches places by name or ONS code. */
export function PlacePicker({ label, value, onChange }: { label: string; value: PickedPlace | null; onChange(p: PickedPlace | null): void }) {
  const id = useId();
  const [text, setText] = useState(value?.name ?? "");
  const [options, setOptions] = useState<PickedPlace[]>([]);
  useEffect(() => {
    const t = text.trim();
    if (t.length < 2 || (value && t === value.name)) return;
    let live = true;
    const timer = setTimeout(() => {
      request(PlacesQuery, { text: t }).then(
        (d) => live && setOptions(d.places.nodes.map((p) => ({ id: p.id, name: p.name }))),
        () => live && setOptions([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, value]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        list={`${id}-list`}
        value={text}
        autoComplete="off"
        placeholder="town, area or ONS code"
        onChange={(e) => {
          const v = e.target.value;
          setText(v);
          const hit = options.find((o) => o.name === v || o.id === v);
          onChange(hit ?? null);
        }}
      />
      <datalist id={`${id}-list`}>
        {options.map((o) => (
          <option key={o.id} value={o.name}>
            {o.id}
          </option>
        ))}
      </datalist>
    </div>
  );
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Bars draws named parts in [0,1] as labelled horizontal bars. */
export function Bars({ parts, label }: { parts: [string, number][]; label: string }) {
  return (
    <dl className="bars" aria-label={label}>
      {parts.map(([name, v]) => (
        <div className="bar" key={name}>
          <dt>{name}</dt>
          <dd>
            <span className="track" aria-hidden="true">
              <span className="fill" style={{ width: pct(Math.max(0, Math.min(1, v))) }} />
            </span>
            <span className="value">{pct(v)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export const percent = pct;

export function money(n: number | null | undefined): string {
  if (!n) return "pay not stated";
  return `£${Math.round(n).toLocaleString("en-GB")}`;
}

export function words(enumValue: string): string {
  const s = enumValue.toLowerCase().replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
