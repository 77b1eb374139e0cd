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

export interface Picked {
  id: string;
  name: string;
}

/** PickedPlace is a place chosen in a PlacePicker. */
export type PickedPlace = Picked;

/**
 * SearchPicker is a text field that suggests matches from search as the
 * user types, and reports the match whose name (or id) is typed in full.
 */
export function SearchPicker({
  label,
  placeholder,
  minChars,
  search,
  value,
  onChange,
}: {
  label: string;
  placeholder?: string;
  minChars: number;
  search(text: string): Promise<Picked[]>;
  value: Picked | null;
  onChange(p: Picked | null): void;
}) {
  const id = useId();
  const [text, setText] = useState(value?.name ?? "");
  const [options, setOptions] = useState<Picked[]>([]);
  const match = (list: Picked[], v: string) => list.find((o) => o.name === v || o.id === v) ?? null;
  useEffect(() => {
    const t = text.trim();
    if (t.length < minChars || (value && t === value.name)) return;
    let live = true;
    const timer = setTimeout(() => {
      search(t).then(
        (found) => {
          if (!live) return;
          setOptions(found);
          // The typed text may name a match only once the matches arrive.
          const hit = match(found, text);
          if (hit) onChange(hit);
        },
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
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          onChange(match(options, e.target.value));
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

const searchPlaces = (text: string) => request(PlacesQuery, { text }).then((d) => d.places.nodes.map((p) => ({ id: p.id, name: p.name })));

/** PlacePicker searches places by name or ONS code. */
export function PlacePicker(props: { label: string; value: Picked | null; onChange(p: Picked | null): void }) {
  return <SearchPicker {...props} placeholder="town, area or ONS code" minChars={2} search={searchPlaces} />;
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

const acronyms: Record<string, string> = { NHS: "NHS", VCSE: "VCSE (voluntary and community)" };

export function words(enumValue: string): string {
  if (acronyms[enumValue]) return acronyms[enumValue];
  const s = enumValue.toLowerCase().replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
