// OneWork partner widgets: <onework-career-moves> and
// <onework-vacancies-near>, loaded with one script tag from the API host:
//
//   <script src="https://hub.example/widget/onework.js" defer></script>
//   <onework-career-moves job-title="Retail Assistant" place="E07000081" distance="20"></onework-career-moves>
//   <onework-vacancies-near place="E07000081" distance="10" limit="5"></onework-vacancies-near>
//
// Each renders in its own shadow root (the page's styles neither leak in nor
// out), calls the public API by persisted query (a hash the hub knows; no
// query text), sends no cookies and no personal data, and says in words
// what went wrong when it cannot answer. An optional partner-key attribute
// is sent as the bearer token (a PARTNER token from the hub).
import { graphql } from "./gql";
import type { TypedDocumentString } from "./gql/graphql";

const CareerMovesDoc = graphql(`
  query WidgetCareerMoves($title: String!, $placeId: ID!, $km: Float!, $first: Int!) {
    careerMoves(from: { jobTitle: $title }, near: { placeId: $placeId, withinKm: $km }, first: $first) {
      origin { label }
      moves {
        similarity crossSector vacanciesNearby
        occupation { label }
        missingSkills { essential skill { label } }
        programmes { title provider { name } }
      }
    }
  }
`);

const VacanciesNearDoc = graphql(`
  query WidgetVacanciesNear($placeId: ID!, $km: Float!, $first: Int!) {
    place(id: $placeId) { name }
    vacancies(filter: { near: { placeId: $placeId, withinKm: $km }, openNow: true }, first: $first) {
      totalCount
      nodes { title salaryMin contract employer { name realLivingWage } place { name } }
    }
  }
`);

const scriptOrigin = (() => {
  const s = document.currentScript as HTMLScriptElement | null;
  try {
    return s?.src ? new URL(s.src).origin : location.origin;
  } catch {
    return location.origin;
  }
})();

class WidgetError extends Error {}

async function call<R, V>(el: HTMLElement, doc: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const api = (el.getAttribute("api") || scriptOrigin).replace(/\/$/, "");
  const hash = String((doc as unknown as { __meta__?: { hash?: string } }).__meta__?.hash ?? "").replace(/^sha256:/, "");
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const key = el.getAttribute("partner-key");
  if (key) headers.Authorization = `Bearer ${key}`;
  let res: Response;
  try {
    res = await fetch(`${api}/graphql`, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      referrerPolicy: "no-referrer",
      headers,
      body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
  } catch {
    console.error(
      `OneWork widget: the API at ${api} refused this page's origin (${location.origin}) or could not be reached. ` +
        `The hub must list ${location.origin} in ONEWORK_CORS_ORIGINS.`,
    );
    throw new WidgetError("The OneWork service could not be reached from this page.");
  }
  const requestId = res.headers.get("X-Request-Id") ?? "unknown";
  let body: { data?: R; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
  try {
    body = await res.json();
  } catch {
    throw new WidgetError(`The OneWork service answered ${res.status} (request ${requestId}).`);
  }
  if (body.errors?.length || !body.data) {
    const e = body.errors?.[0];
    console.error(`OneWork widget: ${e?.extensions?.code ?? res.status}: ${e?.message ?? "no data"} (request ${requestId})`);
    throw new WidgetError(`${e?.message ?? "The OneWork service gave no answer"} (request ${requestId}).`);
  }
  return body.data;
}

const style = `
:host { display: block; font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b; border: 1px solid #c8c8c8; border-radius: 6px; padding: 12px; background: #fff; max-width: 40rem; }
h2 { font-size: 1.05rem; margin: 0 0 8px; }
ol, ul { margin: 0; padding-left: 1.2em; }
li { margin: 6px 0; }
.meta { color: #4a4a4a; font-size: 0.9em; }
.msg { color: #a3262a; }
.credit { color: #4a4a4a; font-size: 0.75em; margin-top: 8px; }
`;

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

abstract class OneWorkElement extends HTMLElement {
  protected root: ShadowRoot;
  private timer = 0;
  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
  }
  connectedCallback() {
    this.schedule();
  }
  attributeChangedCallback() {
    if (this.isConnected) this.schedule();
  }
  private schedule() {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.update(), 0);
  }
  protected show(html: string) {
    this.root.innerHTML = `<style>${style}</style><section aria-live="polite">${html}<p class="credit">From the OneWork partnership hub</p></section>`;
  }
  protected message(heading: string, text: string) {
    this.show(`<h2>${esc(heading)}</h2><p class="msg" role="alert">${esc(text)}</p>`);
  }
  protected distance(): number {
    const d = Number(this.getAttribute("distance") ?? "15");
    return Number.isFinite(d) && d > 0 && d <= 200 ? d : 15;
  }
  protected limit(): number {
    const n = Number(this.getAttribute("limit") ?? "5");
    return Number.isInteger(n) && n > 0 && n <= 20 ? n : 5;
  }
  protected place(heading: string): string | null {
    const p = (this.getAttribute("place") ?? "").trim();
    if (!p) {
      this.message(heading, "This widget needs a place: set its place attribute to an ONS area code, such as E07000081.");
      return null;
    }
    return p;
  }
  abstract update(): Promise<void>;
}

