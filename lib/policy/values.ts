/** Parsers for the typed condition families: numbers, dates, IP ranges, booleans. */

export function parseNumber(text: string): number | null {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** ISO 8601 or epoch seconds, as IAM's Date operators accept; milliseconds since the epoch. */
export function parseDate(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export function parseBool(text: string): boolean | null {
  const t = text.toLowerCase();
  return t === "true" ? true : t === "false" ? false : null;
}

export interface IpRange {
  v6: boolean;
  lo: bigint;
  hi: bigint;
}

function parseV4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseV6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:]+$/.test(text)) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

/** An address (`10.0.0.1`) or a CIDR block (`10.0.0.0/8`, `2001:db8::/32`). */
export function parseIpRange(text: string): IpRange | null {
  const [addr, bitsText, extra] = text.trim().split("/");
  if (addr === undefined || extra !== undefined) return null;
  const v6 = addr.includes(":");
  const value = v6 ? parseV6(addr) : parseV4(addr);
  if (value === null) return null;
  const width = v6 ? 128 : 32;
  const bits = bitsText === undefined ? width : /^\d+$/.test(bitsText) ? Number(bitsText) : -1;
  if (bits < 0 || bits > width) return null;
  const hostBits = BigInt(width - bits);
  const lo = (value >> hostBits) << hostBits;
  return { v6, lo, hi: lo + (1n << hostBits) - 1n };
}

export function formatIp(value: bigint, v6: boolean): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join(".");
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((value >> s) & 0xffffn).toString(16));
  return groups.join(":");
}
