import { CSRF_COOKIE, CSRF_HEADER } from "@/lib/http/access-names";

/** The error every SWR hook throws: the server's message and status, never a stack. */
export class FetchError extends Error {
  override readonly name = "FetchError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function readCookie(name: string): string {
  if (typeof document === "undefined") return "";
  const match = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : "";
}

async function readError(response: Response): Promise<FetchError> {
  let message = `HTTP ${response.status}`;
  try {
    const body: unknown = await response.json();
    if (typeof body === "object" && body !== null && "error" in body) {
      const error = body.error;
      if (
        typeof error === "object" &&
        error !== null &&
        "message" in error &&
        typeof error.message === "string"
      )
        message = error.message;
    }
  } catch {
    // Not JSON: keep the status line.
  }
  return new FetchError(message, response.status);
}

export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" } });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}

/** A state-changing request: POST with the double-submit CSRF token the proxy checks. */
export async function postJson<T>(url: string, body: unknown = {}): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    cache: "no-store",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      [CSRF_HEADER]: readCookie(CSRF_COOKIE),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}