class CareerMoves extends OneWorkElement {
  static observedAttributes = ["job-title", "place", "distance", "limit", "partner-key", "api"];
  async update() {
    const heading = "Where could your skills take you?";
    const title = (this.getAttribute("job-title") ?? "").trim();
    const placeId = this.place(heading);
    if (placeId === null) return;
    if (!title) {
      this.message(heading, "This widget needs a job title: set its job-title attribute, such as Retail Assistant.");
      return;
    }
    this.show(`<h2>${esc(heading)}</h2><p class="meta">Loading moves from ${esc(title)}…</p>`);
    try {
      const d = await call(this, CareerMovesDoc, { title, placeId, km: this.distance(), first: this.limit() });
      const moves = d.careerMoves.moves;
      const from = d.careerMoves.origin?.label ?? title;
      if (moves.length === 0) {
        this.show(`<h2>${esc(heading)}</h2><p>No close move from ${esc(from)} was found near here.</p>`);
        return;
      }
      this.show(
        `<h2>From ${esc(from)}, near here</h2><ol>${moves
          .map((m) => {
            const gap = m.missingSkills.filter((s) => s.essential).map((s) => s.skill.label);
            const prog = m.programmes[0];
            return `<li><strong>${esc(m.occupation.label)}</strong> <span class="meta">${Math.round(m.similarity * 100)}% of skills in common${
              m.crossSector ? ", another sector" : ""
            }${m.vacanciesNearby != null ? `, ${m.vacanciesNearby} open vacancies nearby` : ""}</span>${
              gap.length ? `<br><span class="meta">To learn: ${esc(gap.slice(0, 4).join(", "))}</span>` : ""
            }${prog ? `<br><span class="meta">Local programme: ${esc(prog.title)}${prog.provider ? ` (${esc(prog.provider.name)})` : ""}</span>` : ""}</li>`;
          })
          .join("")}</ol>`,
      );
    } catch (e) {
      this.message(heading, e instanceof WidgetError ? e.message : "Something went wrong.");
    }
  }
}

class VacanciesNear extends OneWorkElement {
  static observedAttributes = ["place", "distance", "limit", "partner-key", "api"];
  async update() {
    const heading = "Vacancies near here";
    const placeId = this.place(heading);
    if (placeId === null) return;
    this.show(`<h2>${esc(heading)}</h2><p class="meta">Loading vacancies…</p>`);
    try {
      const km = this.distance();
      const d = await call(this, VacanciesNearDoc, { placeId, km, first: this.limit() });
      const where = d.place?.name ?? placeId;
      if (d.vacancies.nodes.length === 0) {
        this.show(`<h2>Vacancies within ${km} km of ${esc(where)}</h2><p>No open vacancies right now.</p>`);
        return;
      }
      this.show(
        `<h2>${d.vacancies.totalCount} open vacancies within ${km} km of ${esc(where)}</h2><ul>${d.vacancies.nodes
          .map(
            (v) =>
              `<li><strong>${esc(v.title)}</strong><br><span class="meta">${esc(v.employer.name)}${v.place ? `, ${esc(v.place.name)}` : ""}${
                v.salaryMin ? `, from £${Math.round(v.salaryMin).toLocaleString("en-GB")}` : ""
              }${v.employer.realLivingWage ? ", Real Living Wage employer" : ""}</span></li>`,
          )
          .join("")}</ul>`,
      );
    } catch (e) {
      this.message(heading, e instanceof WidgetError ? e.message : "Something went wrong.");
    }
  }
}

if (!customElements.get("onework-career-moves")) customElements.define("onework-career-moves", CareerMoves);
if (!customElements.get("onework-vacancies-near")) customElements.define("onework-vacancies-near", VacanciesNear);
