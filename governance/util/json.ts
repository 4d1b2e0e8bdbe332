import { FileInputError } from './errors';

/** A JSON value with where it starts (1-based), so errors about it can point there. */
export type JsonNode =
  | {
      kind: 'object';
      line: number;
      column: number;
      entries: Array<{ key: string; keyLine: number; keyColumn: number; value: JsonNode }>;
    }
  | { kind: 'array'; line: number; column: number; items: JsonNode[] }
  | { kind: 'string'; line: number; column: number; value: string }
  | { kind: 'number'; line: number; column: number; value: number }
  | { kind: 'boolean'; line: number; column: number; value: boolean }
  | { kind: 'null'; line: number; column: number };

/** Strict JSON (RFC 8259) parsed into located nodes; syntax errors name the file, line and column. */
export function parseJsonWithLocations(text: string, file: string): JsonNode {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;

  const here = () => ({ line, column: i - lineStart + 1 });
  const fail = (message: string, at = here()): never => {
    throw new FileInputError(file, [{ ...at, message }]);
  };
  const describe = () => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));
  const skipSpace = () => {
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\n') {
        i += 1;
        line += 1;
        lineStart = i;
      } else if (ch === ' ' || ch === '\t' || ch === '\r') i += 1;
      else break;
    }
  };

  const parseString = (): string => {
    const start = here();
    i += 1; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length || text[i] === '\n') fail('unterminated string', start);
      const ch = text[i];
      if (ch === '"') {
        i += 1;
        return out;
      }
      if (ch === '\\') {
        const esc = text[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (esc !== undefined && esc in simple) {
          out += simple[esc];
          i += 2;
        } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('invalid escape in a string');
        continue;
      }
      if (ch < ' ') fail('a control character inside a string (escape it)');
      out += ch;
      i += 1;
    }
  };

  const parseValue = (): JsonNode => {
    skipSpace();
    const at = here();
    const ch = text[i];
    if (ch === '{') {
      i += 1;
      const entries: Extract<JsonNode, { kind: 'object' }>['entries'] = [];
      skipSpace();
      if (text[i] === '}') {
        i += 1;
        return { kind: 'object', ...at, entries };
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        const keyAt = here();
        const key = parseString();
        skipSpace();
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${describe()}`);
        i += 1;
        entries.push({ key, keyLine: keyAt.line, keyColumn: keyAt.column, value: parseValue() });
        skipSpace();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === '}') {
          i += 1;
          return { kind: 'object', ...at, entries };
        }
        fail(`expected ',' or '}' after a property, found ${describe()}`);
      }
    }
    if (ch === '[') {
      i += 1;
      const items: JsonNode[] = [];
      skipSpace();
      if (text[i] === ']') {
        i += 1;
        return { kind: 'array', ...at, items };
      }
      for (;;) {
        items.push(parseValue());
        skipSpace();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === ']') {
          i += 1;
          return { kind: 'array', ...at, items };
        }
        fail(`expected ',' or ']' after an array item, found ${describe()}`);
      }
    }
    if (ch === '"') return { kind: 'string', ...at, value: parseString() };
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (number) {
      i += number[0].length;
      return { kind: 'number', ...at, value: Number(number[0]) };
    }
    for (const [word, node] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { ...node, ...at } as JsonNode;
      }
    }
    return fail(`expected a JSON value, found ${describe()}`);
  };

  const root = parseValue();
  skipSpace();
  if (i < text.length) fail(`unexpected ${describe()} after the JSON value`);
  return root;
}

/** `$.a.b[2]`, or `$["odd key"]` for keys that are not plain names. */
export function jsonPath(parts: Array<string | number>): string {
  return (
    '$' +
    parts
      .map((part) =>
        typeof part === 'number'
          ? `[${part}]`
          : /^[A-Za-z_$][\w$]*$/.test(part)
            ? `.${part}`
            : `[${JSON.stringify(part)}]`,
      )
      .join('')
  );
}
