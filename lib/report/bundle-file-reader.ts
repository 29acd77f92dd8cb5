import { LazyArray } from "./bundle-json";

// A value this long or shorter is parsed with JSON.parse at once; a longer object or array is
// split into its members, so that no single string nears V8's limit (2^29 - 24 characters).
export const WHOLE_PARSE_BYTES = 16 * 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

class JsonBytes {
  constructor(
    private readonly bytes: Buffer,
    private readonly wholeParseBytes: number,
  ) {}

  skipSpace(at: number): number {
    let i = at;
    while (isSpace(this.bytes[i])) i += 1;
    return i;
  }

  expect(at: number, char: string): number {
    if (this.bytes[at] !== char.charCodeAt(0)) throw new SyntaxError(`expected ${char} at ${at}`);
    return at + 1;
  }

  /** Where the string starting at `at` (its opening quote) ends, past its closing quote. */
  stringEnd(at: number): number {
    for (let i = at + 1; i < this.bytes.length; i += 1) {
      const byte = this.bytes[i];
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) return i + 1;
    }
    throw new SyntaxError("unterminated string");
  }

  /**
   * Where the value starting at `at` ends. UTF-8 never puts an ASCII byte inside a multi-byte
   * character, so quotes and brackets are found byte by byte; JSON.parse checks the rest.
   */
  valueEnd(at: number): number {
    const first = this.bytes[at];
    if (first === QUOTE) return this.stringEnd(at);
    if (first === 0x7b || first === 0x5b) {
      let depth = 0;
      for (let i = at; i < this.bytes.length; i += 1) {
        const byte = this.bytes[i];
        if (byte === QUOTE) i = this.stringEnd(i) - 1;
        else if (byte === 0x7b || byte === 0x5b) depth += 1;
        else if (byte === 0x7d || byte === 0x5d) {
          depth -= 1;
          if (depth === 0) return i + 1;
        }
      }
      throw new SyntaxError("unterminated object or array");
    }
    let i = at;
    while (
      i < this.bytes.length &&
      !isSpace(this.bytes[i]) &&
      !",]}".includes(String.fromCharCode(this.bytes[i] ?? 0))
    )
      i += 1;
    if (i === at) throw new SyntaxError(`expected a value at ${at}`);
    return i;
  }

  parseWhole(start: number, end: number): unknown {
    return JSON.parse(this.bytes.toString("utf8", start, end)) as unknown;
  }

  /** The value in [start, end): parsed whole when short, else split into members (arrays lazily). */
  value(start: number, end: number): unknown {
    const first = this.bytes[start];
    if (end - start <= this.wholeParseBytes || (first !== 0x7b && first !== 0x5b))
      return this.parseWhole(start, end);
    return first === 0x7b ? this.object(start, end) : this.array(start, end);
  }

  private object(start: number, end: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    let i = this.skipSpace(start + 1);
    if (this.bytes[i] === 0x7d) return this.closed(i, end, result);
    for (;;) {
      const keyEnd = this.stringEnd(this.expect(i, '"') - 1);
      const key = this.parseWhole(i, keyEnd) as string;
      i = this.skipSpace(this.expect(this.skipSpace(keyEnd), ":"));
      const valueEnd = this.valueEnd(i);
      // As JSON.parse: a member named __proto__ is data, never the prototype; the last one wins.
      Object.defineProperty(result, key, {
        value: this.value(i, valueEnd),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      i = this.skipSpace(valueEnd);
      if (this.bytes[i] === 0x7d) return this.closed(i, end, result);
      i = this.skipSpace(this.expect(i, ","));
    }
  }

  /** The array's elements, found now (so a malformed one is refused here) and parsed when read. */
  private array(start: number, end: number): LazyArray {
    const bounds: number[] = [];
    let i = this.skipSpace(start + 1);
    if (this.bytes[i] !== 0x5d)
      for (;;) {
        const elementEnd = this.valueEnd(i);
        bounds.push(i, elementEnd);
        i = this.skipSpace(elementEnd);
        if (this.bytes[i] === 0x5d) break;
        i = this.skipSpace(this.expect(i, ","));
      }
    this.closed(i, end, null);
    const parse = (at: number) => this.parseWhole(bounds[at] ?? 0, bounds[at + 1] ?? 0);
    return new LazyArray(async function* () {
      for (let at = 0; at < bounds.length; at += 2) yield parse(at);
    });
  }

  private closed<T>(closer: number, end: number, value: T): T {
    if (closer + 1 !== end) throw new SyntaxError(`unexpected text at ${closer}`);
    return value;
  }
}

/**
 * A JSON file's value without making it one string: a short file is JSON.parse'd; in a long one,
 * the large objects are split into members and the large arrays become LazyArrays, each element
 * parsed when read (for a bundle of 200,000 keys, past V8's longest string). Throws a SyntaxError
 * for text that is not JSON.
 */
export function readJsonFile(bytes: Buffer, wholeParseBytes = WHOLE_PARSE_BYTES): unknown {
  const json = new JsonBytes(bytes, wholeParseBytes);
  // A UTF-8 byte order mark is not JSON, as JSON.parse of the text would refuse it.
  const start = json.skipSpace(0);
  if (start >= bytes.length) throw new SyntaxError("empty");
  const end = json.valueEnd(start);
  if (json.skipSpace(end) !== bytes.length) throw new SyntaxError(`unexpected text at ${end}`);
  return json.value(start, end);
}
