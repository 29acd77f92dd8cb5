/** One name the dashboard answers to: a host name or IP address, and a port (null: any port). */
export interface HostEntry {
  name: string;
  port: number | null;
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;
const PORT = /^\d{1,5}$/;

/** `name`, `name:port`, `[v6]` or `[v6]:port`, lower-cased; null when it is none of these. */
export function parseHostEntry(raw: string): HostEntry | null {
  const value = raw.trim().toLowerCase();
  const match = /^(\[[^\]]*\]|[^:[\]]+)(?::(.*))?$/.exec(value);
  if (!match?.[1]) return null;
  const name = match[1];
  if (!HOST_NAME.test(name) && !IPV6.test(name)) return null;
  if (match[2] === undefined) return { name, port: null };
  if (!PORT.test(match[2])) return null;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { name, port } : null;
}

/** `localhost`, `127.x.x.x` and `::1`, bracketed or not (HOST holds `::1`, a Host header `[::1]`). */
export function isLoopbackHost(name: string): boolean {
  const h = name.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Whether a request's `Host` header names this dashboard: a loopback name on any port, or an entry
 * of the allow-list. Anything else is a DNS-rebinding page or a misrouted request, and is refused
 * before authentication, CSRF or routing look at it.
 */
export function isAllowedHost(hostHeader: string | null, allowed: readonly HostEntry[]): boolean {
  if (!hostHeader) return false;
  const host = parseHostEntry(hostHeader);
  if (!host) return false;
  if (isLoopbackHost(host.name)) return true;
  return allowed.some((a) => a.name === host.name && (a.port === null || a.port === host.port));
}

/** Same-origin for a state-changing request: the Origin's host is the allowed Host it was sent to. */
export function isSameAllowedOrigin(
  origin: string,
  hostHeader: string | null,
  allowed: readonly HostEntry[],
): boolean {
  if (!hostHeader || !isAllowedHost(hostHeader, allowed)) return false;
  let originHost: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    originHost = url.host;
  } catch {
    return false;
  }
  return originHost === hostHeader.trim().toLowerCase() && isAllowedHost(originHost, allowed);
}
