/** Where a JSON text goes wrong, as a 1-based line and column. */
export interface JsonProblem {
  line: number;
  column: number;
  message: string;
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Finds the first syntax error of a JSON text with its position (Node 20's own messages often
 * leave the position out). Undefined when the text is valid JSON. Pure.
 */
export function locateJsonError(text: string): JsonProblem | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonScanError(i, message);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i += 1;
  };
  const describeHere = (): string =>
    i >= text.length ? 'the file ends too early' : `unexpected ${JSON.stringify(text[i])}`;
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(describeHere());
  };
  const string = (): void => {
    i += 1;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i += 1;
        return;
      }
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in a string');
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== '') i += 2;
        else fail('bad escape in a string');
      } else if (c === '\n' || (c !== undefined && c < ' ')) fail('a string is not closed on its line');
      else i += 1;
    }
    fail('a string is not closed');
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (match === null || match[0] === '' || match[0] === '-') fail(describeHere());
    else i += match[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(c === undefined ? 'the file ends too early' : `unexpected ${JSON.stringify(c)} where a value should be`);
  };
  const object = (): void => {
    i += 1;
    ws();
    if (text[i] === '}') {
      i += 1;
      return;
    }
    for (;;) {
      ws();
      if (text[i] !== '"')
        fail(text[i] === '}' ? 'trailing comma before "}"' : `expected a "quoted" property name, ${describeHere()}`);
      string();
      ws();
      if (text[i] !== ':') fail(`expected ":" after a property name, ${describeHere()}`);
      i += 1;
      value();
      ws();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '}') {
        i += 1;
        return;
      }
      fail(`expected "," or "}", ${describeHere()}`);
    }
  };
  const array = (): void => {
    i += 1;
    ws();
    if (text[i] === ']') {
      i += 1;
      return;
    }
    for (;;) {
      value();
      ws();
      if (text[i] === ',') {
        i += 1;
        ws();
        if (text[i] === ']') fail('trailing comma before "]"');
        continue;
      }
      if (text[i] === ']') {
        i += 1;
        return;
      }
      fail(`expected "," or "]", ${describeHere()}`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected text after the end: ${JSON.stringify(text[i])}`);
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error;
    return { ...lineColumnAt(text, error.offset), message: error.message };
  }
}

/** The line of a property path (e.g. ['profiles', 'work', 'vad']) in a valid JSON text; best effort. */
export function lineOfPath(text: string, path: readonly string[]): number | undefined {
  let offset = 0;
  for (const segment of path) {
    const found = text.indexOf(`${JSON.stringify(segment)}`, offset);
    if (found < 0) return undefined;
    offset = found + 1;
  }
  return path.length === 0 ? undefined : lineColumnAt(text, offset - 1).line;
}
