/**
 * JSON as text: where it first goes wrong, and indenting it without parsing, so that numbers keep the digits they
 * were written with (`10.50`, 20-digit ids) instead of passing through a double.
 *
 * Where it goes wrong: V8's messages differ between Node versions (Node 22 drops the position) and
 * quote the text around the error, which may hold secrets, so the position is found here and nothing is quoted.
 */
export interface JsonSyntaxError {
  /** Index into the text (UTF-16 code units). */
  offset: number;
  /** From 1. */
  line: number;
  /** From 1. */
  column: number;
  /** The text ended where more was expected. */
  atEnd: boolean;
}

/** `unexpected character at line 1, column 7 (position 6)`, or undefined when the text is valid JSON. */
export function describeJsonError(text: string): string | undefined {
  const error = findJsonError(text);
  if (error === undefined) return undefined;
  const what = error.atEnd ? 'unexpected end of input' : 'unexpected character';
  return `${what} at line ${error.line}, column ${error.column} (position ${error.offset})`;
}

export function findJsonError(text: string): JsonSyntaxError | undefined {
  const offset = firstErrorOffset(text);
  if (offset === undefined) return undefined;
  const lines = text.slice(0, offset).split('\n');
  return { offset, line: lines.length, column: (lines.at(-1) ?? '').length + 1, atEnd: offset >= text.length };
}

// Whitespace, then one token: punctuation (group 1) or a scalar (group 2); nothing matched = an error at that point.
const jsonToken =
  // eslint-disable-next-line no-control-regex -- JSON forbids raw control characters inside strings
  /[ \t\n\r]*(?:([{}[\],:])|("(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null))?/y;

function firstErrorOffset(text: string): number | undefined {
  const open: string[] = [];
  let expect: 'value' | 'key' | 'colon' | 'next' | 'end' = 'value';
  let justOpened = false; // an empty {} or [] may close right away
  for (let index = 0; ; ) {
    jsonToken.lastIndex = index;
    const match = jsonToken.exec(text)!;
    const token = match[1] ?? match[2];
    const at = index + match[0].length - (token?.length ?? 0);
    index += match[0].length;
    if (token === undefined) return expect === 'end' && at === text.length ? undefined : at;
    const top = open.at(-1);
    if (expect === 'value' && (token === '{' || token === '[')) {
      open.push(token);
      expect = token === '{' ? 'key' : 'value';
      justOpened = true;
      continue;
    }
    if (expect === 'key' && token.startsWith('"')) {
      expect = 'colon';
      justOpened = false;
      continue;
    }
    if (expect === 'colon' && token === ':') {
      expect = 'value';
      continue;
    }
    if (expect === 'next' && token === ',') {
      expect = top === '{' ? 'key' : 'value';
      continue;
    }
    const closes = (token === '}' && top === '{') || (token === ']' && top === '[');
    const endsValue = (expect === 'value' && match[2] !== undefined) || (closes && (expect === 'next' || justOpened));
    if (!endsValue) return at;
    if (closes) open.pop();
    justOpened = false;
    expect = open.length > 0 ? 'next' : 'end';
  }
}

/** Two-space indented JSON of valid JSON `text`, every string and number token exactly as written. */
export function prettyJson(text: string): string {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|[{}[\],:]|[^\s{}[\],:"]+/g) ?? [];
  let depth = 0;
  let out = '';
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '{' || token === '[') {
      const next = tokens[i + 1];
      if (next === (token === '{' ? '}' : ']')) {
        out += token + next;
        i++;
        continue;
      }
      depth++;
      out += token + newline();
    } else if (token === '}' || token === ']') {
      depth--;
      out += newline() + token;
    } else if (token === ',') out += `,${newline()}`;
    else if (token === ':') out += ': ';
    else out += token;
  }
  return out;
}
