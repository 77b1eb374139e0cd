// The one way the console talks to the API: typed operations (generated from
// schema/*.graphqls into src/gql) posted to /graphql with the bearer token
// held in memory. An expired or refused token pauses the request, asks the
// user to sign in again, and then retries it, so nothing on screen is lost.
import type { TypedDocumentString } from "./gql/graphql";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly requestId: string,
    readonly field?: string,
  ) {
    super(message);
  }
  /** The message as a person should read it, with the request id for support. */
  get readable(): string {
    return `${this.message} (request ${this.requestId || "unknown"})`;
  }
}

type Reauth = (reason: string) => Promise<void>;

let token: string | null = null;
let reauth: Reauth | null = null;

/** setToken keeps the token in memory only: never in storage or the address. */
export function setToken(t: string | null) {
  token = t;
}

export function hasToken(): boolean {
  return token !== null;
}

/** onUnauthenticated registers the sign-in-again prompt. */
export function onUnauthenticated(fn: Reauth | null) {
  reauth = fn;
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: string };
}

export async function request<R, V>(doc: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch("/graphql", {
        method: "POST",
        headers,
        body: JSON.stringify({ query: doc.toString(), variables: variables ?? {} }),
        credentials: "omit",
      });
    } catch {
      throw new ApiError("The API could not be reached; check your connection and try again", "NETWORK", "");
    }
    const requestId = res.headers.get("X-Request-Id") ?? "";
    let body: { data?: R; errors?: GraphQLError[] } = {};
    try {
      body = await res.json();
    } catch {
      throw new ApiError(`The API answered ${res.status} without a readable body`, "INTERNAL", requestId);
    }
    const first = body.errors?.[0];
    const code = first?.extensions?.code ?? (res.ok ? "" : "INTERNAL");
    if (code === "UNAUTHENTICATED" && reauth && attempt < 3) {
      await reauth(first?.message ?? "your sign-in has ended");
      continue;
    }
    if (first || !body.data) {
      throw new ApiError(first?.message ?? `The API answered ${res.status}`, code, requestId, first?.extensions?.field);
    }
    return body.data;
  }
}

/**
 * download fetches a file the API serves to signed-in callers (such as an
 * insight's CSV) with the token in the header, never in the address, and
 * saves it under the given name.
 */
export async function download(path: string, filename: string): Promise<void> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(path, { headers, credentials: "omit" });
  if (!res.ok) {
    let message = `The API answered ${res.status}`;
    try {
      const body = (await res.json()) as { errors?: GraphQLError[] };
      message = body.errors?.[0]?.message ?? message;
    } catch {
      // keep the status
    }
    throw new ApiError(message, "DOWNLOAD", res.headers.get("X-Request-Id") ?? "");
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
