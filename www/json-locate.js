// Where is `turns[0].inputTokens` in this JSON text? A small scanner that records the
// character range of every value under the path syntax the library's issues use
// (`task.totals.turnCount`, `turns[2].seq`, '' for the whole body). Pure: no DOM, so Node
// tests import it too.

/** Map of path → { start, end } (end exclusive) for every value of a JSON text. */
export function locateJsonPaths(text) {
  const ranges = new Map();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i += 1;
  };
  const fail = () => {
    throw new SyntaxError(`unexpected ${i < text.length ? JSON.stringify(text[i]) : 'end'} at ${i}`);
  };
  const string = () => {
    const start = i;
    i += 1; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i += 1;
    return JSON.parse(text.slice(start, i)); // the key as JSON.parse reads it (escapes decoded)
  };
  const child = (path, key) => (path ? `${path}.${key}` : key);

  function value(path) {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i += 1;
      ws();
      while (text[i] !== '}') {
        if (text[i] !== '"') fail();
        const key = string();
        ws();
        if (text[i] !== ':') fail();
        i += 1;
        value(child(path, key));
        ws();
        if (text[i] === ',') {
          i += 1;
          ws();
        } else if (text[i] !== '}') fail();
      }
      i += 1;
    } else if (c === '[') {
      i += 1;
      ws();
      for (let n = 0; text[i] !== ']'; n += 1) {
        value(`${path}[${n}]`);
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] !== ']') fail();
      }
      i += 1;
    } else if (c === '"') {
      string();
    } else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m[0].length;
    }
    ranges.set(path, { start, end: i }); // a duplicate key overwrites: the last wins, as in JSON.parse
  }

  try {
    value('');
  } catch {
    // Broken or too deeply nested JSON: keep the values that were complete.
  }
  return ranges;
}

/** Parent path: `turns[0].seq` → `turns[0]` → `turns` → ''. */
export function parentPath(path) {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : '';
}

/**
 * The range to highlight for an issue: the value at its path; for a missing field, the
 * object that should hold it; for invalid JSON, the character at the reported line/column.
 */
export function rangeForIssue(text, issue) {
  const at = /line (\d+), column (\d+)/.exec(issue.message);
  if (issue.code === 'invalid_json' && at) {
    const lines = text.split('\n');
    const line = Math.min(Number(at[1]), lines.length);
    const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, Number(at[2]) - 1);
    const start = Math.max(0, Math.min(offset, text.length - 1)); // "end of input" → the last character
    return { start, end: Math.min(text.length, start + 1) };
  }
  const ranges = locateJsonPaths(text);
  for (let path = issue.path; ; path = parentPath(path)) {
    if (ranges.has(path)) return ranges.get(path);
    if (path === '') return { start: 0, end: 0 };
  }
}
