/**
 * Where JSON.parse gave up. V8 only sometimes puts a position in its message ("Unexpected token
 * '}', ..."x": [}" is not valid JSON" has none), so on failure this small scanner walks the text
 * by the JSON grammar and returns the offset of the first character that cannot be there (the text's
 * length when it ends too early). Only called after JSON.parse has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < n) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail();
          }
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) {
          i++;
          fail();
        }
        i += 2;
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) fail();
      i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') fail();
    i += m![0].length;
  };
  // An explicit stack instead of recursion: a deeply nested file must not overflow the call stack.
  const stack: ('{' | '[')[] = [];
  const value = () => {
    ws();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      stack.push(ch);
      i++;
      ws();
      if (text[i] === (ch === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        return false;
      }
      if (ch === '{') key();
      return true;
    }
    if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else fail();
    return false;
  };
  const key = () => {
    ws();
    if (text[i] !== '"') fail();
    string();
    ws();
    if (text[i] !== ':') fail();
    i++;
  };
  try {
    let opened = value();
    for (;;) {
      if (!opened) {
        ws();
        const top = stack[stack.length - 1];
        if (!top) break;
        const close = top === '{' ? '}' : ']';
        if (text[i] === ',') {
          i++;
          if (top === '{') key();
        } else if (text[i] === close) {
          i++;
          stack.pop();
          continue;
        } else fail();
      }
      opened = value();
    }
    ws();
    return i < n ? i : n;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, n) : n;
  }
}
