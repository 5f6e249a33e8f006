/**
 * A small parser for Python literals as `repr()` writes them (The Movies Dataset stores
 * its nested columns this way: `[{'id': 16, 'name': 'Animation'}]`). It reads strings,
 * numbers, True/False/None, lists, tuples, dicts and sets, and nothing else: input is
 * data, never code, so there is no eval and no name lookup.
 */

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export class PythonLiteralError extends Error {
  constructor(
    message: string,
    readonly position: number
  ) {
    super(`${message} at position ${position}`);
    this.name = 'PythonLiteralError';
  }
}

/** Nesting limit: deep input must fail cleanly, not overflow the stack. */
const MAX_DEPTH = 64;

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07'
};

export function parsePythonLiteral(src: string): PyValue {
  let pos = 0;

  const fail = (message: string): never => {
    throw new PythonLiteralError(message, pos);
  };
  const skipSpace = () => {
    while (pos < src.length && ' \t\r\n'.includes(src[pos])) pos++;
  };

  function value(depth: number): PyValue {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    skipSpace();
    const c = src[pos];
    if (c === undefined) return fail('unexpected end of input');
    if (c === '[') return sequence(']', depth);
    if (c === '(') return tuple(depth);
    if (c === '{') return braces(depth);
    if (c === "'" || c === '"' || (/[uUrRbB]/.test(c) && /['"]/.test(src[pos + 1] ?? ''))) return string();
    if (/[-+0-9.]/.test(c)) return number();
    for (const [word, v] of [['True', true], ['False', false], ['None', null]] as const) {
      if (src.startsWith(word, pos) && !/\w/.test(src[pos + word.length] ?? '')) {
        pos += word.length;
        return v;
      }
    }
    return fail(`unexpected ${JSON.stringify(c)}`);
  }

  /** Comma-separated values up to `close`; a trailing comma is allowed. */
  function items(close: string, depth: number): { values: PyValue[]; commas: number } {
    pos++; // opening bracket
    const values: PyValue[] = [];
    let commas = 0;
    for (;;) {
      skipSpace();
      if (src[pos] === close) {
        pos++;
        return { values, commas };
      }
      values.push(value(depth + 1));
      skipSpace();
      if (src[pos] === ',') {
        pos++;
        commas++;
      } else if (src[pos] !== close) fail(`expected "," or "${close}"`);
    }
  }

  function sequence(close: string, depth: number): PyValue[] {
    return items(close, depth).values;
  }

  /** `(a, b)` and `(a,)` are tuples (→ arrays); `(a)` is just a parenthesised value. */
  function tuple(depth: number): PyValue {
    const { values, commas } = items(')', depth);
    return values.length === 1 && commas === 0 ? values[0] : values;
  }

  /** `{k: v}` → object (keys as strings), `{a, b}` → array (a set), `{}` → object. */
  function braces(depth: number): PyValue {
    const start = pos;
    pos++;
    skipSpace();
    if (src[pos] === '}') {
      pos++;
      return {};
    }
    value(depth + 1); // peek: a ':' after the first item makes it a dict
    skipSpace();
    if (src[pos] !== ':') {
      pos = start;
      return sequence('}', depth);
    }
    pos = start + 1;
    const obj: { [key: string]: PyValue } = {};
    for (;;) {
      skipSpace();
      if (src[pos] === '}') {
        pos++;
        return obj;
      }
      const key = value(depth + 1);
      skipSpace();
      if (src[pos] !== ':') fail('expected ":"');
      pos++;
      const v = value(depth + 1);
      // defineProperty: a "__proto__" key becomes data, not the object's prototype.
      Object.defineProperty(obj, keyOf(key), { value: v, enumerable: true, writable: true, configurable: true });
      skipSpace();
      if (src[pos] === ',') pos++;
      else if (src[pos] !== '}') fail('expected "," or "}"');
    }
  }

  function keyOf(k: PyValue): string {
    if (typeof k === 'string') return k;
    if (k === null || typeof k !== 'object') return String(k);
    return JSON.stringify(k);
  }

  function string(): string {
    let raw = false;
    while (/[uUrRbB]/.test(src[pos])) raw ||= /[rR]/.test(src[pos++]);
    const quote = src[pos++];
    let s = '';
    for (;;) {
      const c = src[pos];
      if (c === undefined || c === '\n') return fail('unterminated string');
      pos++;
      if (c === quote) return s;
      if (c !== '\\') {
        s += c;
        continue;
      }
      const e = src[pos];
      if (e === undefined) return fail('unterminated string');
      if (raw) {
        s += `\\${e}`; // raw strings keep the backslash; it still protects a quote
        pos++;
      } else s += escape();
    }
  }

  function escape(): string {
    const e = src[pos++];
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e];
    if (e === '\n') return ''; // line continuation
    if (e === 'x') return hexChar(2);
    if (e === 'u') return hexChar(4);
    if (e === 'U') return hexChar(8);
    if (/[0-7]/.test(e)) {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(src[pos] ?? '')) digits += src[pos++];
      return String.fromCodePoint(parseInt(digits, 8));
    }
    return `\\${e}`; // Python keeps unknown escapes as written
  }

  function hexChar(n: number): string {
    const hex = src.slice(pos, pos + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) fail(`bad \\${n === 2 ? 'x' : n === 4 ? 'u' : 'U'} escape`);
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) fail('escape beyond U+10FFFF');
    pos += n;
    return String.fromCodePoint(cp);
  }

  function number(): number {
    const m = /^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?/.exec(src.slice(pos));
    if (!m) return fail('bad number');
    pos += m[0].length;
    const n = Number(m[0].replace(/_/g, ''));
    return Number.isFinite(n) ? n : fail('bad number');
  }

  const result = value(0);
  skipSpace();
  if (pos < src.length) fail('unexpected text after the value');
  return result;
}
