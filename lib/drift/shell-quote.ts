/** Quote one word for POSIX shells: single quotes, with embedded `'` written as `'\''`. */
export function quoteShell(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** One command line from words, each quoted. */
export function joinCommand(words: string[]): string {
  return words.map(quoteShell).join(" ");
}
